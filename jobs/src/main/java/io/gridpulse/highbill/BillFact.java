package io.gridpulse.highbill;

import io.gridpulse.schema.Bill;

/** What the high-bill job keeps of an issued bill: the history it compares with. */
public class BillFact {

    public String customerId;
    public String period;
    public long amountCents;
    public long kwhWh;
    public long issuedAtMs;

    public BillFact() {}

    public BillFact(
            String customerId, String period, long amountCents, long kwhWh, long issuedAtMs) {
        this.customerId = customerId;
        this.period = period;
        this.amountCents = amountCents;
        this.kwhWh = kwhWh;
        this.issuedAtMs = issuedAtMs;
    }

    public static BillFact of(Bill bill) {
        return new BillFact(
                bill.getCustomerId(),
                bill.getPeriod(),
                bill.getAmount().movePointRight(2).longValueExact(),
                MeterReading.wh(bill.getKwh()),
                bill.getIssuedAt().toEpochMilli());
    }
}
