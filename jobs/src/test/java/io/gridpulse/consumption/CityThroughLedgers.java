package io.gridpulse.consumption;

import io.gridpulse.consumption.rules.Rules;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.simulator.CollectingRecordSink;
import io.gridpulse.simulator.RecordSink;
import io.gridpulse.streams.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * A simulated city's records straight through the meters' ledgers, in the order the simulator sent
 * them (no Flink, no broker), with the rows as ClickHouse returns them after FINAL. As a {@link
 * RecordSink} it takes the records as the simulator sends them, so a large city never sits in
 * memory; {@link #finish()} is the end of input.
 */
final class CityThroughLedgers implements RecordSink {

    final Map<String, IntervalConsumption> intervals = new LinkedHashMap<>();
    final Map<String, ConsumptionAnomaly> anomalies = new LinkedHashMap<>();
    final List<RegisterRead> late = new ArrayList<>();

    /** Each meter's read interval from the customer data. */
    final Map<String, Duration> readIntervals = new HashMap<>();

    private final MeterLedger ledger;
    private final Map<String, MeterState> states = new HashMap<>();
    private final MeterLedger.Output output;

    CityThroughLedgers(List<CollectingRecordSink.Sent> records, ValidationSettings settings) {
        this(settings, true);
        for (CollectingRecordSink.Sent sent : records) {
            send(sent.topic(), sent.key(), sent.value(), sent.timestampMillis());
        }
        finish();
    }

    /**
     * @param keepIntervals false to keep the cases only (a large city's interval rows do not fit)
     */
    CityThroughLedgers(ValidationSettings settings, boolean keepIntervals) {
        this.ledger = new MeterLedger(settings, Rules.all(settings));
        this.output =
                new MeterLedger.Output() {
                    @Override
                    public void interval(IntervalConsumption row) {
                        if (keepIntervals) {
                            intervals.put(row.meterId() + "@" + row.intervalEnd(), row);
                        }
                    }

                    @Override
                    public void anomaly(ConsumptionAnomaly row) {
                        anomalies.put(row.meterId() + "/" + row.rule() + "@" + row.readTime(), row);
                    }

                    @Override
                    public void late(RegisterRead read, long newestMs) {
                        late.add(read);
                    }

                    @Override
                    public void ownerFound(OwnerCorrection c) {
                        // as its statements do in ClickHouse
                        intervals.replaceAll((key, row) -> c.applyTo(row));
                        anomalies.replaceAll((key, row) -> c.applyTo(row));
                    }
                };
    }

    @Override
    public void send(String topic, String key, SpecificRecord value, long timestampMillis) {
        if (value instanceof MeterRead read) {
            if (read.getQualityFlags().contains(QualityFlag.POWER_DOWN)) {
                return; // as MeterReadValidator: a last gasp goes to the outage watch only
            }
            bind(read.getMeterId()).onRead(RegisterRead.of(read));
        } else if (value instanceof Customer customer) {
            readIntervals.put(
                    customer.getMeterId(), Duration.ofMinutes(customer.getReadIntervalMinutes()));
            bind(customer.getMeterId()).onProfile(MeterProfile.of(customer));
        } else if (value instanceof SwitchEvent event && topic.equals(Topics.SWITCH_EVENTS)) {
            MeterUpdate update = MeterUpdate.of(event);
            if (update != null) {
                bind(update.meterId).onSwitch(update);
            }
        }
    }

    private MeterLedger bind(String meter) {
        return ledger.bind(meter, states.computeIfAbsent(meter, m -> new MeterState()), output);
    }

    /** The end of input: every meter's remaining intervals go to the rules. */
    void finish() {
        states.forEach((meter, state) -> ledger.bind(meter, state, output).endOfInput());
        states.clear();
    }

    /** Wh per meter over the intervals that exist (not superseded). */
    Map<String, Long> whByMeter() {
        Map<String, Long> wh = new java.util.TreeMap<>();
        intervals.values().stream()
                .filter(r -> r.superseded() == 0)
                .forEach(
                        r ->
                                wh.merge(
                                        r.meterId(),
                                        r.kwh().movePointRight(3).longValue(),
                                        Long::sum));
        return wh;
    }
}
