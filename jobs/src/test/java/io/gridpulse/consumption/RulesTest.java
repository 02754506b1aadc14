package io.gridpulse.consumption;

import static io.gridpulse.consumption.ValidatorHarness.METER;
import static io.gridpulse.consumption.ValidatorHarness.MIDNIGHT;
import static io.gridpulse.consumption.ValidatorHarness.owner;
import static io.gridpulse.consumption.ValidatorHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.consumption.rules.SwapProfile;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One scenario per rule that must fire, with one beside it that must not. Rules judge sealed
 * intervals, so each scenario ends with the end of input; every scenario ends with zero state
 * entries and zero timers.
 */
class RulesTest {

    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final Duration HOUR = Duration.ofHours(1);

    private ValidatorHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ValidatorHarness();
    }

    @AfterEach
    void endsWithNoStateAndNoTimers() throws Exception {
        h.endOfInput();
        assertThat(h.stateEntries()).isZero();
        assertThat(h.timers()).isZero();
        h.close();
    }

    /** Reads every {@code step} from midnight; {@code use} gives each interval's energy in Wh. */
    private static List<RegisterRead> series(Duration step, int intervals, IntToLongFunction use) {
        List<RegisterRead> reads = new ArrayList<>();
        long wh = 1_000_000;
        reads.add(new RegisterRead(METER, MIDNIGHT.toEpochMilli(), wh, "AMI", false));
        for (int i = 1; i <= intervals; i++) {
            wh += use.applyAsLong(i);
            reads.add(
                    new RegisterRead(
                            METER,
                            MIDNIGHT.plus(step.multipliedBy(i)).toEpochMilli(),
                            wh,
                            "AMI",
                            false));
        }
        return reads;
    }

    private static Instant at(Duration step, int i) {
        return MIDNIGHT.plus(step.multipliedBy(i));
    }

    /** A household's usual quarter hours: 60 to 160 Wh, never twice the same in a row. */
    private static long usual(int i) {
        return 60 + (i * 37) % 100;
    }

    private void run(MeterProfile profile, List<RegisterRead> reads) throws Exception {
        h.receive(profile);
        h.receive(reads.toArray(RegisterRead[]::new));
        h.endOfInput();
    }

    private static MeterProfile resident() {
        return owner("C-7", "GRID-03", "RESIDENT");
    }

    private static MeterProfile hourly() {
        return readEvery(60);
    }

    private static MeterProfile daily() {
        return readEvery(1440);
    }

    private static MeterProfile readEvery(int minutes) {
        MeterProfile p = resident();
        p.readIntervalMinutes = minutes;
        return p;
    }

    @Test
    void shouldFlagAnEstimatedReadAsOneCaseUntilTheNextRealRead() throws Exception {
        List<RegisterRead> reads = series(QUARTER, 20, RulesTest::usual);
        reads.get(10).source = "ESTIMATED";
        run(resident(), reads);

        assertThat(h.anomalies(AnomalyRule.ESTIMATED_READ))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(QUARTER, 10));
                            assertThat(a.closedAt()).isEqualTo(at(QUARTER, 11));
                            assertThat(a.severity()).isEqualTo("WARNING");
                        });
    }

    @Test
    void shouldEscalateConsecutiveEstimates() throws Exception {
        List<RegisterRead> reads = series(QUARTER, 20, RulesTest::usual);
        for (int i = 10; i < 14; i++) {
            reads.get(i).source = "ESTIMATED";
        }
        run(resident(), reads);

        assertThat(h.anomalies(AnomalyRule.ESTIMATED_READ))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.severity()).isEqualTo("CRITICAL");
                            assertThat(a.closedAt()).isEqualTo(at(QUARTER, 14));
                        });
    }

    @Test
    void shouldNotFlagRealReadsAsEstimated() throws Exception {
        run(resident(), series(QUARTER, 20, RulesTest::usual));

        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldFlagZeroConsumptionLongerThanTheSpan() throws Exception {
        // eight days away: longer than the 7-day span
        run(resident(), series(QUARTER, 10 * 96, i -> i > 96 && i <= 9 * 96 ? 0 : usual(i)));

        assertThat(h.anomalies(AnomalyRule.ZERO_CONSUMPTION))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(QUARTER, 96));
                            assertThat(a.closedAt()).isEqualTo(at(QUARTER, 9 * 96));
                        });
    }

    @Test
    void shouldNotFlagAFewDaysAwayAsZeroConsumption() throws Exception {
        // six days away: a vacation shorter than the span, and nothing else fires on the return
        run(resident(), series(QUARTER, 9 * 96, i -> i > 96 && i <= 7 * 96 ? 0 : usual(i)));

        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldFlagASpikeAsOneCase() throws Exception {
        run(resident(), series(QUARTER, 3 * 96, i -> i > 200 && i <= 208 ? 1500 : usual(i)));

        assertThat(h.anomalies(AnomalyRule.SPIKE))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(QUARTER, 201));
                            assertThat(a.closedAt()).isEqualTo(at(QUARTER, 208));
                            assertThat(a.evidence()).contains("times this meter's usual");
                        });
    }

    @Test
    void shouldNotFlagOneQuarterHourOfAnApplianceAsASpike() throws Exception {
        // the same 1.5 kWh, but for one quarter hour only: shorter than the 30-minute minimum
        run(resident(), series(QUARTER, 3 * 96, i -> i == 201 ? 1500 : usual(i)));

        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldFlagPowerAboveTheSegmentsMaximumDemandFromANewMetersFirstHour() throws Exception {
        // 14 kW for 45 minutes in the first hours of a new household's meter
        run(resident(), series(QUARTER, 96, i -> i >= 3 && i <= 5 ? 3500 : usual(i)));

        assertThat(h.anomalies(AnomalyRule.SPIKE))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(QUARTER, 3));
                            assertThat(a.evidence())
                                    .contains("more than the 12.0 kW a RESIDENT connection draws");
                        });
    }

    @Test
    void shouldNotJudgeANewMetersPowerBelowTheMaximumDemandBeforeItsFirstDay() throws Exception {
        // 10 kW for an hour, twenty times the usual, but below the maximum: no history yet
        run(resident(), series(QUARTER, 96, i -> i >= 3 && i <= 6 ? 2500 : usual(i)));

        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldNotFlagUseTwoAndAHalfTimesTheUsualAsASpike() throws Exception {
        run(resident(), series(QUARTER, 3 * 96, i -> i > 200 && i <= 208 ? 350 : usual(i)));

        assertThat(h.anomalies()).isEmpty();
    }

    /** A household with a sharp evening peak: 40 Wh a quarter, 300 Wh in the 19:00 hour. */
    private static long peaky(int i) {
        int hour = (i - 1) % 96 / 4;
        return (hour == 19 ? 300 : 40) + i % 7;
    }

    @Test
    void shouldNotFlagTheFirstEveningOfAGenuineRiseAsASpike() throws Exception {
        // from the fourth day all use is 2.6 times higher (a cold snap): its peak is 7 times the
        // 16:00-20:00 block's usual but only 2.6 times the 19:00 hour's
        run(
                resident(),
                series(QUARTER, 4 * 96, i -> i > 3 * 96 ? Math.round(2.6 * peaky(i)) : peaky(i)));

        assertThat(h.anomalies(AnomalyRule.SPIKE)).isEmpty();
    }

    @Test
    void shouldFlagASpikeOnTopOfTheEveningPeak() throws Exception {
        // 4.8 kW more for an hour at the peak: 5 times the 19:00 hour's usual
        run(
                resident(),
                series(
                        QUARTER,
                        4 * 96,
                        i -> peaky(i) + (i > 3 * 96 && (i - 1) % 96 / 4 == 19 ? 1200 : 0)));

        assertThat(h.anomalies(AnomalyRule.SPIKE))
                .singleElement()
                .satisfies(a -> assertThat(a.readTime()).isEqualTo(at(QUARTER, 3 * 96 + 77)));
    }

    @Test
    void shouldFlagADayOutOfTheBand() throws Exception {
        // 24 kWh a day, then a day of 96 kWh
        run(
                hourly(),
                series(HOUR, 10 * 24, i -> (i > 8 * 24 && i <= 9 * 24 ? 4000 : 1000) + i % 3));

        assertThat(h.anomalies(AnomalyRule.USAGE_OUT_OF_BAND))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(HOUR, 8 * 24));
                            assertThat(a.observedKwh())
                                    .isBetween(new BigDecimal("96"), new BigDecimal("96.1"));
                        });
    }

    @Test
    void shouldKeepOneCaseThroughAHighDayCutShortByAnOutage() throws Exception {
        // 24 kWh a day; three days of 96, the middle one with eight hours at the usual (72 kWh:
        // three times the usual, inside the band, still far above the usual)
        run(
                hourly(),
                series(
                        HOUR,
                        14 * 24,
                        i ->
                                (i > 8 * 24 && i <= 11 * 24 && (i <= 9 * 24 || i > 9 * 24 + 8)
                                                ? 4000
                                                : 1000)
                                        + i % 3));

        assertThat(h.anomalies(AnomalyRule.USAGE_OUT_OF_BAND))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(HOUR, 8 * 24));
                            assertThat(a.closedAt()).isEqualTo(at(HOUR, 11 * 24));
                        });
    }

    @Test
    void shouldNotFlagADayTwiceTheUsualOutOfTheBand() throws Exception {
        run(
                hourly(),
                series(HOUR, 10 * 24, i -> (i > 8 * 24 && i <= 9 * 24 ? 2000 : 1000) + i % 3));

        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldNotTakeTheEnergyOfACollectionGapForADayOutOfTheBand() throws Exception {
        // 24 kWh a day; no reads for three days and six hours: the read after the gap carries
        // their 78 kWh, which belong to four days, not to the day it arrived in
        List<RegisterRead> reads = series(HOUR, 14 * 24, i -> 1000 + i % 3);
        reads.subList(9 * 24 + 1, 12 * 24 + 6).clear();
        run(hourly(), reads);

        assertThat(h.anomalies(AnomalyRule.USAGE_OUT_OF_BAND)).isEmpty();
        assertThat(h.anomalies(AnomalyRule.SUSTAINED_DROP)).isEmpty();
        assertThat(h.anomalies(AnomalyRule.MISSING_READS)).hasSize(1);
    }

    @Test
    void shouldStillFlagADayOutOfTheBandRightAfterACollectionGap() throws Exception {
        List<RegisterRead> reads =
                series(HOUR, 14 * 24, i -> (i > 12 * 24 && i <= 13 * 24 ? 4000 : 1000) + i % 3);
        reads.subList(9 * 24 + 1, 12 * 24).clear();
        run(hourly(), reads);

        assertThat(h.anomalies(AnomalyRule.USAGE_OUT_OF_BAND))
                .singleElement()
                .satisfies(a -> assertThat(a.readTime()).isEqualTo(at(HOUR, 12 * 24)));
    }

    /**
     * A meter read once a day at 16:00 UTC (the simulator's daily meters) from the first day on;
     * {@code hourly} gives the energy of each hour counted from the first midnight, Wh.
     */
    private static List<RegisterRead> readDaily(int days, IntToLongFunction hourly) {
        List<RegisterRead> reads = new ArrayList<>();
        long wh = 1_000_000;
        for (int hour = 16; hour <= days * 24 + 16; hour++) {
            if (hour > 16) {
                wh += hourly.applyAsLong(hour - 1);
            }
            if (hour % 24 == 16) {
                reads.add(new RegisterRead(METER, at(HOUR, hour).toEpochMilli(), wh, "AMI", false));
            }
        }
        return reads;
    }

    /**
     * The meter's one case of all rules: of {@code rule}, opened at midnight of day {@code opened}
     * and closed at midnight of day {@code closed}.
     */
    private ConsumptionAnomaly onlyCaseOfAnyRule(AnomalyRule rule, int opened, int closed) {
        assertThat(h.anomalies()).hasSize(1);
        ConsumptionAnomaly a = h.anomalies().get(0);
        assertThat(a.rule()).isEqualTo(rule.name());
        assertThat(a.readTime()).isEqualTo(at(HOUR, opened * 24));
        assertThat(a.closedAt()).isEqualTo(at(HOUR, closed * 24));
        return a;
    }

    @Test
    void shouldFlagATwoDayLoadOnAMeterReadOnceADay() throws Exception {
        // 4.8 kWh a day, and 19.2 kWh more a day through two UTC days (days 10 and 11). The reads
        // at 16:00 see 16, 24 and 8 hours of it; shared by time, each UTC day got 19.7 kWh: four
        // times the usual, but only 14.9 kWh above it (under the resident's 15 kWh). The read of
        // 24 hours of it is booked to the day it ends: 24 kWh. The day before (16 hours of it,
        // inside the band) lifted the baseline, so the day after (8 hours) closes the case.
        run(daily(), readDaily(20, hour -> hour >= 10 * 24 && hour < 12 * 24 ? 1000 : 200));

        assertThat(onlyCaseOfAnyRule(AnomalyRule.USAGE_OUT_OF_BAND, 11, 12).observedKwh())
                .isEqualByComparingTo("24");
    }

    @Test
    void shouldKeepOneCaseThroughADailyReadCutShortByAnOutage() throws Exception {
        // 4.8 kWh a day; 19.2 kWh more a day through four daily reads (days 11 to 14), the second
        // of which lost 16 hours to an outage: 8 kWh, back below the middle of the band
        run(
                daily(),
                readDaily(
                        20,
                        hour ->
                                hour >= 11 * 24 + 16 && hour < 12 * 24 + 8
                                        ? 0
                                        : hour >= 10 * 24 + 16 && hour < 14 * 24 + 16
                                                ? 1000
                                                : 200));

        onlyCaseOfAnyRule(AnomalyRule.USAGE_OUT_OF_BAND, 11, 15);
    }

    @Test
    void shouldShareACollectionGapOfAMeterReadOnceADay() throws Exception {
        // 6 kWh a day; three daily reads missing: the read after the gap carries four days' 24
        // kWh (four times the usual, 18 kWh above it), which belong to its four days
        List<RegisterRead> reads = readDaily(20, hour -> 250);
        reads.subList(10, 13).clear();
        run(daily(), reads);

        assertThat(h.anomalies(AnomalyRule.USAGE_OUT_OF_BAND)).isEmpty();
        assertThat(h.anomalies(AnomalyRule.SUSTAINED_DROP)).isEmpty();
        assertThat(h.anomalies(AnomalyRule.MISSING_READS)).hasSize(1);
    }

    @Test
    void shouldFlagASustainedDrop() throws Exception {
        run(hourly(), series(HOUR, 26 * 24, i -> (i > 16 * 24 ? 200 : 1000) + i % 3));

        assertThat(h.anomalies(AnomalyRule.SUSTAINED_DROP))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(HOUR, 16 * 24));
                            assertThat(a.closedAt()).isNull();
                            assertThat(a.severity()).isEqualTo("CRITICAL");
                        });
    }

    @Test
    void shouldNotTakeAModestDropOrAVacationForASustainedDrop() throws Exception {
        run(
                hourly(),
                series(
                        HOUR,
                        30 * 24,
                        i -> i > 16 * 24 && i <= 24 * 24 ? 0 : (i > 24 * 24 ? 600 : 1000) + i % 3));

        assertThat(h.anomalies(AnomalyRule.SUSTAINED_DROP)).isEmpty();
        assertThat(h.anomalies(AnomalyRule.ZERO_CONSUMPTION)).hasSize(1);
    }

    @Test
    void shouldFlagAFlatline() throws Exception {
        run(resident(), series(QUARTER, 2 * 96, i -> i > 50 && i <= 110 ? 125 : usual(i)));

        assertThat(h.anomalies(AnomalyRule.FLATLINE))
                .singleElement()
                .satisfies(a -> assertThat(a.closedAt()).isEqualTo(at(QUARTER, 110)));
    }

    @Test
    void shouldKeepAFlatlineThroughOneOddIntervalAndAGap() throws Exception {
        // a slot cut short by an outage (interval 80) and two reads missing (90, 91)
        List<RegisterRead> reads =
                series(QUARTER, 2 * 96, i -> i > 50 && i <= 110 ? (i == 80 ? 60 : 125) : usual(i));
        reads.removeIf(
                r ->
                        r.readTimeMs == at(QUARTER, 90).toEpochMilli()
                                || r.readTimeMs == at(QUARTER, 91).toEpochMilli());
        run(resident(), reads);

        assertThat(h.anomalies(AnomalyRule.FLATLINE))
                .singleElement()
                .satisfies(a -> assertThat(a.closedAt()).isEqualTo(at(QUARTER, 110)));
    }

    @Test
    void shouldNotFlagVaryingUseAsAFlatline() throws Exception {
        run(resident(), series(QUARTER, 2 * 96, i -> i > 50 && i <= 110 ? 125 + i % 2 : usual(i)));

        assertThat(h.anomalies()).isEmpty();
    }

    private static List<RegisterRead> withTou(List<RegisterRead> reads, int brokenAt) {
        for (int i = 0; i < reads.size(); i++) {
            RegisterRead r = reads.get(i);
            r.peakWh = r.totalWh / 3;
            r.flatWh = r.totalWh / 3;
            r.valleyWh = r.totalWh - 2 * (r.totalWh / 3) - (i >= brokenAt ? 500 : 0);
        }
        return reads;
    }

    @Test
    void shouldFlagTimeOfUseRegistersThatDoNotAddUp() throws Exception {
        run(resident(), withTou(series(QUARTER, 20, RulesTest::usual), 10));

        assertThat(h.anomalies(AnomalyRule.TOU_SUM_MISMATCH))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(QUARTER, 10));
                            assertThat(a.closedAt()).isEqualTo(at(QUARTER, 10));
                        });
    }

    @Test
    void shouldNotFlagTimeOfUseRegistersThatAddUp() throws Exception {
        run(resident(), withTou(series(QUARTER, 20, RulesTest::usual), 1000));

        assertThat(h.anomalies()).isEmpty();
    }

    private static List<RegisterRead> exporting(List<RegisterRead> reads, int from) {
        for (int i = 0; i < reads.size(); i++) {
            reads.get(i).reverseWh = i < from ? 0 : (i - from) * 300L;
        }
        return reads;
    }

    @Test
    void shouldFlagReverseEnergyWithoutRegisteredGeneration() throws Exception {
        run(resident(), exporting(series(QUARTER, 40, RulesTest::usual), 20));

        assertThat(h.anomalies(AnomalyRule.REVERSE_ENERGY))
                .singleElement()
                .satisfies(a -> assertThat(a.readTime()).isEqualTo(at(QUARTER, 21)));
    }

    @Test
    void shouldNotFlagReverseEnergyOfRegisteredGeneration() throws Exception {
        MeterProfile solar = resident();
        solar.generation = true;
        run(solar, exporting(series(QUARTER, 40, RulesTest::usual), 20));

        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldFlagConsumptionAfterAnExecutedDisconnection() throws Exception {
        h.switched(at(QUARTER, 10).plusSeconds(60), false);
        h.switched(at(QUARTER, 30).plusSeconds(60), true);
        run(resident(), series(QUARTER, 40, RulesTest::usual));

        assertThat(h.anomalies(AnomalyRule.CONSUMPTION_WHILE_OFF))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(QUARTER, 12));
                            assertThat(a.closedAt()).isEqualTo(at(QUARTER, 30));
                        });
    }

    @Test
    void shouldNotFlagAMeterThatIsSilentWhileOff() throws Exception {
        h.switched(at(QUARTER, 10).plusSeconds(60), false);
        h.switched(at(QUARTER, 30).plusSeconds(60), true);
        run(resident(), series(QUARTER, 40, i -> i > 10 && i <= 31 ? 0 : usual(i)));

        assertThat(h.anomalies()).isEmpty();
    }

    @Test
    void shouldFlagAManualReadDaysLateThatIsOffTheAmiRegister() throws Exception {
        List<RegisterRead> reads = series(HOUR, 6 * 24, i -> 1000);
        h.receive(hourly());
        h.receive(reads.toArray(RegisterRead[]::new));
        // 1,000 kWh + 12 h at 1 kWh: the AMI register at noon of the first day is 1012
        h.receive(
                read(at(HOUR, 12), "1050.000", "MANUAL"), read(at(HOUR, 36), "1036.000", "MANUAL"));
        h.endOfInput();

        assertThat(h.anomalies(AnomalyRule.MANUAL_READ_MISMATCH))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.readTime()).isEqualTo(at(HOUR, 12));
                            assertThat(a.observedKwh()).isEqualByComparingTo("1050");
                        });
        assertThat(h.late()).hasSize(2);
    }

    @Test
    void shouldFlagAManualReadBelowTheAmiRegister() throws Exception {
        List<RegisterRead> reads = series(HOUR, 10, i -> 1000);
        h.receive(hourly());
        h.receive(reads.toArray(RegisterRead[]::new));
        h.receive(read(at(HOUR, 10).plusSeconds(600), "1005.000", "MANUAL"));
        h.receive(read(at(HOUR, 11), "1011.000"));
        h.endOfInput();

        assertThat(h.anomalies())
                .extracting(ConsumptionAnomaly::rule)
                .containsExactly("MANUAL_READ_MISMATCH");
        assertThat(h.intervals()).hasSize(11);
    }

    /**
     * Quarter hours of one supply point over {@code days}: the old meter until midnight of {@code
     * swapDay}, then a new meter (METER_REPLACED, starting at 0.05 kWh); {@code before} and {@code
     * after} give each quarter hour's Wh from its index.
     */
    private static List<RegisterRead> swapped(
            int days, int swapDay, IntToLongFunction before, IntToLongFunction after) {
        List<RegisterRead> reads = series(QUARTER, swapDay * 96 - 1, before);
        long wh = 50;
        reads.add(
                new RegisterRead(METER, at(QUARTER, swapDay * 96).toEpochMilli(), wh, "AMI", true));
        for (int i = swapDay * 96 + 1; i <= days * 96; i++) {
            wh += after.applyAsLong(i);
            reads.add(new RegisterRead(METER, at(QUARTER, i).toEpochMilli(), wh, "AMI", false));
        }
        return reads;
    }

    /** An evening household: 250 Wh a quarter from 17:00 to 22:00, 60 otherwise. */
    private static long evenings(int i) {
        int hour = (i - 1) % 96 / 4;
        return (hour >= 17 && hour < 22 ? 250 : 60) + i % 7;
    }

    /** A daytime user (a shop) using about as much: 200 Wh from 08:00 to 20:00, 30 otherwise. */
    private static long daytime(int i) {
        int hour = (i - 1) % 96 / 4;
        return (hour >= 8 && hour < 20 ? 200 : 30) + i % 7;
    }

    private List<ConsumptionAnomaly> profileShifts() {
        return h.anomalies(AnomalyRule.METER_SWAP).stream()
                .filter(a -> a.evidence().contains(SwapProfile.EVIDENCE))
                .toList();
    }

    @Test
    void shouldFlagANewMeterThatMeasuresAnotherRhythmOfTheDay() throws Exception {
        // crossed meters: after the swap the meter measures a daytime user with the same level
        run(resident(), swapped(17, 9, RulesTest::evenings, RulesTest::daytime));

        assertThat(h.anomalies(AnomalyRule.METER_SWAP)).hasSize(2);
        assertThat(profileShifts())
                .singleElement()
                .satisfies(
                        a -> {
                            // the verdict comes with a week of the new meter's use
                            assertThat(a.readTime())
                                    .isBetween(at(QUARTER, 16 * 96), at(QUARTER, 16 * 96 + 8));
                            assertThat(a.closedAt()).isEqualTo(a.readTime());
                            assertThat(a.evidence())
                                    .contains("2026-03-11T00:00:00Z", "other times of day");
                            // about the same level: the rhythm gives it away
                            assertThat(
                                            a.observedKwh().doubleValue()
                                                    / a.baselineKwh().doubleValue())
                                    .isBetween(0.9, 1.3);
                        });
    }

    @Test
    void shouldFlagANewMeterThatMeasuresThreeTimesTheUse() throws Exception {
        run(resident(), swapped(17, 9, RulesTest::evenings, i -> 3 * evenings(i)));

        assertThat(profileShifts())
                .singleElement()
                .satisfies(
                        a ->
                                assertThat(
                                                a.observedKwh().doubleValue()
                                                        / a.baselineKwh().doubleValue())
                                        .isBetween(2.9, 3.1));
    }

    @Test
    void shouldNotFlagANewMeterOnTheSameHouseholdEvenUsingTwiceAsMuch() throws Exception {
        // an ordinary swap (and a genuine rise in use right after it): only the swap's own case
        run(resident(), swapped(17, 9, RulesTest::evenings, i -> 2 * evenings(i)));

        assertThat(h.anomalies(AnomalyRule.METER_SWAP))
                .singleElement()
                .satisfies(a -> assertThat(a.readTime()).isEqualTo(at(QUARTER, 9 * 96)));
        assertThat(profileShifts()).isEmpty();
    }

    @Test
    void shouldNotCompareANewMeterWithTooLittleHistoryOfTheOldOne() throws Exception {
        // five days of the old meter are not the week the comparison needs
        run(resident(), swapped(13, 5, RulesTest::evenings, RulesTest::daytime));

        assertThat(h.anomalies(AnomalyRule.METER_SWAP)).hasSize(1);
        assertThat(profileShifts()).isEmpty();
    }
}
