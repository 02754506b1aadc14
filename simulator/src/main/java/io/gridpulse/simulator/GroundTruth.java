package io.gridpulse.simulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run contains, for checking the jobs against: per meter the exact consumption the
 * consumption job must emit, every injected anomaly, every disconnection case and the records per
 * topic. Per-meter figures are kept in primitive arrays; the map views are built on request.
 *
 * <p>{@code expected_kwh} of a meter is the true energy over all intervals between consecutive
 * delivered genuine reads (misreads, duplicates and late re-sends are not genuine; estimated reads
 * are), except an interval ending at a METER_REPLACED read; {@code expected_intervals} counts them.
 */
public final class GroundTruth {

    private final SimulationConfig config;
    private final long[] expectedMilli;
    private final int[] intervals;
    private final List<InjectedAnomaly> anomalies;
    private final List<ServiceCase> serviceCases;
    private final Map<String, Long> recordsByTopic;
    private final List<HighBillLabel> highBills;
    private final List<OutageLabel> outages;

    GroundTruth(
            SimulationConfig config,
            long[] expectedMilli,
            int[] intervals,
            List<InjectedAnomaly> anomalies,
            List<ServiceCase> serviceCases,
            Map<String, Long> recordsByTopic,
            List<HighBillLabel> highBills,
            List<OutageLabel> outages) {
        this.config = config;
        this.expectedMilli = expectedMilli;
        this.intervals = intervals;
        this.anomalies = List.copyOf(anomalies);
        this.serviceCases = List.copyOf(serviceCases);
        this.outages = List.copyOf(outages);
        this.recordsByTopic = Collections.unmodifiableMap(new LinkedHashMap<>(recordsByTopic));
        this.highBills = List.copyOf(highBills);
    }

    public SimulationConfig config() {
        return config;
    }

    /**
     * Expected interval consumption per meter id, kWh with scale 3, for every meter of the city.
     */
    public Map<String, BigDecimal> expectedKwhByMeter() {
        Map<String, BigDecimal> map = new LinkedHashMap<>();
        for (int i = 0; i < expectedMilli.length; i++) {
            map.put(Ids.meter(i), Records.kwh(expectedMilli[i]));
        }
        return map;
    }

    /** Expected number of consumption intervals per meter id, for every meter of the city. */
    public Map<String, Integer> expectedIntervalsByMeter() {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < intervals.length; i++) {
            map.put(Ids.meter(i), intervals[i]);
        }
        return map;
    }

    /** The customer id of every meter that is in the customer data. */
    public Map<String, String> customerByMeter() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < config.customers(); i++) {
            map.put(Ids.meter(i), Ids.customer(i));
        }
        return map;
    }

    /** Meters that deliver reads but have no customer record. */
    public Set<String> metersWithoutCustomer() {
        Set<String> meters = new LinkedHashSet<>();
        for (int i = config.customers(); i < config.meters(); i++) {
            meters.add(Ids.meter(i));
        }
        return meters;
    }

    /** Every injected anomaly, ordered by event time. */
    public List<InjectedAnomaly> anomalies() {
        return anomalies;
    }

    /** Every scripted disconnection case, ordered by disconnection time. */
    public List<ServiceCase> serviceCases() {
        return serviceCases;
    }

    /**
     * Every customer's billing period that lies wholly inside the run, with its change in use and
     * whether its bill is high against the same period last year; ordered by period end.
     */
    public List<HighBillLabel> highBills() {
        return highBills;
    }

    /**
     * Every labelled area power outage, collection failure and isolated meter fault, ordered by
     * start.
     */
    public List<OutageLabel> outages() {
        return outages;
    }

    /** Records emitted per input topic (logical names of {@link io.gridpulse.streams.Topics}). */
    public Map<String, Long> recordsByTopic() {
        return recordsByTopic;
    }

    public long totalRecords() {
        return recordsByTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Writes meter_totals.csv, anomalies.csv, service_cases.csv, high_bills.csv, outages.csv and
     * counts.csv into the directory.
     */
    public void writeTo(Path directory) throws IOException {
        new GroundTruthFiles(directory).write(this, expectedMilli, intervals);
    }
}
