package io.gridpulse.simulator;

import io.gridpulse.schema.ReadSource;

/**
 * Something wrong with one meter or its customer, injected on purpose so the consumption job has
 * something to find. A fault can change the energy the household draws, add generation behind the
 * meter, keep a disconnected meter counting, or change what the head-end delivers for a read; by
 * default it does none of these. Each faulty meter has exactly one fault.
 */
abstract class Fault {

    /** The household's demand in a slot, given what it would normally draw. */
    long consumption(long slotStart, long demandMilli) {
        return demandMilli;
    }

    /** Solar capacity behind the meter that the customer data does not know about, kW. */
    double unregisteredSolarKw(long slotStart) {
        return 0;
    }

    /** Whether energy still flows when the head-end has opened the relay. */
    boolean relayStuck() {
        return false;
    }

    /** Delivers the scheduled read at this time; by default the genuine one. */
    void read(Household household, long readTime, ReadDelivery reads) {
        reads.genuine(household, readTime, ReadSource.AMI);
    }
}
