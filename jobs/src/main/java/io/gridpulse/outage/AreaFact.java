package io.gridpulse.outage;

import io.gridpulse.consumption.ConsumptionAnomaly;

/**
 * What the meter-keyed validation tells the area-keyed outage watch, keyed by transformer area: a
 * meter joins or leaves the area (its customer record), one of its reads (time and register only),
 * its power-down event (a last gasp: an off-schedule read flagged POWER_DOWN), an executed switch,
 * or a MISSING_READS / ZERO_CONSUMPTION case to be checked against the area's outages before it is
 * written.
 */
public class AreaFact {

    public static final byte MEMBER = 0;
    public static final byte LEAVE = 1;
    public static final byte READ = 2;
    public static final byte SWITCH = 3;
    public static final byte CASE = 4;
    public static final byte POWER_DOWN = 5;

    public String area;
    public String meterId;
    public byte kind;

    /** Read time, switch time, or the end of a case's window (epoch ms). */
    public long timeMs;

    /** The total register of a read, Wh. */
    public long wh;

    /** For a switch: true when the relay was closed again. */
    public boolean on;

    public String customerId;
    public String gridId;
    public int intervalMinutes;
    public boolean optOut;
    public String channel;

    /** For a case: the row the validation would have written. */
    public ConsumptionAnomaly anomaly;

    public AreaFact() {}

    private static AreaFact of(String area, String meterId, byte kind, long timeMs) {
        AreaFact f = new AreaFact();
        f.area = area;
        f.meterId = meterId;
        f.kind = kind;
        f.timeMs = timeMs;
        return f;
    }

    public static AreaFact member(
            String area,
            String meterId,
            String customerId,
            String gridId,
            int intervalMinutes,
            boolean optOut,
            String channel) {
        AreaFact f = of(area, meterId, MEMBER, 0);
        f.customerId = customerId;
        f.gridId = gridId;
        f.intervalMinutes = intervalMinutes;
        f.optOut = optOut;
        f.channel = channel;
        return f;
    }

    public static AreaFact leave(String area, String meterId) {
        return of(area, meterId, LEAVE, 0);
    }

    public static AreaFact read(String area, String meterId, long readMs, long wh) {
        AreaFact f = of(area, meterId, READ, readMs);
        f.wh = wh;
        return f;
    }

    /** The meter's power-down event (last gasp) at the moment its supply failed. */
    public static AreaFact powerDown(String area, String meterId, long atMs) {
        return of(area, meterId, POWER_DOWN, atMs);
    }

    public static AreaFact switched(String area, String meterId, long atMs, boolean on) {
        AreaFact f = of(area, meterId, SWITCH, atMs);
        f.on = on;
        return f;
    }

    public static AreaFact caseOf(String area, ConsumptionAnomaly anomaly) {
        AreaFact f = of(area, anomaly.meterId(), CASE, caseEndMs(anomaly));
        f.anomaly = anomaly;
        return f;
    }

    /** The end of a case's window: when it closed, or when it opened while still open. */
    public static long caseEndMs(ConsumptionAnomaly anomaly) {
        return anomaly.closedAt() != null
                ? anomaly.closedAt().toEpochMilli()
                : anomaly.readTime().toEpochMilli();
    }
}
