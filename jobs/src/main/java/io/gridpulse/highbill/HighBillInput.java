package io.gridpulse.highbill;

/**
 * One input of {@link HighBillMonitor}, keyed by customer: a day of energy, a change of the
 * customer's master data, or an issued bill. Exactly one of the three is set.
 */
public class HighBillInput {

    public DailyUse day;
    public CustomerProfile customer;
    public BillFact bill;

    public HighBillInput() {}

    public static HighBillInput of(DailyUse day) {
        HighBillInput in = new HighBillInput();
        in.day = day;
        return in;
    }

    public static HighBillInput of(CustomerProfile customer) {
        HighBillInput in = new HighBillInput();
        in.customer = customer;
        return in;
    }

    public static HighBillInput of(BillFact bill) {
        HighBillInput in = new HighBillInput();
        in.bill = bill;
        return in;
    }

    public String customerId() {
        return day != null
                ? day.customerId
                : customer != null ? customer.customerId : bill.customerId;
    }
}
