package io.gridpulse.consumption;

import static io.gridpulse.consumption.ValidatorHarness.HALF_PAST;
import static io.gridpulse.consumption.ValidatorHarness.METER;
import static io.gridpulse.consumption.ValidatorHarness.MIDNIGHT;
import static io.gridpulse.consumption.ValidatorHarness.NEXT_DAY;
import static io.gridpulse.consumption.ValidatorHarness.ONE_AM;
import static io.gridpulse.consumption.ValidatorHarness.QUARTER_PAST;
import static io.gridpulse.consumption.ValidatorHarness.QUARTER_TO;
import static io.gridpulse.consumption.ValidatorHarness.newMeter;
import static io.gridpulse.consumption.ValidatorHarness.owner;
import static io.gridpulse.consumption.ValidatorHarness.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The state machine of §1: reads applied at once, lateness per meter, gaps spanned, misreads
 * repaired, swaps re-baselined, owners corrected. Every scenario ends (after the end of input) with
 * zero state entries and zero timers.
 */
class MeterReadValidatorTest {

    private ValidatorHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ValidatorHarness();
    }

    @AfterEach
    void endsWithNoStateAndNoTimers() throws Exception {
        h.endOfInput();
        assertThat(h.stateEntries()).as("state entries after the end of input").isZero();
        assertThat(h.timers()).as("timers after the end of input").isZero();
        h.close();
    }

    @Test
    void shouldEmitTheEnergyBetweenConsecutiveReadsWithoutWaitingForTheWatermark()
            throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(QUARTER_PAST, "100.250"));
        h.receive(read(HALF_PAST, "100.750"));

        assertThat(h.intervals())
                .extracting(
                        IntervalConsumption::intervalEnd,
                        IntervalConsumption::kwh,
                        IntervalConsumption::intervalMinutes)
                .containsExactly(
                        tuple(QUARTER_PAST, new BigDecimal("0.250"), 15),
                        tuple(HALF_PAST, new BigDecimal("0.500"), 15));
        assertThat(h.intervals().get(0).gridId()).isEqualTo(MeterProfile.UNASSIGNED_GRID);
        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldMergeAReadWithinTheBoundAndCorrectTheIntervalItSplits() throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(HALF_PAST, "100.750"));
        h.receive(read(QUARTER_PAST, "100.250"));

        assertThat(h.intervals())
                .extracting(
                        IntervalConsumption::intervalStart,
                        IntervalConsumption::intervalEnd,
                        IntervalConsumption::kwh)
                .containsExactly(
                        tuple(MIDNIGHT, QUARTER_PAST, new BigDecimal("0.250")),
                        tuple(QUARTER_PAST, HALF_PAST, new BigDecimal("0.500")));
        assertThat(h.late()).isEmpty();
    }

    @Test
    void shouldMergeAReadOlderThanTheMetersFirstRead() throws Exception {
        h.receive(read(QUARTER_PAST, "100.250"), read(MIDNIGHT, "100.000"));

        assertThat(h.intervals())
                .singleElement()
                .satisfies(i -> assertThat(i.kwh()).isEqualByComparingTo("0.250"));
    }

    @Test
    void shouldMeasureLatenessAgainstTheMetersOwnNewestReadNotTheWatermark() throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(HALF_PAST, "100.500"));
        h.watermark(NEXT_DAY.plus(Duration.ofDays(30)));

        h.receive(read(QUARTER_PAST, "100.250"));

        assertThat(h.late()).as("within a day of the meter's newest read").isEmpty();
        assertThat(h.intervals()).hasSize(2);
    }

    @Test
    void shouldSendReadsOlderThanTheBoundToTheLateOutput() throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(QUARTER_PAST, "100.250"));
        h.receive(read(NEXT_DAY.plus(Duration.ofHours(1)), "110.000"));

        h.receive(read(HALF_PAST, "100.500"));

        assertThat(h.late())
                .singleElement()
                .satisfies(
                        l -> {
                            assertThat(l.recordKey()).isEqualTo(METER);
                            assertThat(l.eventTime()).isEqualTo(HALF_PAST);
                            assertThat(l.watermarkMs())
                                    .as("the meter's newest read")
                                    .isEqualTo(NEXT_DAY.plus(Duration.ofHours(1)).toEpochMilli());
                            assertThat(l.payload()).contains("\"total_kwh\":100.500");
                        });
        assertThat(h.intervals()).extracting(IntervalConsumption::kwh).hasSize(2);
    }

    @Test
    void shouldWorkForAnyReadCadence() throws Exception {
        h.receive(read(MIDNIGHT, "5000.000"), read(ONE_AM, "5001.100"));
        h.receive(read(NEXT_DAY, "5020.600"));

        assertThat(h.intervals())
                .extracting(IntervalConsumption::intervalMinutes, IntervalConsumption::kwh)
                .containsExactly(
                        tuple(60, new BigDecimal("1.100")),
                        tuple(23 * 60, new BigDecimal("19.500")));
    }

    @Test
    void shouldFlagNegativeDeltaAndKeepTheBaseline() throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(QUARTER_PAST, "90.000"));
        h.receive(read(HALF_PAST, "100.600"));

        assertThat(h.anomalies())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.rule()).isEqualTo("NEGATIVE_DELTA");
                            assertThat(a.readTime()).isEqualTo(QUARTER_PAST);
                            assertThat(a.closedAt()).isEqualTo(QUARTER_PAST);
                            assertThat(a.observedKwh()).isEqualByComparingTo("90");
                            assertThat(a.baselineKwh()).isEqualByComparingTo("100");
                            assertThat(a.evidence()).contains("fell by 10.000 kWh");
                        });
        assertThat(h.intervals())
                .singleElement()
                .satisfies(
                        i -> {
                            assertThat(i.intervalStart()).isEqualTo(MIDNIGHT);
                            assertThat(i.intervalEnd()).isEqualTo(HALF_PAST);
                            assertThat(i.kwh()).isEqualByComparingTo("0.600");
                        });
    }

    @Test
    void shouldRepairTheBaselineAfterAnUpwardMisread() throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(QUARTER_PAST, "900.000"));
        h.receive(read(HALF_PAST, "100.500"), read(QUARTER_TO, "100.700"), read(ONE_AM, "101.000"));

        assertThat(h.anomalies())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.rule()).isEqualTo("NEGATIVE_DELTA");
                            assertThat(a.readTime()).isEqualTo(QUARTER_PAST);
                            assertThat(a.evidence()).contains("upward misread");
                        });
        assertThat(h.intervals())
                .extracting(IntervalConsumption::intervalEnd, IntervalConsumption::kwh)
                .containsExactly(
                        tuple(HALF_PAST, new BigDecimal("0.500")),
                        tuple(QUARTER_TO, new BigDecimal("0.200")),
                        tuple(ONE_AM, new BigDecimal("0.300")));
    }

    @Test
    void shouldTakeAFallThatStaysBelowEverythingForAMeterChangeWithoutAFinalRead()
            throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(QUARTER_PAST, "100.500"));
        h.receive(read(HALF_PAST, "0.100"), read(QUARTER_TO, "0.300"), read(ONE_AM, "0.600"));

        assertThat(h.anomalies(AnomalyRule.METER_SWAP))
                .singleElement()
                .satisfies(a -> assertThat(a.readTime()).isEqualTo(HALF_PAST));
        assertThat(h.intervals())
                .extracting(IntervalConsumption::intervalEnd, IntervalConsumption::kwh)
                .containsExactly(
                        tuple(QUARTER_PAST, new BigDecimal("0.500")),
                        tuple(QUARTER_TO, new BigDecimal("0.200")),
                        tuple(ONE_AM, new BigDecimal("0.300")));
    }

    @Test
    void shouldCountARegisterRolloverAsEnergy() throws Exception {
        h.receive(read(MIDNIGHT, "999999.500"), read(QUARTER_PAST, "0.250"));

        assertThat(h.intervals())
                .singleElement()
                .satisfies(i -> assertThat(i.kwh()).isEqualByComparingTo("0.750"));
        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldStartANewBaselineOnAReplacedMeter() throws Exception {
        h.receive(read(MIDNIGHT, "8000.000"), newMeter(QUARTER_PAST, "0.100"));
        h.receive(read(HALF_PAST, "0.400"));

        assertThat(h.anomalies())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.rule()).isEqualTo("METER_SWAP");
                            assertThat(a.readTime()).isEqualTo(QUARTER_PAST);
                            assertThat(a.evidence())
                                    .contains("8000.000 kWh", "no final read", "0.100 kWh");
                        });
        assertThat(h.intervals())
                .singleElement()
                .satisfies(i -> assertThat(i.kwh()).isEqualByComparingTo("0.300"));
    }

    @Test
    void shouldNeverDropAReplacedMeterReadAsLate() throws Exception {
        h.receive(read(MIDNIGHT, "8000.000"), read(NEXT_DAY.plus(Duration.ofDays(3)), "8050.000"));
        h.receive(newMeter(QUARTER_PAST, "0.100"));

        assertThat(h.late()).isEmpty();
        assertThat(h.anomalies(AnomalyRule.METER_SWAP)).hasSize(1);
    }

    @Test
    void shouldFlagADuplicateReadAndCountItOnce() throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(QUARTER_PAST, "100.250"));
        h.receive(read(QUARTER_PAST, "100.250"), read(MIDNIGHT, "100.000"));

        assertThat(h.intervals()).hasSize(1);
        assertThat(h.anomalies())
                .extracting(ConsumptionAnomaly::rule, ConsumptionAnomaly::readTime)
                .containsExactly(
                        tuple("DUPLICATE_READ", MIDNIGHT), tuple("DUPLICATE_READ", QUARTER_PAST));
    }

    @Test
    void shouldSpanAGapWithOneIntervalAndFlagItAsMissingReads() throws Exception {
        h.receive(owner("C-7", "GRID-03", "RESIDENT"));
        h.receive(read(MIDNIGHT, "100.000"), read(QUARTER_PAST, "100.250"));
        Instant back = MIDNIGHT.plus(Duration.ofDays(19));
        h.receive(read(back, "190.250"), read(back.plus(Duration.ofMinutes(15)), "190.500"));
        h.endOfInput();

        assertThat(h.intervals())
                .extracting(IntervalConsumption::intervalEnd, IntervalConsumption::kwh)
                .containsExactly(
                        tuple(QUARTER_PAST, new BigDecimal("0.250")),
                        tuple(back, new BigDecimal("90.000")),
                        tuple(back.plus(Duration.ofMinutes(15)), new BigDecimal("0.250")));
        assertThat(h.anomalies())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.rule()).isEqualTo("MISSING_READS");
                            assertThat(a.readTime()).isEqualTo(HALF_PAST);
                            assertThat(a.closedAt()).isEqualTo(back);
                            assertThat(a.customerId()).isEqualTo("C-7");
                            assertThat(a.observedKwh()).isEqualByComparingTo("90");
                        });
    }

    @Test
    void shouldNotFlagAGapWithinTheTolerance() throws Exception {
        h.receive(owner("C-7", "GRID-03", "RESIDENT"));
        h.receive(read(MIDNIGHT, "100.000"), read(HALF_PAST, "100.250"));
        h.endOfInput();

        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldStartAfreshAfterASilenceLongerThanTheHorizon() throws Exception {
        h.receive(read(MIDNIGHT, "100.000"), read(QUARTER_PAST, "100.250"));
        h.receive(read(MIDNIGHT.plus(Duration.ofDays(401)), "900.000"));

        assertThat(h.intervals()).hasSize(1);
    }

    @Test
    void shouldLabelRowsWithTheOwnerAndCorrectThemWhenTheRecordArrivesLate() throws Exception {
        h.receive(read(MIDNIGHT, "1.000"), read(QUARTER_PAST, "2.000"));
        assertThat(h.intervals().get(0).gridId()).isEqualTo(MeterProfile.UNASSIGNED_GRID);

        h.receive(owner("C-7", "GRID-03", "SHOP"));
        h.receive(read(HALF_PAST, "3.000"));

        assertThat(h.intervals())
                .extracting(
                        IntervalConsumption::customerId,
                        IntervalConsumption::gridId,
                        IntervalConsumption::segment)
                .containsOnly(tuple("C-7", "GRID-03", "SHOP"))
                .hasSize(2);
    }

    @Test
    void shouldCorrectRowsThatLeftTheWindowWhenTheOwnerComesDaysAfterTheReads() throws Exception {
        // three days of quarter-hour reads of a meter nobody owns yet, a duplicate on the first
        BigDecimal kwh = new BigDecimal("100.000");
        for (int i = 0; i <= 3 * 96; i++) {
            h.receive(read(MIDNIGHT.plus(Duration.ofMinutes(15L * i)), kwh.toPlainString()));
            if (i == 4) {
                h.receive(read(ONE_AM, kwh.toPlainString()));
            }
            kwh = kwh.add(new BigDecimal("0.250"));
        }
        h.snapshotAndRestore();
        long newestBefore =
                h.writes().stream().mapToLong(IntervalConsumption::version).max().orElseThrow();
        assertThat(h.anomalies(AnomalyRule.DUPLICATE_READ))
                .extracting(ConsumptionAnomaly::gridId)
                .containsExactly(MeterProfile.UNASSIGNED_GRID);
        assertThat(h.ownerCorrections()).isEmpty();

        h.receive(owner("C-7", "GRID-03", "SHOP"));

        assertThat(h.ownerCorrections())
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c)
                                    .extracting(
                                            OwnerCorrection::meterId,
                                            OwnerCorrection::customerId,
                                            OwnerCorrection::gridId,
                                            OwnerCorrection::segment)
                                    .containsExactly(METER, "C-7", "GRID-03", "SHOP");
                            assertThat(c.version()).isGreaterThan(newestBefore);
                            // the rows still in the window are written again after it
                            assertThat(h.writes())
                                    .filteredOn(r -> r.version() > newestBefore)
                                    .isNotEmpty()
                                    .allSatisfy(
                                            r ->
                                                    assertThat(r.version())
                                                            .isGreaterThan(c.version()));
                        });
        assertThat(h.intervals())
                .hasSize(3 * 96)
                .extracting(
                        IntervalConsumption::customerId,
                        IntervalConsumption::gridId,
                        IntervalConsumption::segment)
                .containsOnly(tuple("C-7", "GRID-03", "SHOP"));
        assertThat(h.anomalies())
                .isNotEmpty()
                .extracting(ConsumptionAnomaly::customerId)
                .containsOnly("C-7");

        // the owner's next record finds nothing to correct
        h.receive(owner("C-7", "GRID-04", "SHOP"));
        assertThat(h.ownerCorrections()).hasSize(1);
    }

    @Test
    void shouldNotCorrectInClickHouseWhatTheWindowStillHolds() throws Exception {
        h.receive(read(MIDNIGHT, "1.000"), read(QUARTER_PAST, "2.000"));
        h.receive(owner("C-7", "GRID-03", "SHOP"));

        assertThat(h.ownerCorrections()).isEmpty();
        assertThat(h.intervals())
                .extracting(IntervalConsumption::customerId)
                .containsExactly("C-7");
    }

    @Test
    void shouldForgetEverythingAtTheHorizonWithOneTimerPerMeter() throws Exception {
        h.receive(owner("C-7", "GRID-03", "RESIDENT"));
        Instant at = MIDNIGHT;
        h.receive(read(at, "0.000"));
        for (int day = 1; day <= 5; day++) {
            at = MIDNIGHT.plus(Duration.ofDays(day));
            h.receive(read(at, day + ".000"));
            h.watermark(at);
        }
        assertThat(h.intervals()).hasSize(5);
        assertThat(h.timers()).as("one timer for the meter, not one per read").isEqualTo(1);
        assertThat(h.stateEntries()).as("one state entry for the meter").isEqualTo(1);

        h.watermark(at.plus(Duration.ofDays(399)));
        assertThat(h.stateEntries()).as("inside the horizon").isEqualTo(1);
        h.watermark(at.plus(Duration.ofDays(400)));
        assertThat(h.stateEntries()).isZero();
        assertThat(h.timers()).isZero();
    }

    @Test
    void shouldKeepAnOwnerWhoseMeterHasNotReadYetWhenTheStreamsTimeMovesOn() throws Exception {
        // the customer data comes before any watermark; the meter (a daily one) reads hours later
        h.receive(owner("C-7", "GRID-03", "RESIDENT"));
        h.watermark(MIDNIGHT);
        h.watermark(MIDNIGHT.plus(Duration.ofHours(16)));
        h.receive(read(NEXT_DAY, "1.000"), read(NEXT_DAY.plus(Duration.ofDays(1)), "9.000"));
        h.endOfInput();

        assertThat(h.intervals())
                .singleElement()
                .satisfies(row -> assertThat(row.customerId()).isEqualTo("C-7"));
    }

    @Test
    void shouldRetireTheMeterWhenTheAccountCloses() throws Exception {
        h.receive(owner("C-7", "GRID-03", "RESIDENT"));
        h.receive(read(MIDNIGHT, "1.000"), read(QUARTER_PAST, "2.000"));
        MeterProfile closed = owner("C-7", "GRID-03", "RESIDENT");
        closed.active = false;
        h.receive(closed);

        assertThat(h.stateEntries()).isZero();
        assertThat(h.timers()).isZero();
    }

    @Test
    void shouldGiveTheSameRowsWhenSnapshottedAndRestoredMidScenario() throws Exception {
        RegisterRead[] reads = {
            read(MIDNIGHT, "100.000"),
            read(HALF_PAST, "100.500"),
            read(QUARTER_PAST, "100.200"),
            read(QUARTER_TO, "90.000"),
            read(ONE_AM, "101.000"),
            read(ONE_AM.plus(Duration.ofHours(5)), "104.000"),
            newMeter(NEXT_DAY, "0.010"),
            read(NEXT_DAY.plus(Duration.ofMinutes(15)), "0.110"),
        };
        try (ValidatorHarness straight = new ValidatorHarness()) {
            straight.receive(owner("C-7", "GRID-03", "RESIDENT"));
            straight.receive(reads);
            straight.endOfInput();

            h.receive(owner("C-7", "GRID-03", "RESIDENT"));
            for (int i = 0; i < reads.length; i++) {
                h.receive(reads[i]);
                if (i % 3 == 1) {
                    h.snapshotAndRestore();
                }
            }
            h.endOfInput();

            assertThat(h.intervals()).isNotEmpty().isEqualTo(straight.intervals());
            assertThat(h.anomalies())
                    .extracting(ConsumptionAnomaly::rule)
                    .contains("NEGATIVE_DELTA", "METER_SWAP", "MISSING_READS");
            assertThat(h.anomalies()).isEqualTo(straight.anomalies());
        }
    }
}
