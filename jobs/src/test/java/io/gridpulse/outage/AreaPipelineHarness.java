package io.gridpulse.outage;

import io.gridpulse.consumption.ConsumptionAnomaly;
import io.gridpulse.consumption.IntervalConsumption;
import io.gridpulse.consumption.MeterProfile;
import io.gridpulse.consumption.MeterReadValidator;
import io.gridpulse.consumption.MeterUpdate;
import io.gridpulse.consumption.RegisterRead;
import io.gridpulse.consumption.ValidationSettings;
import io.gridpulse.consumption.rules.Rules;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The consumption job's two keyed steps in operator harnesses, wired as in the job: the meter-keyed
 * validation, whose area facts go to the area-keyed outage watch, the watermark following. Collects
 * the outage rows, the notices, and every MISSING_READS / ZERO_CONSUMPTION case written (by
 * either).
 */
final class AreaPipelineHarness implements AutoCloseable {

    final KeyedTwoInputStreamOperatorTestHarness<
                    String, RegisterRead, MeterUpdate, IntervalConsumption>
            validator;
    final KeyedOneInputStreamOperatorTestHarness<String, AreaFact, OutageRow> watch;

    final List<OutageRow> rows = new ArrayList<>();
    final List<OutageNotice> notices = new ArrayList<>();
    final List<ConsumptionAnomaly> cases = new ArrayList<>();

    AreaPipelineHarness(OutageSettings outage) throws Exception {
        this(outage, false);
    }

    /**
     * @param waitForFirstWatermark as in the job: reads before the first watermark wait for it
     */
    AreaPipelineHarness(OutageSettings outage, boolean waitForFirstWatermark) throws Exception {
        ValidationSettings settings = ValidationSettings.defaults();
        validator =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new MeterReadValidator(
                                        settings, Rules.all(settings), waitForFirstWatermark)),
                        r -> r.meterId,
                        u -> u.meterId,
                        Types.STRING);
        validator.open();
        watch =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new AreaWatch(outage)),
                        (AreaFact f) -> f.area,
                        Types.STRING);
        watch.open();
    }

    void read(RegisterRead read) throws Exception {
        validator.processElement1(new StreamRecord<>(read, read.readTimeMs));
        pass();
    }

    void owner(MeterProfile profile) throws Exception {
        validator.processElement2(new StreamRecord<>(MeterUpdate.of(profile)));
        pass();
    }

    /** An executed switch of the meter: off (disconnected) or on again. */
    void switched(String meterId, long atMs, boolean on) throws Exception {
        validator.processElement2(new StreamRecord<>(MeterUpdate.switched(meterId, atMs, on)));
        pass();
    }

    void watermark(long ms) throws Exception {
        validator.processBothWatermarks(new Watermark(ms));
        pass();
        watch.processWatermark(new Watermark(ms));
        drainWatch();
    }

    void endOfInput() throws Exception {
        watermark(Long.MAX_VALUE);
    }

    /** Hands the validation's area facts to the watch, in the order they were written. */
    private void pass() throws Exception {
        var facts = validator.getSideOutput(MeterReadValidator.AREA_FACTS);
        if (facts != null) {
            for (var f : new ArrayList<>(facts)) {
                watch.processElement(new StreamRecord<>(f.getValue(), f.getTimestamp()));
            }
            facts.clear();
        }
        var direct = validator.getSideOutput(MeterReadValidator.ANOMALIES);
        if (direct != null) {
            direct.forEach(r -> cases.add(r.getValue()));
            direct.clear();
        }
        validator.getOutput().clear();
        drainWatch();
    }

    private void drainWatch() {
        rows.addAll(watch.extractOutputValues());
        watch.getOutput().clear();
        var n = watch.getSideOutput(AreaWatch.NOTICES);
        if (n != null) {
            n.forEach(r -> notices.add(r.getValue()));
            n.clear();
        }
        var c = watch.getSideOutput(AreaWatch.CASES);
        if (c != null) {
            c.forEach(r -> cases.add(r.getValue()));
            c.clear();
        }
    }

    int stateEntries() {
        return validator.numKeyedStateEntries() + watch.numKeyedStateEntries();
    }

    int timers() {
        return validator.numEventTimeTimers() + watch.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        validator.close();
        watch.close();
    }
}
