package io.gridpulse.consumption;

import io.gridpulse.consumption.rules.Rules;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.simulator.CollectingRecordSink;
import io.gridpulse.streams.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated city's records straight through the meters' ledgers, in the order the simulator sent
 * them (no Flink, no broker), with the rows as ClickHouse returns them after FINAL.
 */
final class CityThroughLedgers {

    final Map<String, IntervalConsumption> intervals = new LinkedHashMap<>();
    final Map<String, ConsumptionAnomaly> anomalies = new LinkedHashMap<>();
    final List<RegisterRead> late = new ArrayList<>();

    CityThroughLedgers(List<CollectingRecordSink.Sent> records, ValidationSettings settings) {
        MeterLedger ledger = new MeterLedger(settings, Rules.all(settings));
        Map<String, MeterState> states = new HashMap<>();
        MeterLedger.Output output =
                new MeterLedger.Output() {
                    @Override
                    public void interval(IntervalConsumption row) {
                        intervals.put(row.meterId() + "@" + row.intervalEnd(), row);
                    }

                    @Override
                    public void anomaly(ConsumptionAnomaly row) {
                        anomalies.put(row.meterId() + "/" + row.rule() + "@" + row.readTime(), row);
                    }

                    @Override
                    public void late(RegisterRead read, long newestMs) {
                        late.add(read);
                    }
                };
        for (CollectingRecordSink.Sent sent : records) {
            if (sent.value() instanceof MeterRead read) {
                if (read.getQualityFlags().contains(QualityFlag.POWER_DOWN)) {
                    continue; // as MeterReadValidator: a last gasp goes to the outage watch only
                }
                String meter = read.getMeterId();
                ledger.bind(meter, states.computeIfAbsent(meter, m -> new MeterState()), output)
                        .onRead(RegisterRead.of(read));
            } else if (sent.value() instanceof Customer customer) {
                String meter = customer.getMeterId();
                ledger.bind(meter, states.computeIfAbsent(meter, m -> new MeterState()), output)
                        .onProfile(MeterProfile.of(customer));
            } else if (sent.value() instanceof SwitchEvent event
                    && sent.topic().equals(Topics.SWITCH_EVENTS)) {
                MeterUpdate update = MeterUpdate.of(event);
                if (update != null) {
                    ledger.bind(
                                    update.meterId,
                                    states.computeIfAbsent(update.meterId, m -> new MeterState()),
                                    output)
                            .onSwitch(update);
                }
            }
        }
        states.forEach((meter, state) -> ledger.bind(meter, state, output).endOfInput());
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
