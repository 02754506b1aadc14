package io.gridpulse.reconnect;

import io.gridpulse.schema.Customer;

/** Which customer a meter belongs to, from the {@code customers} changelog. */
public class MeterOwner {

    public String meterId;
    public String customerId;

    public MeterOwner() {}

    public MeterOwner(String meterId, String customerId) {
        this.meterId = meterId;
        this.customerId = customerId;
    }

    public static MeterOwner of(Customer c) {
        return new MeterOwner(c.getMeterId(), c.getCustomerId());
    }
}
