package io.gridpulse.simulator;

/**
 * Real extra consumption for a while, on top of the household's demand: for a couple of hours it is
 * a SPIKE (a welder, a heater switched on); for a few whole days around the clock it is
 * USAGE_OUT_OF_BAND (a heater or a pump left running: far more energy a day than usual, but no
 * sudden jump in one interval).
 */
final class ExtraDemand extends Fault {

    private final long from;
    private final long until;
    private final long extraMilliPerSlot;

    ExtraDemand(long from, long until, long extraMilliPerSlot) {
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
