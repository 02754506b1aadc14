package io.gridpulse.servicekpi;

import io.gridpulse.schema.Notice;
import io.gridpulse.schema.Payment;

/** A notice or a payment of a customer: counted in the unit the customer belonged to then. */
public class Activity {

    public FactType type;
    public String id;
    public String customerId;
    public long timeMs;
    public String kind;
    public String channel;

    public Activity() {}

    public static Activity of(Notice n) {
        Activity a = new Activity();
        a.type = FactType.NOTICE;
        a.id = n.getNoticeId();
        a.customerId = n.getCustomerId();
        a.timeMs = n.getSentAt().toEpochMilli();
        a.kind = n.getKind().name();
        a.channel = n.getChannel().name();
        return a;
    }

    public static Activity of(Payment p) {
        Activity a = new Activity();
        a.type = FactType.PAYMENT;
        a.id = p.getPaymentId();
        a.customerId = p.getCustomerId();
        a.timeMs = p.getPaidAt().toEpochMilli();
        a.channel = p.getChannel().name();
        return a;
    }

    KpiFact toFact() {
        KpiFact f = new KpiFact();
        f.type = type;
        f.id = id;
        f.customerId = customerId;
        f.timeMs = timeMs;
        f.kind = kind;
        f.channel = channel;
        return f;
    }
}
