package io.gridpulse.simulator;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random generators from the run seed. Each household draws from
 * its own generator seeded by the run seed and its index, so what one customer does depends on
 * nothing but those two numbers, never on the order the simulator visits customers in.
 */
final class Seeds {

    /** Stream of a household's own generator, indexed by household. */
    static final long HOUSEHOLD = 1;

    /** Stream of the planners that pick which customers get faults and service cases. */
    static final long PLAN = 2;

    /** Stream of the per-batch shuffles of emitted records. */
    static final long SHUFFLE = 3;

    /** Stream of the city's weather, indexed by day. */
    static final long WEATHER = 4;

    /** Stream of per-grid service quality, indexed by grid. */
    static final long GRID = 5;

    /** Stream of customers' phone numbers, indexed by household; independent of the run seed. */
    static final long PHONE = 6;

    /** Stream of customers' opt-outs of high-bill alerts and last year's use, by household. */
    static final long HIGH_BILL = 7;

    /** Stream of genuine changes in customers' use during a billing period, by household. */
    static final long USAGE_CHANGE = 8;

    /** Stream of the opening bill history (issue and payment times, channels), by household. */
    static final long BILL_HISTORY = 9;

    /**
     * Stream of area outages, collection failures and meter faults, indexed by transformer area.
     */
    static final long OUTAGE = 10;

    /** Stream of households' everyday life: vacations, clock offsets, meter readers' visits. */
    static final long EVERYDAY = 11;

    private Seeds() {}

    static SplittableRandom random(long seed, long stream, long index) {
        return new SplittableRandom(mix(seed, stream, index));
    }

    static long mix(long seed, long stream, long index) {
        return splitMix(splitMix(seed ^ splitMix(stream)) ^ splitMix(index + 0x632BE59BD9B4E019L));
    }

    /** The SplitMix64 finaliser: a bijection that scatters nearby inputs across the whole range. */
    private static long splitMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
