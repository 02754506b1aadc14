package io.gridpulse.consumption;

import io.gridpulse.schema.Customer;

/** Who a meter belongs to, as far as consumption rows and rules need to know. */
public class MeterProfile {

    /** Grid of meters that are not (yet) in the customer data: their reads are still processed. */
    public static final String UNASSIGNED_GRID = "UNASSIGNED";

    /** Segment of meters without a customer record: their thresholds are the resident ones. */
    public static final String DEFAULT_SEGMENT = "RESIDENT";

    public String meterId;
    public String customerId;
    public String gridId;
    public String segment;

    /** Scheduled read cadence, 0 when unknown (then it is inferred from the reads). */
    public int readIntervalMinutes;

    /** Registered generation behind the meter: reverse energy is expected. */
    public boolean generation;

    /** False once the account is closed: the meter is retired. */
    public boolean active = true;

    /** Transformer area (台区) the meter is fed from; null when unknown. */
    public String transformerArea;

    /** The customer asked not to receive outage notices. */
    public boolean outageOptOut;

    /** WECHAT, SMS or NONE: how a notice reaches the customer (WeChat preferred). */
    public String channel = "NONE";

    public MeterProfile() {}

    public MeterProfile(String meterId, String customerId, String gridId, String segment) {
        this.meterId = meterId;
        this.customerId = customerId;
        this.gridId = gridId;
        this.segment = segment;
    }

    public static MeterProfile of(Customer customer) {
        MeterProfile profile =
                new MeterProfile(
                        customer.getMeterId(),
                        customer.getCustomerId(),
                        customer.getGridId(),
                        customer.getSegment().name());
        profile.readIntervalMinutes = customer.getReadIntervalMinutes();
        profile.generation =
                customer.getGenerationKw() != null && customer.getGenerationKw().signum() > 0;
        profile.active = customer.getActive();
        profile.transformerArea =
                customer.getTransformerArea() == null || customer.getTransformerArea().isBlank()
                        ? null
                        : customer.getTransformerArea();
        profile.outageOptOut = customer.getOutageNoticeOptOut();
        profile.channel =
                customer.getWechatBound() ? "WECHAT" : customer.getSmsBound() ? "SMS" : "NONE";
        return profile;
    }
}
