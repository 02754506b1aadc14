package io.gridpulse.simulator;

/**
 * FLATLINE: for a few days the meter registers exactly the same energy every slot, a meter that
 * repeats a value instead of measuring. The registered energy is the truth of the run.
 */
final class RepeatedValue extends Fault {

    private final long from;
    private final long until;
    private final long milliPerSlot;

    RepeatedValue(long from, long until, long milliPerSlot) {
        this.from = from;
        this.until = until;
        this.milliPerSlot = milliPerSlot;
    }

    @Override
    long consumption(long slotStart, long demandMilli) {
        return slotStart >= from && slotStart < until ? milliPerSlot : demandMilli;
    }
}
