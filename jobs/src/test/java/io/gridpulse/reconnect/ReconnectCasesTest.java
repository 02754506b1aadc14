package io.gridpulse.reconnect;

import static io.gridpulse.reconnect.ReconnectScenario.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.ReconnectCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The arrears ledger and the reconnect trigger, driven record by record. */
class ReconnectCasesTest {

    private ReconnectSettings settings = ReconnectSettings.defaults();
    private KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, ReconnectCommand> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(settings, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, ReconnectCommand>
            harness(ReconnectSettings settings, OperatorSubtaskState restore) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ReconnectCases(settings)),
                        (CustomerEvent e) -> e.customerId,
                        Types.STRING);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private void receive(CustomerEvent... events) throws Exception {
        for (CustomerEvent e : events) {
            harness.processElement(new StreamRecord<>(e, e.timeMs));
        }
    }

    private void watermark(Instant at) throws Exception {
        harness.processWatermark(new Watermark(at.toEpochMilli()));
    }

    private List<ReconnectCommand> commands() {
        return harness.extractOutputValues();
    }

    private <T> List<T> side(OutputTag<T> tag) {
        var out = harness.getSideOutput(tag);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    /** The newest version of the case row. */
    private CaseRow currentCase() {
        List<CaseRow> rows = side(ReconnectCases.CASES);
        assertThat(rows).isNotEmpty();
        return rows.get(rows.size() - 1);
    }

    private void cutOffForArrearsOwing(String yuan) throws Exception {
        receive(
                openingBalance(yuan),
                deliveredNotice(),
                cutOffOrdered("ARREARS"),
                cutOff("ARREARS"));
    }

    @Test
    void shouldSendTheCommandTheMomentAPaymentClearsTheExactBalance() throws Exception {
        cutOffForArrearsOwing("128.37");
        assertThat(commands()).isEmpty();

        receive(payment("P-1", PAID, "128.37"));

        assertThat(commands()).hasSize(1);
        ReconnectCommand command = commands().get(0);
        assertThat(command.getCommandId()).isEqualTo(COMMAND_ID);
        assertThat(command.getCustomerId()).isEqualTo(CUSTOMER);
        assertThat(command.getMeterId()).isEqualTo(METER);
        assertThat(command.getDisconnectEventId()).isEqualTo(CUT_OFF_EVENT);
        assertThat(command.getClearedBy()).isEqualTo(ClearedBy.PAYMENT);
        assertThat(command.getClearedAt()).isEqualTo(PAID);
        assertThat(command.getIssuedAt()).isEqualTo(PAID);
        assertThat(currentCase().status()).isEqualTo(ReconnectCases.WAITING_FOR_POWER);
        assertThat(currentCase().balanceCents()).isZero();
        assertThat(currentCase().clearingEvidence()).isEqualTo("P-1");
    }

    @Test
    void shouldNotClearOnAPartialPaymentButOnTheRest() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PARTLY_PAID, "99.99"));
        assertThat(commands()).isEmpty();
        assertThat(currentCase().balanceCents()).isEqualTo(1);

        receive(payment("P-2", PAID, "0.01"));

        assertThat(commands()).extracting(ReconnectCommand::getClearedAt).containsExactly(PAID);
        assertThat(currentCase().clearingEvidence()).isEqualTo("P-2");
    }

    @Test
    void shouldClearOnAnOverpaymentAndKeepTheCredit() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PAID, "150.00"));

        assertThat(commands()).hasSize(1);
        assertThat(currentCase().balanceCents()).isEqualTo(-5000);
    }

    @Test
    void shouldClearAtAConfiguredThresholdAboveZero() throws Exception {
        harness.close();
        harness = harness(settings.withThresholdCents(1000), null);
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PARTLY_PAID, "89.99"));
        assertThat(commands()).isEmpty();

        receive(payment("P-2", PAID, "0.01"));

        assertThat(commands()).extracting(ReconnectCommand::getClearedAt).containsExactly(PAID);
    }

    @Test
    void shouldCountARepeatedPaymentIdOnce() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PARTLY_PAID, "50.00"), payment("P-1", PARTLY_PAID, "50.00"));
        assertThat(commands()).isEmpty();

        receive(payment("P-2", PAID, "50.00"));

        assertThat(commands()).hasSize(1);
        assertThat(currentCase().clearingEvidence()).isEqualTo("P-2");
    }

    @Test
    void shouldClearOnAnAgreementSignedAfterTheCutOff() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(agreement(PAID, false, true));

        assertThat(commands()).hasSize(1);
        assertThat(commands().get(0).getClearedBy()).isEqualTo(ClearedBy.AUTO_DEBIT_AGREEMENT);
        assertThat(commands().get(0).getClearedAt()).isEqualTo(PAID);
    }

    @Test
    void shouldNotClearOnAnAgreementThePolicyDoesNotAccept() throws Exception {
        harness.close();
        harness = harness(settings.withAgreementPolicy(AgreementPolicy.PREPAYMENT), null);
        cutOffForArrearsOwing("100.00");
        receive(agreement(PAID, false, true));
        assertThat(commands()).isEmpty();

        receive(agreement(NEXT_DAY, true, true));

        assertThat(commands()).hasSize(1);
        assertThat(commands().get(0).getClearedBy()).isEqualTo(ClearedBy.PREPAYMENT_AGREEMENT);
    }

    @Test
    void shouldNotClearOnAnAgreementSignedBeforeTheCutOff() throws Exception {
        receive(agreement(OPENED, true, false));
        cutOffForArrearsOwing("100.00");

        assertThat(commands()).isEmpty();
    }

    @Test
    void shouldNotReconnectWhenThePaymentIsReversedBeforeTheDecision() throws Exception {
        receive(openingBalance("100.00"), payment("P-1", PAID, "100.00"));
        receive(reversal("R-1", "P-1", PAID.plusSeconds(600), "100.00"));
        receive(cutOffOrdered("ARREARS"), cutOff("ARREARS"));

        assertThat(commands()).isEmpty();
        assertThat(currentCase().balanceCents()).isEqualTo(10000);
    }

    @Test
    void shouldNotCountAPaymentWhoseReversalArrivedFirst() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(reversal("R-1", "P-1", PAID.plusSeconds(600), "100.00"));
        receive(payment("P-1", PAID, "100.00"));

        assertThat(commands()).isEmpty();
        assertThat(currentCase().balanceCents()).isEqualTo(10000);
    }

    @Test
    void shouldMarkForReviewAPaymentReversedAfterTheCommand() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PAID, "100.00"));
        receive(reversal("R-1", "P-1", NEXT_DAY, "100.00"));

        assertThat(commands()).hasSize(1);
        assertThat(currentCase().review()).isEqualTo(1);
        assertThat(currentCase().reviewReason()).contains("P-1").contains("not cleared");
        assertThat(currentCase().commandId()).isEqualTo(COMMAND_ID);
    }

    @Test
    void shouldMarkForReviewABillDatedBeforeThePaymentArrivingAfterTheCommand() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PAID, "100.00"));
        receive(bill("B-LATE", PARTLY_PAID, "20.00"));

        assertThat(commands()).hasSize(1);
        assertThat(currentCase().review()).isEqualTo(1);
    }

    @Test
    void shouldNotMarkForReviewABillDatedAfterTheClearingPayment() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PAID, "100.00"));
        receive(bill("B-NEXT", NEXT_DAY, "20.00"));

        assertThat(commands()).hasSize(1);
        assertThat(currentCase().review()).isZero();
        assertThat(currentCase().balanceCents()).isEqualTo(2000);
    }

    @Test
    void shouldNeverReconnectASafetyCut() throws Exception {
        receive(openingBalance("100.00"), cutOffOrdered("SAFETY"), cutOff("SAFETY"));
        receive(payment("P-1", PAID, "100.00"), agreement(PAID, true, true));

        assertThat(commands()).isEmpty();
        assertThat(currentCase().autoReconnect()).isZero();
        assertThat(currentCase().status()).isEqualTo(ReconnectCases.DISCONNECTED);
        assertThat(side(ReconnectCases.VIOLATIONS)).isEmpty();
    }

    @Test
    void shouldNeverReconnectACutOffAtTheCustomersRequest() throws Exception {
        receive(openingBalance("100.00"), cutOff("REQUEST"), payment("P-1", PAID, "100.00"));

        assertThat(commands()).isEmpty();
    }

    @Test
    void shouldSendTheCommandWhenThePaymentArrivedBeforeTheCutOffEvent() throws Exception {
        receive(openingBalance("100.00"), deliveredNotice(), payment("P-1", PAID, "100.00"));
        assertThat(commands()).isEmpty();

        receive(cutOffOrdered("ARREARS"), cutOff("ARREARS"));

        assertThat(commands()).hasSize(1);
        assertThat(commands().get(0).getClearedAt()).isEqualTo(PAID);
    }

    @Test
    void shouldNotLetAPaymentClearADebtTheLedgerHasNotSeenYet() throws Exception {
        receive(deliveredNotice(), cutOffOrdered("ARREARS"), cutOff("ARREARS"));
        receive(payment("P-1", PARTLY_PAID, "40.00"), payment("P-2", PAID, "60.00"));
        assertThat(commands()).isEmpty();

        receive(openingBalance("100.00"));

        assertThat(commands()).extracting(ReconnectCommand::getClearedAt).containsExactly(PAID);
        assertThat(currentCase().review()).isZero();
    }

    @Test
    void shouldNotSendASecondCommandWhenThePaymentIsReplayedAfterARestore() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PAID, "100.00"));
        assertThat(commands()).hasSize(1);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = harness(settings, snapshot);
        receive(payment("P-1", PAID, "100.00"), reconnected(RECONNECTED));

        assertThat(commands()).isEmpty();
        assertThat(currentCase().status()).isEqualTo(ReconnectCases.RECONNECTED);
        assertThat(currentCase().commandId()).isEqualTo(COMMAND_ID);
    }

    @Test
    void shouldSendTheCommandAfterARestoreBetweenCutOffAndPayment() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PARTLY_PAID, "40.00"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = harness(settings, snapshot);
        receive(payment("P-2", PAID, "60.00"));

        assertThat(commands())
                .extracting(ReconnectCommand::getCommandId)
                .containsExactly(COMMAND_ID);
    }

    @Test
    void shouldSendTheCommandAfterARestoreBetweenAnEarlyPaymentAndTheCutOffEvent()
            throws Exception {
        receive(openingBalance("100.00"), payment("P-1", PAID, "100.00"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = harness(settings, snapshot);
        receive(cutOff("ARREARS"));

        assertThat(commands())
                .extracting(ReconnectCommand::getCommandId)
                .containsExactly(COMMAND_ID);
    }

    @Test
    void shouldCloseTheCaseWhenTheHeadEndReconnectsWithinTheTarget() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PAID, "100.00"), reconnected(RECONNECTED));
        watermark(NEXT_DAY);

        CaseRow row = currentCase();
        assertThat(row.status()).isEqualTo(ReconnectCases.RECONNECTED);
        assertThat(row.reconnectedAt()).isEqualTo(RECONNECTED);
        assertThat(row.overdue()).isZero();
        assertThat(row.disconnectOrderedAt()).isEqualTo(ORDERED);
    }

    @Test
    void shouldFlagTheCaseOverdueWhenTheWatermarkPassesTheTarget() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PAID, "100.00"));
        watermark(PAID.plus(Duration.ofMinutes(59)));
        assertThat(currentCase().overdue()).isZero();

        watermark(PAID.plus(Duration.ofHours(1)));

        assertThat(currentCase().overdue()).isEqualTo(1);
        assertThat(currentCase().overdueAt()).isEqualTo(PAID.plus(Duration.ofHours(1)));
        assertThat(currentCase().status()).isEqualTo(ReconnectCases.WAITING_FOR_POWER);
    }

    @Test
    void shouldKeepAFailedReconnectAsAnOpenAlert() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PAID, "100.00"), reconnectFailed(RECONNECTED));

        assertThat(currentCase().status()).isEqualTo(ReconnectCases.RECONNECT_FAILED);
        assertThat(currentCase().reconnectFailedAt()).isEqualTo(RECONNECTED);
    }

    @Test
    void shouldWriteEachPaymentWithTheBalanceAndWhetherTheCustomerWasCutOff() throws Exception {
        receive(openingBalance("100.00"), payment("P-0", OPENED.plusSeconds(60), "10.00"));
        receive(cutOff("ARREARS"), payment("P-1", PAID, "90.00"));

        assertThat(side(ReconnectCases.PAYMENTS))
                .extracting(
                        PaymentRow::paymentId,
                        r -> r.balanceAfter().toPlainString(),
                        PaymentRow::whileDisconnected)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("P-0", "90.00", 0),
                        org.assertj.core.groups.Tuple.tuple("P-1", "0.00", 1));
    }

    @Test
    void shouldCorrectAPaymentRowWhenItsBillAndCutOffArriveAfterIt() throws Exception {
        receive(payment("P-1", PAID, "90.00"), reconnected(RECONNECTED));
        receive(cutOff("ARREARS"), openingBalance("100.00"));

        Map<String, PaymentRow> current = new TreeMap<>();
        side(ReconnectCases.PAYMENTS).forEach(r -> current.put(r.paymentId(), r));
        assertThat(current.values())
                .extracting(r -> r.balanceAfter().toPlainString(), PaymentRow::whileDisconnected)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.00", 1));
    }

    @Test
    void shouldWriteACaseRowOnlyWhenTheCaseChanges() throws Exception {
        cutOffForArrearsOwing("100.00");
        int rows = side(ReconnectCases.CASES).size();
        receive(deliveredNotice(), notice("N-2", NOTICE_SENT, NOTICE_DELIVERED));

        assertThat(side(ReconnectCases.CASES)).hasSize(rows);
        assertThat(side(ReconnectCases.CASES))
                .extracting(CaseRow::version)
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldLeaveNoStateOrTimersAfterACaseClosesAndTheRetentionPasses() throws Exception {
        cutOffForArrearsOwing("100.00");
        receive(payment("P-1", PARTLY_PAID, "30.00"), payment("P-2", PAID, "70.00"));
        receive(reconnected(RECONNECTED));
        watermark(RECONNECTED.plus(Duration.ofDays(6)));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        watermark(RECONNECTED.plus(Duration.ofDays(7)));

        assertThat(commands()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepOnlyTheBalanceOfACustomerWhoStillOwesAfterTheRetention() throws Exception {
        receive(openingBalance("100.00"), payment("P-1", PAID, "30.00"));
        watermark(PAID.plus(Duration.ofDays(8)));

        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();

        receive(
                step(
                        "E-CUT-2",
                        SwitchStep.DISCONNECT,
                        SwitchStep.EXECUTED,
                        "ARREARS",
                        NEXT_DAY.plus(Duration.ofDays(10))),
                payment("P-2", NEXT_DAY.plus(Duration.ofDays(11)), "70.00"));
        assertThat(commands()).hasSize(1);
    }

    @Test
    void shouldKeepAnOpenCaseWhenTheRetentionPasses() throws Exception {
        cutOffForArrearsOwing("100.00");
        watermark(CUT_OFF.plus(Duration.ofDays(30)));

        receive(payment("P-1", CUT_OFF.plus(Duration.ofDays(31)), "100.00"));

        assertThat(commands()).hasSize(1);
    }
}
