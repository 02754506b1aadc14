package io.gridpulse.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to simulate: how many meters, for how many days from which instant, and the seed that makes
 * the run reproducible. The same configuration always produces the same records in the same order.
 *
 * @param meters all meters of the city, including the few that have no customer record
 * @param days length of the run in days
 * @param seed seed every random choice of the run is derived from
 * @param start first instant of the run; on a 15-minute boundary because meters read on those
 */
public record SimulationConfig(int meters, int days, long seed, Instant start) {

    public static final int MIN_METERS = 50;
    public static final int MAX_METERS = 1_000_000;
    public static final int MAX_DAYS = 366;
    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T00:00:00Z");

    private static final long READ_BOUNDARY_MILLIS = Duration.ofMinutes(15).toMillis();

    public SimulationConfig {
        Objects.requireNonNull(start, "start");
        if (meters < MIN_METERS || meters > MAX_METERS) {
            throw new IllegalArgumentException(
                    "meters must be between "
                            + MIN_METERS
                            + " and "
                            + MAX_METERS
                            + ", got "
                            + meters);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException(
                    "days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        if (start.toEpochMilli() % READ_BOUNDARY_MILLIS != 0 || start.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(
                    "start must be on a 15-minute boundary, like "
                            + DEFAULT_START
                            + ", got "
                            + start);
        }
    }

    /** A run of the given size from the default start instant. */
    public static SimulationConfig of(int meters, int days, long seed) {
        return new SimulationConfig(meters, days, seed, DEFAULT_START);
    }

    /** Meters the head-end reads that are missing from the customer data: a handful, reads only. */
    public int unregisteredMeters() {
        return Math.max(3, meters / 500);
    }

    /** Customers of the city; each has exactly one meter. */
    public int customers() {
        return meters - unregisteredMeters();
    }

    /** First instant after the run. */
    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }
}
