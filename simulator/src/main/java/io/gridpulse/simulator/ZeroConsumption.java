package io.gridpulse.simulator;

/** ZERO_CONSUMPTION: a connected, active customer draws nothing at all for more than a day. */
final class ZeroConsumption extends Fault {

    private final long from;
    private final long until;

    ZeroConsumption(long from, long until) {
        this.from = from;
        this.until = until;
    }

    @Override
    long consumption(long slotStart, long demandMilli) {
        return slotStart >= from && slotStart < until ? 0 : demandMilli;
    }
}
