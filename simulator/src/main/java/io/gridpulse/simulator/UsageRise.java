package io.gridpulse.simulator;

/**
 * A genuine change in a customer's use for high-bill alerts: a new appliance (from a day until the
 * end of the run), a cold snap (electric heating for a week or two) or ordinary variation (visitors
 * for a few days, a little more use), or a vacation (less use for a while). The household's demand
 * is multiplied by {@code factor} between {@code from} and {@code until}; no random draw is added,
 * so the household's other records stay as they were.
 */
final class UsageRise extends Fault {

    enum Cause {
        APPLIANCE,
        COLD_SNAP,
        MILD_VARIATION,
        /** The household is away: its use falls for one or two weeks. */
        VACATION
    }

    private final Cause cause;
    private final long from;
    private final long until;
    private final double factor;

    UsageRise(Cause cause, long from, long until, double factor) {
        this.cause = cause;
        this.from = from;
        this.until = until;
        this.factor = factor;
    }

    Cause cause() {
        return cause;
    }

    long from() {
        return from;
    }

    long until() {
        return until;
    }

    double factor() {
        return factor;
    }

    @Override
    long consumption(long slotStart, long demandMilli) {
        return slotStart >= from && slotStart < until
                ? Math.round(demandMilli * factor)
                : demandMilli;
    }
}
