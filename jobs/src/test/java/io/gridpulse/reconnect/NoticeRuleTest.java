package io.gridpulse.reconnect;

import static io.gridpulse.reconnect.ReconnectScenario.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.ReconnectCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notice rule, checked when a cut-off for arrears is ordered and again when it is executed: a
 * delivered disconnection notice at least 30 minutes before, at most 7 days old.
 */
class NoticeRuleTest {

    private KeyedOneInputStreamOperatorTestHarness<String, CustomerEvent, ReconnectCommand> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new ReconnectCases(ReconnectSettings.defaults())),
                        (CustomerEvent e) -> e.customerId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void receive(CustomerEvent... events) throws Exception {
        for (CustomerEvent e : events) {
            harness.processElement(new StreamRecord<>(e, e.timeMs));
        }
    }

    /** The newest version per switch event, in the order they were first written. */
    private List<NoticeViolation> violations() {
        var out = harness.getSideOutput(ReconnectCases.VIOLATIONS);
        if (out == null) {
            return List.of();
        }
        var newest = new java.util.LinkedHashMap<String, NoticeViolation>();
        out.forEach(r -> newest.put(r.getValue().switchEventId(), r.getValue()));
        return List.copyOf(newest.values());
    }

    private static CustomerEvent orderedAt(Instant at) {
        return step("E-ORDER", SwitchStep.DISCONNECT, SwitchStep.ORDERED, "ARREARS", at);
    }

    private static CustomerEvent executedAt(Instant at) {
        return step(CUT_OFF_EVENT, SwitchStep.DISCONNECT, SwitchStep.EXECUTED, "ARREARS", at);
    }

    @Test
    void shouldAcceptANoticeDelivered31MinutesBeforeTheOrder() throws Exception {
        receive(notice("N-1", minutesBefore(ORDERED, 40), minutesBefore(ORDERED, 31)));
        receive(orderedAt(ORDERED), executedAt(CUT_OFF));

        assertThat(violations()).isEmpty();
    }

    @Test
    void shouldFlagAnOrderOnlyTwentyNineMinutesAfterDelivery() throws Exception {
        receive(notice("N-1", minutesBefore(ORDERED, 40), minutesBefore(ORDERED, 29)));
        receive(orderedAt(ORDERED));

        assertThat(violations()).hasSize(1);
        NoticeViolation v = violations().get(0);
        assertThat(v.stage()).isEqualTo("ORDERED");
        assertThat(v.rule()).isEqualTo(NoticeRule.TOO_SOON);
        assertThat(v.noticeId()).isEqualTo("N-1");
        assertThat(v.noticeDeliveredAt()).isEqualTo(minutesBefore(ORDERED, 29));
        assertThat(v.checkedAt()).isEqualTo(ORDERED);
        assertThat(v.evidence()).contains("29 min");
        assertThat(v.withdrawn()).isZero();
    }

    @Test
    void shouldCheckAgainAtExecutionAgainstTheExecutionTime() throws Exception {
        receive(notice("N-1", minutesBefore(ORDERED, 40), minutesBefore(ORDERED, 29)));
        receive(orderedAt(ORDERED), executedAt(ORDERED.plus(Duration.ofMinutes(5))));

        assertThat(violations()).extracting(NoticeViolation::stage).containsExactly("ORDERED");
    }

    @Test
    void shouldFlagTheExecutionTooWhenItAlsoComesTooSoon() throws Exception {
        receive(notice("N-1", minutesBefore(ORDERED, 30), minutesBefore(ORDERED, 20)));
        receive(orderedAt(ORDERED), executedAt(ORDERED.plus(Duration.ofMinutes(2))));

        assertThat(violations())
                .extracting(NoticeViolation::stage, NoticeViolation::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ORDERED", NoticeRule.TOO_SOON),
                        org.assertj.core.groups.Tuple.tuple("EXECUTED", NoticeRule.TOO_SOON));
    }

    @Test
    void shouldFlagBothOrderAndExecutionWhenTheNoticeWasNeverDelivered() throws Exception {
        receive(notice("N-1", minutesBefore(ORDERED, 120), null));
        receive(orderedAt(ORDERED), executedAt(CUT_OFF));

        assertThat(violations())
                .extracting(NoticeViolation::stage, NoticeViolation::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("ORDERED", NoticeRule.NOT_DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("EXECUTED", NoticeRule.NOT_DELIVERED));
        assertThat(violations().get(0).noticeSentAt()).isEqualTo(minutesBefore(ORDERED, 120));
        assertThat(violations().get(0).noticeDeliveredAt()).isNull();
    }

    @Test
    void shouldFlagACutOffWithNoNoticeAtAll() throws Exception {
        receive(orderedAt(ORDERED), executedAt(CUT_OFF));

        assertThat(violations())
                .extracting(NoticeViolation::rule)
                .containsOnly(NoticeRule.NO_NOTICE)
                .hasSize(2);
        assertThat(violations().get(0).noticeId()).isEmpty();
    }

    @Test
    void shouldNotCountANoticeSentAfterTheOrder() throws Exception {
        receive(orderedAt(ORDERED), executedAt(CUT_OFF));
        receive(notice("N-1", ORDERED.plusSeconds(60), ORDERED.plusSeconds(90)));

        assertThat(violations())
                .extracting(NoticeViolation::stage, NoticeViolation::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ORDERED", NoticeRule.NO_NOTICE),
                        org.assertj.core.groups.Tuple.tuple("EXECUTED", NoticeRule.TOO_SOON));
    }

    @Test
    void shouldNotCountANoticeOlderThanSevenDays() throws Exception {
        Instant eightDaysBefore = ORDERED.minus(Duration.ofDays(8));
        receive(notice("N-1", eightDaysBefore, eightDaysBefore.plusSeconds(60)));
        receive(orderedAt(ORDERED));

        assertThat(violations())
                .extracting(NoticeViolation::rule)
                .containsExactly(NoticeRule.NOTICE_TOO_OLD);
    }

    @Test
    void shouldWithdrawAViolationWhenTheLawfulNoticeArrivesLate() throws Exception {
        receive(orderedAt(ORDERED), executedAt(CUT_OFF));
        assertThat(violations()).hasSize(2);

        receive(deliveredNotice());

        assertThat(violations()).extracting(NoticeViolation::withdrawn).containsExactly(1, 1);
    }

    @Test
    void shouldNotCheckASafetyCutOff() throws Exception {
        receive(
                step("E-ORDER", SwitchStep.DISCONNECT, SwitchStep.ORDERED, "SAFETY", ORDERED),
                step(CUT_OFF_EVENT, SwitchStep.DISCONNECT, SwitchStep.EXECUTED, "SAFETY", CUT_OFF));

        assertThat(violations()).isEmpty();
    }
}
