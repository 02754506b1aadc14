package io.gridpulse.simulator;

/**
 * USAGE_OUT_OF_BAND: a constant extra load (a heater or a pump left running) around the clock for a
 * few whole days: far more energy a day than usual, but never a sudden jump in one interval.
 */
final class ExtraLoad extends Fault {

    private final long from;
    private final long until;
    private final long extraMilliPerSlot;

    ExtraLoad(long from, long until, long extraMilliPerSlot) {
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
