package io.gridpulse.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Picks one of a fixed set of options with fixed relative weights, using one random draw. */
final class WeightedChoice<T> {

    private final List<T> options;
    private final double[] cumulative;

    private WeightedChoice(List<T> options, double[] cumulative) {
        this.options = options;
        this.cumulative = cumulative;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T pick(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (target < cumulative[i]) {
                return options.get(i);
            }
        }
        return options.get(options.size() - 1);
    }

    static final class Builder<T> {
        private final List<T> options = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T option, double weight) {
            options.add(option);
            weights.add(weight);
            return this;
        }

        WeightedChoice<T> build() {
            double[] cumulative = new double[weights.size()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += weights.get(i);
                cumulative[i] = sum;
            }
            return new WeightedChoice<>(List.copyOf(options), cumulative);
        }
    }
}
