package io.gridpulse.servicekpi;

import io.gridpulse.schema.AreaType;
import io.gridpulse.schema.Customer;

/** One version of a customer's master data, as far as the service KPIs need it. */
public class CustomerProfile {

    public String customerId;
    public String gridId;
    public String stationId;
    public String county;
    public boolean rural;
    public String meterId;
    public int readIntervalMinutes;
    public boolean contactVerified;
    public boolean smsBound;
    public boolean wechatBound;
    public boolean active;
    public long updatedAtMs;

    public CustomerProfile() {}

    public static CustomerProfile of(Customer c) {
        CustomerProfile p = new CustomerProfile();
        p.customerId = c.getCustomerId();
        p.gridId = c.getGridId();
        p.stationId = c.getStationId();
        p.county = c.getCounty();
        p.rural = c.getAreaType() == AreaType.RURAL;
        p.meterId = c.getMeterId();
        p.readIntervalMinutes = c.getReadIntervalMinutes();
        p.contactVerified = c.getContactVerified();
        p.smsBound = c.getSmsBound();
        p.wechatBound = c.getWechatBound();
        p.active = c.getActive();
        p.updatedAtMs = c.getUpdatedAt().toEpochMilli();
        return p;
    }

    /** A fact of this customer's grid, station and county. */
    KpiFact place(KpiFact f) {
        f.gridId = gridId;
        f.stationId = stationId;
        f.county = county;
        return f;
    }
}
