package io.gridpulse.simulator;

/** SPIKE: a real burst of consumption (a welder, a heater left on) for a couple of hours. */
final class Spike extends Fault {

    private final long from;
    private final long until;
    private final long extraMilliPerSlot;

    Spike(long from, long until, long extraMilliPerSlot) {
        this.from = from;
        this.until = until;
        this.extraMilliPerSlot = extraMilliPerSlot;
    }

    @Override
    long consumption(long slotStart, long demandMilli) {
        return slotStart >= from && slotStart < until
                ? demandMilli + extraMilliPerSlot
                : demandMilli;
    }
}
