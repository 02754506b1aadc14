package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.streams.Topics;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

    private final SimulatedRuns.Run run = SimulatedRuns.city();
    private final GroundTruth truth = run.truth();

    @Test
    void meterWithoutFaultsIsExpectedToConsumeItsLastMinusFirstRegister() {
        Set<String> faulty =
                truth.anomalies().stream()
                        .map(InjectedAnomaly::meterId)
                        .collect(Collectors.toSet());
        Map<String, List<MeterRead>> byMeter =
                run.reads().stream().collect(Collectors.groupingBy(MeterRead::getMeterId));
        int checked = 0;
        for (Map.Entry<String, List<MeterRead>> meter : byMeter.entrySet()) {
            if (faulty.contains(meter.getKey())) {
                continue;
            }
            // power-down events (last gasps) and meter readers' visits (delivered days late) are
            // off the read schedule: no links of the chain
            List<MeterRead> reads =
                    new ArrayList<>(
                            meter.getValue().stream()
                                    .filter(
                                            r ->
                                                    !r.getQualityFlags()
                                                                    .contains(
                                                                            QualityFlag.POWER_DOWN)
                                                            && r.getSource() != ReadSource.MANUAL)
                                    .toList());
            reads.sort(Comparator.comparing(MeterRead::getReadTime));
            BigDecimal consumed =
                    reads.get(reads.size() - 1).getTotalKwh().subtract(reads.get(0).getTotalKwh());

            assertThat(truth.expectedKwhByMeter().get(meter.getKey()))
                    .as(meter.getKey())
                    .isEqualTo(consumed);
            assertThat(truth.expectedIntervalsByMeter().get(meter.getKey()))
                    .isEqualTo(reads.size() - 1);
            checked++;
        }
        assertThat(checked).isGreaterThan(400);
    }

    @Test
    void theConsumptionJobRulesAppliedToTheStreamGiveExactlyTheExpectedFigures() {
        Map<String, ReferenceConsumptionJob.Totals> derived =
                ReferenceConsumptionJob.run(run.records());

        Map<String, ReferenceConsumptionJob.Totals> expected = new HashMap<>();
        truth.expectedKwhByMeter()
                .forEach(
                        (meter, kwh) ->
                                expected.put(
                                        meter,
                                        new ReferenceConsumptionJob.Totals(
                                                kwh.movePointRight(3).longValueExact(),
                                                truth.expectedIntervalsByMeter().get(meter))));
        assertThat(derived).isEqualTo(expected);
    }

    @Test
    void expectedFiguresAreExactDecimalsWithScaleThree() {
        assertThat(truth.expectedKwhByMeter())
                .hasSize(500)
                .allSatisfy((meter, kwh) -> assertThat(kwh.scale()).isEqualTo(3));
    }

    @Test
    void aHandfulOfMetersReportReadsButHaveNoCustomerRecord() {
        Set<String> customerMeters =
                run.sink().values(Topics.CUSTOMERS, Customer.class).stream()
                        .map(Customer::getMeterId)
                        .collect(Collectors.toSet());
        Set<String> readMeters =
                run.reads().stream().map(MeterRead::getMeterId).collect(Collectors.toSet());

        assertThat(truth.metersWithoutCustomer())
                .hasSize(3)
                .doesNotContainAnyElementsOf(customerMeters);
        assertThat(readMeters).containsAll(truth.metersWithoutCustomer());
        assertThat(truth.customerByMeter().keySet()).isEqualTo(customerMeters);
    }

    @Test
    void countsTheRecordsOfEveryTopic() {
        Map<String, Long> emitted =
                run.records().stream()
                        .collect(
                                Collectors.groupingBy(
                                        CollectingRecordSink.Sent::topic, Collectors.counting()));

        assertThat(truth.recordsByTopic()).containsOnlyKeys(Topics.INPUTS).isEqualTo(emitted);
        assertThat(truth.totalRecords()).isEqualTo(run.records().size());
    }

    @Test
    void writesCsvFilesWithHeaders(@TempDir Path dir) throws IOException {
        truth.writeTo(dir);

        List<String> totals = Files.readAllLines(dir.resolve("meter_totals.csv"));
        assertThat(totals.get(0)).isEqualTo("meter_id,customer_id,expected_kwh,expected_intervals");
        assertThat(totals)
                .hasSize(501)
                .contains(
                        "M0000499,,"
                                + truth.expectedKwhByMeter().get("M0000499")
                                + ","
                                + truth.expectedIntervalsByMeter().get("M0000499"));
        List<String> anomalies = Files.readAllLines(dir.resolve("anomalies.csv"));
        assertThat(anomalies.get(0)).isEqualTo("meter_id,customer_id,rule,event_time,until,detail");
        assertThat(anomalies).hasSize(truth.anomalies().size() + 1);
        List<String> cases = Files.readAllLines(dir.resolve("service_cases.csv"));
        assertThat(cases.get(0))
                .startsWith(
                        "customer_id,meter_id,case,reason,disconnect_event_id,disconnected_at,");
        assertThat(cases).hasSize(truth.serviceCases().size() + 1);
        assertThat(Files.readAllLines(dir.resolve("counts.csv")))
                .startsWith(
                        "topic,records",
                        "customers," + truth.recordsByTopic().get(Topics.CUSTOMERS))
                .hasSize(8);
    }
}
