package io.gridpulse.simulator;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Picks customers at random for a role (a fault, a service case), each customer for at most one
 * role. A role that needs something rare may get fewer customers than asked for in a small city.
 */
final class CandidatePicker {

    private final Household[] households;
    private final int customers;
    private final BitSet taken;
    private final SplittableRandom random;

    CandidatePicker(Household[] households, int customers, BitSet taken, SplittableRandom random) {
        this.households = households;
        this.customers = customers;
        this.taken = taken;
        this.random = random;
    }

    /** How many customers get each role: a share of the city, but at least two. */
    static int quota(int customers, double share) {
        return (int) Math.max(2, Math.round(customers * share));
    }

    /**
     * Offers random free customers to {@code assign} until it accepted {@code quota} of them.
     *
     * @param assign gives the customer the role and returns true, or returns false when the
     *     customer does not fit it
     */
    void pick(int quota, Predicate<Household> assign) {
        int assigned = 0;
        for (int attempt = 0; attempt < 200 * quota && assigned < quota; attempt++) {
            int index = random.nextInt(customers);
            Household household = households[index];
            if (!taken.get(index) && household.generationKw() == 0 && assign.test(household)) {
                taken.set(index);
                assigned++;
            }
        }
    }
}
