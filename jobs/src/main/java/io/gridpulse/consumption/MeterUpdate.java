package io.gridpulse.consumption;

import io.gridpulse.schema.SwitchAction;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.schema.SwitchStage;

/**
 * What the consumption job learns about a meter besides its reads, on one keyed input: a customer
 * record (who owns it) or an executed switch (the relay opened or closed).
 */
public class MeterUpdate {

    public String meterId;

    /** The customer record, or null for a switch. */
    public MeterProfile profile;

    /** When the switch was executed (epoch ms), for a switch. */
    public long switchMs;

    /** True when the relay was closed again (reconnected), false when opened. */
    public boolean switchedOn;

    public MeterUpdate() {}

    public static MeterUpdate of(MeterProfile profile) {
        MeterUpdate u = new MeterUpdate();
        u.meterId = profile.meterId;
        u.profile = profile;
        return u;
    }

    public static MeterUpdate switched(String meterId, long atMs, boolean on) {
        MeterUpdate u = new MeterUpdate();
        u.meterId = meterId;
        u.switchMs = atMs;
        u.switchedOn = on;
        return u;
    }

    /** An executed disconnect or reconnect; null for any other step (ordered, failed). */
    public static MeterUpdate of(SwitchEvent event) {
        if (event.getStage() != SwitchStage.EXECUTED || event.getAction() == SwitchAction.UNKNOWN) {
            return null;
        }
        return switched(
                event.getMeterId(),
                event.getEventTime().toEpochMilli(),
                event.getAction() == SwitchAction.RECONNECT);
    }
}
