package io.gridpulse.highbill;

import io.gridpulse.schema.Customer;
import io.gridpulse.schema.Segment;

/** What the high-bill job needs of a customer's master data. */
public class CustomerProfile {

    public String customerId;
    public String meterId;
    public String gridId;
    public String segment;
    public boolean smsBound;
    public boolean wechatBound;
    public boolean optOut;

    /** 0 when the record has none: the configured default applies. */
    public int billingDay;

    public boolean active;

    public CustomerProfile() {}

    public CustomerProfile(
            String customerId,
            String meterId,
            String gridId,
            String segment,
            boolean smsBound,
            boolean wechatBound,
            boolean optOut,
            int billingDay,
            boolean active) {
        this.customerId = customerId;
        this.meterId = meterId;
        this.gridId = gridId;
        this.segment = segment;
        this.smsBound = smsBound;
        this.wechatBound = wechatBound;
        this.optOut = optOut;
        this.billingDay = billingDay;
        this.active = active;
    }

    public static CustomerProfile of(Customer customer) {
        return new CustomerProfile(
                customer.getCustomerId(),
                customer.getMeterId(),
                customer.getGridId(),
                customer.getSegment().name(),
                customer.getSmsBound(),
                customer.getWechatBound(),
                customer.getHighBillOptOut(),
                customer.getBillingDay() == null ? 0 : customer.getBillingDay(),
                customer.getActive());
    }

    /** Residents and renters pay the tiered residential tariff. */
    public boolean residential() {
        return Segment.RESIDENT.name().equals(segment)
                || Segment.RENTER.name().equals(segment)
                || Segment.UNKNOWN.name().equals(segment);
    }

    public int billingDay(int defaultDay) {
        return billingDay >= 1 && billingDay <= 28 ? billingDay : defaultDay;
    }
}
