package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.QualityFlag;
import io.gridpulse.schema.ReadSource;
import io.gridpulse.streams.Topics;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MeterReadInvariantsTest {

    private final SimulatedRuns.Run run = SimulatedRuns.city();

    @Test
    void timeOfUseRegistersSumToTheTotal() {
        // a TOU_SUM_MISMATCH meter's registers stop adding up on purpose
        Set<String> skewed =
                run.truth().anomalies().stream()
                        .filter(a -> a.rule() == AnomalyType.TOU_SUM_MISMATCH)
                        .map(InjectedAnomaly::meterId)
                        .collect(Collectors.toSet());
        List<MeterRead> withTou =
                run.reads().stream()
                        .filter(r -> r.getPeakKwh() != null && !skewed.contains(r.getMeterId()))
                        .toList();

        assertThat(withTou).hasSizeGreaterThan(run.reads().size() / 2);
        assertThat(withTou)
                .allSatisfy(
                        r -> {
                            assertThat(r.getPeakKwh().add(r.getFlatKwh()).add(r.getValleyKwh()))
                                    .isEqualTo(r.getTotalKwh());
                            assertThat(r.getTotalKwh().scale()).isEqualTo(3);
                        });
    }

    @Test
    void registersOfGenuineReadsNeverGoDownExceptAtAMeterSwap() {
        Set<String> skewed =
                run.truth().anomalies().stream()
                        .filter(a -> a.rule() == AnomalyType.TOU_SUM_MISMATCH)
                        .map(InjectedAnomaly::meterId)
                        .collect(Collectors.toSet());
        Set<String> misreads =
                run.truth().anomalies().stream()
                        .filter(a -> a.rule() == AnomalyType.NEGATIVE_DELTA)
                        .map(a -> a.meterId() + "@" + a.eventTime())
                        .collect(Collectors.toSet());
        Map<String, List<MeterRead>> byMeter = new LinkedHashMap<>();
        for (MeterRead read : run.reads()) {
            boolean genuine =
                    !read.getQualityFlags().contains(QualityFlag.RETRIED)
                            // a TOU_SUM_MISMATCH meter's last gasp carries its true registers
                            && !(skewed.contains(read.getMeterId())
                                    && read.getQualityFlags().contains(QualityFlag.POWER_DOWN))
                            && (read.getSource() != ReadSource.MANUAL
                                    || read.getQualityFlags().contains(QualityFlag.METER_REPLACED))
                            && !misreads.contains(read.getMeterId() + "@" + read.getReadTime());
            if (genuine) {
                byMeter.computeIfAbsent(read.getMeterId(), m -> new ArrayList<>()).add(read);
            }
        }

        assertThat(byMeter).hasSize(run.truth().config().meters());
        byMeter.forEach(
                (meter, reads) -> {
                    reads.sort(Comparator.comparing(MeterRead::getReadTime));
                    for (int i = 1; i < reads.size(); i++) {
                        MeterRead previous = reads.get(i - 1);
                        MeterRead read = reads.get(i);
                        if (!read.getQualityFlags().contains(QualityFlag.METER_REPLACED)) {
                            assertThat(read.getTotalKwh())
                                    .as("%s at %s", meter, read.getReadTime())
                                    .isGreaterThanOrEqualTo(previous.getTotalKwh());
                            assertNotBelow(
                                    read.getPeakKwh(),
                                    previous.getPeakKwh(),
                                    meter,
                                    read.getReadTime());
                            assertNotBelow(
                                    read.getFlatKwh(),
                                    previous.getFlatKwh(),
                                    meter,
                                    read.getReadTime());
                            assertNotBelow(
                                    read.getValleyKwh(),
                                    previous.getValleyKwh(),
                                    meter,
                                    read.getReadTime());
                            assertNotBelow(
                                    read.getReverseKwh(),
                                    previous.getReverseKwh(),
                                    meter,
                                    read.getReadTime());
                        }
                    }
                });
    }

    /**
     * A swap crew reads the old meter by its own (right) clock while the meter may stamp its reads
     * a few minutes off: the crew's read must not land on one of the meter's stamps, where the job
     * can only see a duplicate. The demo's city (seed 42) had one that did.
     */
    @Test
    void aSwapCrewsReadNeverSharesAStampWithTheMetersOwnReads() {
        for (SimulatedRuns.Run city :
                List.of(run, SimulatedRuns.run(SimulationConfig.of(2000, 3, 42)))) {
            Set<String> swapped =
                    city.truth().anomalies().stream()
                            .filter(a -> a.rule() == AnomalyType.METER_SWAP)
                            .map(InjectedAnomaly::meterId)
                            .collect(Collectors.toSet());
            Map<String, List<MeterRead>> readsOfSwapped =
                    city.reads().stream()
                            .filter(r -> swapped.contains(r.getMeterId()))
                            .collect(Collectors.groupingBy(MeterRead::getMeterId));

            assertThat(readsOfSwapped).isNotEmpty();
            readsOfSwapped.forEach(
                    (meter, reads) -> {
                        List<Instant> stamps =
                                reads.stream()
                                        .filter(
                                                r ->
                                                        !r.getQualityFlags()
                                                                .contains(QualityFlag.RETRIED))
                                        .map(MeterRead::getReadTime)
                                        .toList();
                        assertThat(stamps).as(meter).doesNotHaveDuplicates();
                    });
        }
    }

    @Test
    void everyCadenceOfTheCustomerDataIsUsed() {
        Set<Integer> cadences =
                run.sink().values(Topics.CUSTOMERS, Customer.class).stream()
                        .map(Customer::getReadIntervalMinutes)
                        .collect(Collectors.toSet());

        assertThat(cadences).containsExactlyInAnyOrder(15, 30, 60, 1440);
    }

    private static void assertNotBelow(
            BigDecimal register, BigDecimal previous, String meter, Instant time) {
        if (register != null) {
            assertThat(register).as("%s at %s", meter, time).isGreaterThanOrEqualTo(previous);
        }
    }
}
