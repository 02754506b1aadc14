package io.gridpulse.consumption;

import io.gridpulse.schema.Customer;

/** Who a meter belongs to, as far as consumption rows need to say it. */
public class MeterProfile {

    /** Grid of meters that are not (yet) in the customer data: their reads are still processed. */
    public static final String UNASSIGNED_GRID = "UNASSIGNED";

    static final MeterProfile UNKNOWN = new MeterProfile("", "", UNASSIGNED_GRID, "UNKNOWN");

    public String meterId;
    public String customerId;
    public String gridId;
    public String segment;

    public MeterProfile() {}

    public MeterProfile(String meterId, String customerId, String gridId, String segment) {
        this.meterId = meterId;
        this.customerId = customerId;
        this.gridId = gridId;
        this.segment = segment;
    }

    public static MeterProfile of(Customer customer) {
        return new MeterProfile(
                customer.getMeterId(),
                customer.getCustomerId(),
                customer.getGridId(),
                customer.getSegment().name());
    }
}
