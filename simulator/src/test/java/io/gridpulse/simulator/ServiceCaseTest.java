package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Bill;
import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.Notice;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.SwitchAction;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.schema.SwitchReason;
import io.gridpulse.schema.SwitchStage;
import io.gridpulse.streams.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks each scripted case of the ground truth against the streams the reconnect job will read.
 */
class ServiceCaseTest {

    private final SimulatedRuns.Run run = SimulatedRuns.city();
    private final List<Bill> bills = run.sink().values(Topics.BILLS, Bill.class);
    private final List<Payment> payments = run.sink().values(Topics.PAYMENTS, Payment.class);
    private final List<Notice> notices = run.sink().values(Topics.NOTICES, Notice.class);
    private final List<SwitchEvent> switches =
            run.sink().values(Topics.SWITCH_EVENTS, SwitchEvent.class);
    private final List<Customer> customers = run.sink().values(Topics.CUSTOMERS, Customer.class);

    @Test
    void theDisconnectEventOfEveryCaseIsAnExecutedDisconnectForItsReason() {
        assertThat(run.truth().serviceCases())
                .allSatisfy(
                        c ->
                                assertThat(switches)
                                        .anySatisfy(
                                                e -> {
                                                    assertThat(e.getEventId())
                                                            .isEqualTo(c.disconnectEventId());
                                                    assertThat(e.getMeterId())
                                                            .isEqualTo(c.meterId());
                                                    assertThat(e.getAction())
                                                            .isEqualTo(SwitchAction.DISCONNECT);
                                                    assertThat(e.getStage())
                                                            .isEqualTo(SwitchStage.EXECUTED);
                                                    assertThat(e.getReason()).isEqualTo(c.reason());
                                                    assertThat(e.getEventTime())
                                                            .isEqualTo(c.disconnectedAt());
                                                }));
    }

    @Test
    void arrearsCutOffsComeThirtyMinutesAfterADeliveredNoticeUnlessTheCaseIsABreach() {
        assertThat(run.truth().serviceCases())
                .filteredOn(c -> c.reason() == SwitchReason.ARREARS)
                .allSatisfy(
                        c -> {
                            boolean lawful =
                                    notices.stream()
                                            .anyMatch(
                                                    n ->
                                                            n.getCustomerId().equals(c.customerId())
                                                                    && n.getKind()
                                                                            == NoticeKind
                                                                                    .DISCONNECTION
                                                                    && n.getDelivered()
                                                                    && !n.getDeliveredAt()
                                                                            .isAfter(
                                                                                    c.disconnectedAt()
                                                                                            .minus(
                                                                                                    Duration
                                                                                                            .ofMinutes(
                                                                                                                    30))));
                            assertThat(lawful).as(c.toString()).isEqualTo(!c.noticeRuleBreach());
                            assertThat(c.noticeRuleBreach())
                                    .isEqualTo(c.type() == CaseType.NOTICE_RULE_BREACH);
                        });
    }

    @Test
    void everyCaseIsInArrearsWhenCutOff() {
        assertThat(run.truth().serviceCases())
                .allSatisfy(
                        c -> assertThat(balance(c.customerId(), c.disconnectedAt())).isPositive());
    }

    @Test
    void paymentClearedCasesOweNothingOnceClearedAndNotBefore() {
        assertThat(run.truth().serviceCases())
                .filteredOn(c -> c.clearedBy() == ClearedBy.PAYMENT)
                .allSatisfy(
                        c -> {
                            assertThat(balance(c.customerId(), c.clearedAt().minusMillis(1)))
                                    .isPositive();
                            assertThat(balance(c.customerId(), c.clearedAt())).isZero();
                        });
    }

    @Test
    void agreementClearedCasesSignTheirAgreementAtTheClearingTime() {
        assertThat(run.truth().serviceCases())
                .filteredOn(c -> c.type() == CaseType.AGREEMENT_CLEARED)
                .allSatisfy(
                        c ->
                                assertThat(customers)
                                        .anySatisfy(
                                                record -> {
                                                    assertThat(record.getCustomerId())
                                                            .isEqualTo(c.customerId());
                                                    assertThat(record.getUpdatedAt())
                                                            .isEqualTo(c.clearedAt());
                                                    assertThat(
                                                                    c.clearedBy()
                                                                                    == ClearedBy
                                                                                            .PREPAYMENT_AGREEMENT
                                                                            ? record
                                                                                    .getPrepaymentAgreement()
                                                                            : record
                                                                                    .getAutoDebitAgreement())
                                                            .isTrue();
                                                }));
    }

    @Test
    void casesThatDoNotClearStillOweAtTheEnd() {
        Instant end = run.truth().config().end();
        assertThat(run.truth().serviceCases())
                .filteredOn(
                        c ->
                                c.type() == CaseType.STILL_IN_ARREARS
                                        || c.type() == CaseType.NOTICE_RULE_BREACH)
                .allSatisfy(
                        c -> {
                            assertThat(c.clearedAt()).isNull();
                            assertThat(c.reconnectExpected()).isFalse();
                            assertThat(balance(c.customerId(), end)).isPositive();
                        });
    }

    @Test
    void onlyArrearsCasesThatClearExpectAReconnect() {
        assertThat(run.truth().serviceCases())
                .allSatisfy(
                        c ->
                                assertThat(c.reconnectExpected())
                                        .isEqualTo(
                                                c.type() == CaseType.CLEARED_ARREARS
                                                        || c.type() == CaseType.AGREEMENT_CLEARED));
        assertThat(run.truth().serviceCases())
                .filteredOn(c -> c.type() == CaseType.SAFETY_CUT)
                .allSatisfy(c -> assertThat(c.clearedBy()).isEqualTo(ClearedBy.PAYMENT));
    }

    /** Bills minus payments of a customer up to and including an instant. */
    private BigDecimal balance(String customerId, Instant at) {
        BigDecimal billed =
                bills.stream()
                        .filter(
                                b ->
                                        b.getCustomerId().equals(customerId)
                                                && !b.getIssuedAt().isAfter(at))
                        .map(Bill::getAmount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal paid =
                payments.stream()
                        .filter(
                                p ->
                                        p.getCustomerId().equals(customerId)
                                                && !p.getPaidAt().isAfter(at))
                        .map(Payment::getAmount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
        return billed.subtract(paid);
    }
}
