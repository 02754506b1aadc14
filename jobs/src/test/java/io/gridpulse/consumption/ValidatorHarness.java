package io.gridpulse.consumption;

import io.gridpulse.common.LateRecord;
import io.gridpulse.consumption.rules.Rules;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * A {@link MeterReadValidator} in an operator harness, with named reads and the rows as ClickHouse
 * would return them after {@code FINAL} (the highest version per key, superseded rows left out).
 */
final class ValidatorHarness implements AutoCloseable {

    static final String METER = "M-000042";
    static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant QUARTER_PAST = MIDNIGHT.plus(Duration.ofMinutes(15));
    static final Instant HALF_PAST = MIDNIGHT.plus(Duration.ofMinutes(30));
    static final Instant QUARTER_TO = MIDNIGHT.plus(Duration.ofMinutes(45));
    static final Instant ONE_AM = MIDNIGHT.plus(Duration.ofHours(1));
    static final Instant NEXT_DAY = MIDNIGHT.plus(Duration.ofDays(1));

    final ValidationSettings settings;

    /** As in the job: reads before the first watermark wait for it. */
    private final boolean waitForFirstWatermark;

    KeyedTwoInputStreamOperatorTestHarness<String, RegisterRead, MeterUpdate, IntervalConsumption>
            harness;

    /** Everything written so far, across restores. */
    private final List<IntervalConsumption> intervalWrites = new ArrayList<>();

    private final List<ConsumptionAnomaly> anomalyWrites = new ArrayList<>();
    private final List<LateRecord> lateWrites = new ArrayList<>();
    private final List<OwnerCorrection> corrections = new ArrayList<>();

    ValidatorHarness() throws Exception {
        this(ValidationSettings.defaults());
    }

    ValidatorHarness(ValidationSettings settings) throws Exception {
        this(settings, false);
    }

    ValidatorHarness(ValidationSettings settings, boolean waitForFirstWatermark) throws Exception {
        this.settings = settings;
        this.waitForFirstWatermark = waitForFirstWatermark;
        harness = open(null);
    }

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, RegisterRead, MeterUpdate, IntervalConsumption>
            open(OperatorSubtaskState restore) throws Exception {
        var h =
                new KeyedTwoInputStreamOperatorTestHarness<
                        String, RegisterRead, MeterUpdate, IntervalConsumption>(
                        new KeyedCoProcessOperator<>(
                                new MeterReadValidator(
                                        settings, Rules.all(settings), waitForFirstWatermark)),
                        r -> r.meterId,
                        p -> p.meterId,
                        Types.STRING);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    /** Takes a snapshot, throws the operator away and continues on a new one restored from it. */
    void snapshotAndRestore() throws Exception {
        collect();
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = open(snapshot);
    }

    static RegisterRead read(Instant at, String kwh) {
        return read(METER, at, kwh);
    }

    static RegisterRead read(String meter, Instant at, String kwh) {
        return new RegisterRead(meter, at.toEpochMilli(), wh(kwh), "AMI", false);
    }

    static RegisterRead read(Instant at, String kwh, String source) {
        return new RegisterRead(METER, at.toEpochMilli(), wh(kwh), source, false);
    }

    static RegisterRead newMeter(Instant at, String kwh) {
        return new RegisterRead(METER, at.toEpochMilli(), wh(kwh), "AMI", true);
    }

    static long wh(String kwh) {
        return RegisterRead.toWh(new BigDecimal(kwh));
    }

    static MeterProfile owner(String customer, String grid, String segment) {
        MeterProfile p = new MeterProfile(METER, customer, grid, segment);
        p.readIntervalMinutes = 15;
        return p;
    }

    void receive(RegisterRead... reads) throws Exception {
        for (RegisterRead read : reads) {
            harness.processElement1(new StreamRecord<>(read, read.readTimeMs));
        }
    }

    void receive(MeterProfile profile) throws Exception {
        harness.processElement2(new StreamRecord<>(MeterUpdate.of(profile)));
    }

    void switched(Instant at, boolean on) throws Exception {
        harness.processElement2(
                new StreamRecord<>(MeterUpdate.switched(METER, at.toEpochMilli(), on)));
    }

    void watermark(Instant at) throws Exception {
        watermark(at.toEpochMilli());
    }

    void watermark(long at) throws Exception {
        harness.processBothWatermarks(new Watermark(at));
    }

    /** End of input: every timer fires. */
    void endOfInput() throws Exception {
        watermark(Long.MAX_VALUE);
    }

    private void collect() {
        intervalWrites.addAll(harness.extractOutputValues());
        harness.getOutput().clear();
        var anomalies = harness.getSideOutput(MeterReadValidator.ANOMALIES);
        if (anomalies != null) {
            anomalies.forEach(r -> anomalyWrites.add(r.getValue()));
            anomalies.clear();
        }
        var owners = harness.getSideOutput(MeterReadValidator.OWNER_CORRECTIONS);
        if (owners != null) {
            owners.forEach(r -> corrections.add(r.getValue()));
            owners.clear();
        }
        var late = harness.getSideOutput(MeterReadValidator.LATE);
        if (late != null) {
            late.forEach(r -> lateWrites.add(r.getValue()));
            late.clear();
        }
    }

    List<IntervalConsumption> writes() {
        collect();
        return List.copyOf(intervalWrites);
    }

    List<OwnerCorrection> ownerCorrections() {
        collect();
        return List.copyOf(corrections);
    }

    /**
     * interval_consumption FINAL WHERE superseded = 0, ordered by meter and interval end; the owner
     * corrections applied after the rows, as their statements are in ClickHouse.
     */
    List<IntervalConsumption> intervals() {
        Map<String, IntervalConsumption> latest = new LinkedHashMap<>();
        for (IntervalConsumption row : writes()) {
            latest.merge(
                    row.meterId() + "@" + row.intervalEnd(),
                    row,
                    (a, b) -> b.version() >= a.version() ? b : a);
        }
        for (OwnerCorrection c : corrections) {
            latest.replaceAll((key, r) -> c.applyTo(r));
        }
        return latest.values().stream()
                .filter(r -> r.superseded() == 0)
                .sorted(
                        Comparator.comparing(IntervalConsumption::meterId)
                                .thenComparing(IntervalConsumption::intervalEnd))
                .toList();
    }

    /** consumption_anomalies FINAL, ordered by meter, rule and opening time. */
    List<ConsumptionAnomaly> anomalies() {
        collect();
        Map<String, ConsumptionAnomaly> latest = new LinkedHashMap<>();
        for (ConsumptionAnomaly row : anomalyWrites) {
            latest.merge(
                    row.meterId() + "/" + row.rule() + "@" + row.readTime(),
                    row,
                    (a, b) -> b.version() >= a.version() ? b : a);
        }
        for (OwnerCorrection c : corrections) {
            latest.replaceAll((key, r) -> c.applyTo(r));
        }
        return latest.values().stream()
                .sorted(
                        Comparator.comparing(ConsumptionAnomaly::meterId)
                                .thenComparing(ConsumptionAnomaly::rule)
                                .thenComparing(ConsumptionAnomaly::readTime))
                .toList();
    }

    List<ConsumptionAnomaly> anomalies(AnomalyRule rule) {
        return anomalies().stream().filter(a -> a.rule().equals(rule.name())).toList();
    }

    List<LateRecord> late() {
        collect();
        return List.copyOf(lateWrites);
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
