package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HighBillMonitorTest extends HighBillTestBase {

    private static final Instant EIGHT_AM_MARCH_12 =
            at(LocalDate.of(2026, 3, 12), LocalTime.of(8, 0));

    private KeyedOneInputStreamOperatorTestHarness<String, HighBillInput, HighBillAlert> harness;
    private Instant lastInput = Instant.EPOCH;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness(SETTINGS, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, HighBillInput, HighBillAlert>
            newHarness(HighBillSettings settings, OperatorSubtaskState restoreFrom)
                    throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new HighBillMonitor(settings)),
                        HighBillInput::customerId,
                        Types.STRING);
        h.setup();
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    private void customer(CustomerProfile profile, Instant at) throws Exception {
        send(HighBillInput.of(profile), at);
    }

    private void bill(BillFact bill) throws Exception {
        send(HighBillInput.of(bill), Instant.ofEpochMilli(bill.issuedAtMs));
    }

    /** Days of {@code wh} each from {@code first} to {@code last}, each arriving at its end. */
    private void days(String customer, LocalDate first, LocalDate last, long wh) throws Exception {
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            send(HighBillInput.of(day(customer, d, wh)), endOf(d));
            watermark(endOf(d));
        }
    }

    private void send(HighBillInput in, Instant at) throws Exception {
        harness.processElement(new StreamRecord<>(in, at.toEpochMilli()));
        lastInput = at.isAfter(lastInput) ? at : lastInput;
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(new Watermark(at.toEpochMilli()));
    }

    private List<HighBillAlert> alerts() {
        return harness.extractOutputValues();
    }

    private void aliceUsedThreeHundredKwhLastMarch() throws Exception {
        customer(resident(ALICE), at(MARCH_1, LocalTime.MIDNIGHT));
        // 310 × 0.568 + 100 × 0.05 + 10 × 0.30 = 184.08
        bill(lastYearsBill(ALICE, "310", "184.08"));
    }

    private void assertForgottenAfterTheHorizon() throws Exception {
        watermark(afterHorizon(lastInput));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldAlertMidPeriodWhenUseRises() throws Exception {
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        assertThat(alerts()).isEmpty();

        // a heater from 10 March: 25 kWh a day
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 31), 25_000);

        assertThat(alerts()).hasSize(1);
        HighBillAlert alert = alerts().get(0);
        assertThat(alert.notificationId).isEqualTo("HB-C-ALICE-2026-03");
        assertThat(alert.period).isEqualTo(PERIOD);
        assertThat(alert.baseSource).isEqualTo("LAST_YEAR");
        assertThat(alert.baseCents).isEqualTo(18_408);
        assertThat(alert.projectionCents).isGreaterThan(18_408 * 13 / 10);
        assertThat(alert.sent).isTrue();
        assertThat(alert.channel).isEqualTo("WECHAT");
        // two days of the heater were enough: decided at the end of 11 March, sent at 08:00
        assertThat(Instant.ofEpochMilli(alert.decidedAtMs))
                .isEqualTo(endOf(LocalDate.of(2026, 3, 11)));
        assertThat(Instant.ofEpochMilli(alert.createdAtMs)).isEqualTo(EIGHT_AM_MARCH_12);
        assertThat(alert.reason)
                .contains("against 184.08 CNY in 2025-03")
                .contains("use rose most on")
                .contains("18:00-24:00");
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldDecideAtTheEndOfTheDayWhenTheDayCameWithALaterRead() throws Exception {
        aliceUsedThreeHundredKwhLastMarch();
        // each day closed by the meter's first read 12 minutes into the next (found by drill
        // poison: the same alert decided at 16:12 in one run and at 16:00 in another)
        for (LocalDate d = MARCH_1; !d.isAfter(LocalDate.of(2026, 3, 31)); d = d.plusDays(1)) {
            Instant closed = endOf(d).plus(Duration.ofMinutes(12));
            send(HighBillInput.of(day(ALICE, d, d.getDayOfMonth() < 10 ? 10_000 : 25_000)), closed);
            watermark(closed);
        }

        assertThat(alerts()).hasSize(1);
        assertThat(Instant.ofEpochMilli(alerts().get(0).decidedAtMs))
                .isEqualTo(endOf(LocalDate.of(2026, 3, 11)));
        assertThat(Instant.ofEpochMilli(alerts().get(0).createdAtMs)).isEqualTo(EIGHT_AM_MARCH_12);
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldDecideTheSameWhenTheCustomersRecordArrivesAfterTheReads() throws Exception {
        bill(lastYearsBill(ALICE, "310", "184.08"));
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 31), 25_000);
        assertThat(alerts()).as("nothing to price or send to yet").isEmpty();

        customer(resident(ALICE), at(MARCH_1, LocalTime.MIDNIGHT));

        assertThat(alerts()).hasSize(1);
        HighBillAlert alert = alerts().get(0);
        assertThat(alert.notificationId).isEqualTo("HB-C-ALICE-2026-03");
        assertThat(alert.sent).isTrue();
        assertThat(Instant.ofEpochMilli(alert.decidedAtMs))
                .isEqualTo(endOf(LocalDate.of(2026, 3, 11)));
        assertThat(Instant.ofEpochMilli(alert.createdAtMs)).isEqualTo(EIGHT_AM_MARCH_12);
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldNotAlertOnNormalVariation() throws Exception {
        aliceUsedThreeHundredKwhLastMarch();
        for (int i = 0; i < 31; i++) {
            LocalDate d = MARCH_1.plusDays(i);
            long wh = i % 3 == 0 ? 13_000 : i % 3 == 1 ? 8_000 : 10_500; // 10.5 kWh a day
            send(HighBillInput.of(day(ALICE, d, wh)), endOf(d));
            watermark(endOf(d));
        }

        assertThat(alerts()).isEmpty();
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldNotProjectARiseOfAFewDaysOverTheRestOfThePeriodByDefault() throws Exception {
        // 10 kWh a day, 16 from 10 to 15 March (visitors, a cold snap), then 10 again: the bill is
        // 25 × 10 + 6 × 16 = 346 kWh, 346 × 0.568 + 146 × 0.05 = 203.83 CNY, 11 % above last year
        harness.close();
        harness = newHarness(HighBillSettings.defaults(), null);
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 15), 16_000);
        days(ALICE, LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 31), 10_000);

        // the worst day, 15 March: 186 kWh so far + 16 days halfway between the recent 15.14 kWh
        // and last year's 10 = 387 kWh, 229.22 CNY: below 184.08 × 1.3 = 239.30
        assertThat(alerts()).isEmpty();
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldAlertOnTheSameFewDaysWhenTheRecentDaysAloneProjectTheRest() throws Exception {
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 15), 16_000);
        days(ALICE, LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 31), 10_000);

        // 14 March: 170 kWh + 17 days × 14.29 = 413 kWh, 248.5 CNY > 239.30
        assertThat(alerts()).hasSize(1);
        assertThat(Instant.ofEpochMilli(alerts().get(0).decidedAtMs))
                .isEqualTo(endOf(LocalDate.of(2026, 3, 14)));
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldStillAlertOnALastingRiseByDefaultAFewDaysLater() throws Exception {
        harness.close();
        harness = newHarness(HighBillSettings.defaults(), null);
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 31), 25_000);

        assertThat(alerts()).hasSize(1);
        // the recent days alone decide at the end of 11 March (shouldAlertMidPeriodWhenUseRises);
        // 12 March: 165 kWh + 19 days × (16.43 + 10) / 2 = 416 kWh, 251.1 CNY > 239.30 (11 March:
        // 140 kWh + 20 × 12.14 = 383 kWh, 226.6 CNY)
        assertThat(Instant.ofEpochMilli(alerts().get(0).decidedAtMs))
                .isEqualTo(endOf(LocalDate.of(2026, 3, 12)));
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldCompareANewCustomerWithTheSegmentsTypicalBill() throws Exception {
        String bob = "C-BOB";
        String carol = "C-CAROL";
        customer(resident(bob), at(MARCH_1, LocalTime.MIDNIGHT));
        customer(resident(carol), at(MARCH_1, LocalTime.MIDNIGHT));
        // no bills: the base is the residents' typical 130 CNY
        days(bob, MARCH_1, LocalDate.of(2026, 3, 10), 12_000); // 372 kWh ≈ 219.90 CNY
        days(carol, MARCH_1, LocalDate.of(2026, 3, 31), 6_000); // 186 kWh ≈ 105.65 CNY

        assertThat(alerts()).hasSize(1);
        HighBillAlert alert = alerts().get(0);
        assertThat(alert.customerId).isEqualTo(bob);
        assertThat(alert.baseSource).isEqualTo("SEGMENT");
        assertThat(alert.baseCents).isEqualTo(13_000);
        assertThat(alert.reason).contains("typical of RESIDENT customers");
        // decided after the first seven days, not before
        assertThat(Instant.ofEpochMilli(alert.decidedAtMs))
                .isEqualTo(endOf(LocalDate.of(2026, 3, 7)));
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldAlertWhenATierBoundaryMakesTheBillRiseMoreThanTheEnergy() throws Exception {
        customer(resident(ALICE), at(MARCH_1, LocalTime.MIDNIGHT));
        // 190 kWh, all in tier 1: 107.92 CNY
        bill(lastYearsBill(ALICE, "190", "107.92"));
        // 7.903 kWh a day = 244.993 kWh: +28.9 % energy, but 45 kWh in tier 2 → 141.41 CNY, +31 %
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 31), 7_903);

        assertThat(alerts()).hasSize(1);
        HighBillAlert alert = alerts().get(0);
        assertThat(alert.projectedWh).isEqualTo(244_993);
        assertThat(alert.projectionCents).isEqualTo(14_141);
        assertThat(alert.reason).contains("tier 2");
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldAlertOncePerPeriodAcrossASnapshotAndRestore() throws Exception {
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11), 25_000);
        // decided at midnight, held for the quiet hours: the snapshot holds the pending alert
        assertThat(alerts()).isEmpty();
        OperatorSubtaskState snapshot = harness.snapshot(1, lastInput.toEpochMilli());
        harness.close();

        harness = newHarness(SETTINGS, snapshot);
        days(ALICE, LocalDate.of(2026, 3, 12), LocalDate.of(2026, 3, 20), 25_000);
        assertThat(alerts()).hasSize(1);
        assertThat(Instant.ofEpochMilli(alerts().get(0).createdAtMs)).isEqualTo(EIGHT_AM_MARCH_12);

        // and once more, after it was sent
        OperatorSubtaskState afterSending = harness.snapshot(2, lastInput.toEpochMilli());
        harness.close();
        harness = newHarness(SETTINGS, afterSending);
        days(ALICE, LocalDate.of(2026, 3, 21), LocalDate.of(2026, 3, 31), 30_000);
        assertThat(alerts()).isEmpty();
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldHoldAnAlertDueInQuietHoursUntilTheyEnd() throws Exception {
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11), 25_000);
        assertThat(alerts()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isGreaterThanOrEqualTo(1);

        watermark(EIGHT_AM_MARCH_12.minusMillis(1));
        assertThat(alerts()).isEmpty();
        watermark(EIGHT_AM_MARCH_12);
        assertThat(alerts()).hasSize(1);
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldSendRightAwayOutsideQuietHours() throws Exception {
        harness.close();
        harness = newHarness(withQuietHours(QuietHours.parse("12:00-14:00")), null);
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11), 25_000);

        assertThat(alerts()).hasSize(1);
        assertThat(alerts().get(0).createdAtMs).isEqualTo(alerts().get(0).decidedAtMs);
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldNeverSendToAnOptedOutCustomer() throws Exception {
        customer(optedOut(resident(ALICE)), at(MARCH_1, LocalTime.MIDNIGHT));
        bill(lastYearsBill(ALICE, "310", "184.08"));
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 31), 25_000);

        assertThat(alerts()).hasSize(1);
        assertThat(alerts().get(0).sent).isFalse();
        assertThat(alerts().get(0).reason).contains("opted out");
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldNotSendWhenTheCustomerOptsOutDuringTheQuietHours() throws Exception {
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 9), 10_000);
        days(ALICE, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11), 25_000);
        customer(optedOut(resident(ALICE)), at(LocalDate.of(2026, 3, 12), LocalTime.of(1, 0)));
        watermark(EIGHT_AM_MARCH_12);

        assertThat(alerts()).singleElement().satisfies(a -> assertThat(a.sent).isFalse());
        assertForgottenAfterTheHorizon();
    }

    @Test
    void shouldForgetEverythingOnceThePeriodClosedAndTheHorizonPassed() throws Exception {
        aliceUsedThreeHundredKwhLastMarch();
        days(ALICE, MARCH_1, LocalDate.of(2026, 3, 31), 25_000);
        // the period's own bill, issued on 1 April
        bill(
                new BillFact(
                        ALICE,
                        PERIOD,
                        45_000,
                        775_000,
                        at(LocalDate.of(2026, 4, 1), LocalTime.of(3, 0)).toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        watermark(afterHorizon(lastInput).minusSeconds(2 * 86_400));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertForgottenAfterTheHorizon();
    }

    private static HighBillSettings withQuietHours(QuietHours quiet) {
        HighBillSettings d = SETTINGS;
        return new HighBillSettings(
                d.zone(),
                d.share(),
                d.floor(),
                d.firstDays(),
                quiet,
                d.cycleMonths(),
                d.defaultBillingDay(),
                d.profileDays(),
                d.recentWeight(),
                d.tariff(),
                d.segmentBases(),
                d.historyHorizon(),
                d.meterStateTtl());
    }
}
