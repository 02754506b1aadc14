package io.gridpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.Notice;
import io.gridpulse.schema.NoticeChannel;
import io.gridpulse.schema.Payment;
import io.gridpulse.schema.PaymentChannel;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.streams.Topics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnomalyCoverageTest {

    private final SimulatedRuns.Run run = SimulatedRuns.city();

    /** Anomalies that need more than three days: a week of history, a long vacation, days late. */
    private static final Set<AnomalyType> NEED_DAYS =
            Set.of(
                    AnomalyType.ZERO_CONSUMPTION,
                    AnomalyType.USAGE_OUT_OF_BAND,
                    AnomalyType.MANUAL_READ_MISMATCH,
                    AnomalyType.FLATLINE,
                    AnomalyType.CROSSED_METER);

    @Test
    void everyAnomalyTypeIsInjectedIntoACityOf500MetersOverThreeDays() {
        Set<AnomalyType> injected =
                run.truth().anomalies().stream()
                        .map(InjectedAnomaly::rule)
                        .collect(Collectors.toSet());

        assertThat(injected)
                .containsExactlyInAnyOrder(
                        Arrays.stream(AnomalyType.values())
                                .filter(t -> !NEED_DAYS.contains(t))
                                .toArray(AnomalyType[]::new));
    }

    @Test
    void theAnomaliesThatNeedDaysAreInjectedIntoALongerRun() {
        SimulatedRuns.Run longer =
                SimulatedRuns.run(SimulationConfig.of(300, 20, SimulatedRuns.SEED));
        Set<AnomalyType> injected =
                longer.truth().anomalies().stream()
                        .map(InjectedAnomaly::rule)
                        .collect(Collectors.toSet());

        assertThat(injected).containsAll(NEED_DAYS);
        // a 9- to 16-day vacation: the meter's reads do not move over the label's window
        longer.truth().anomalies().stream()
                .filter(a -> a.rule() == AnomalyType.ZERO_CONSUMPTION)
                .forEach(
                        a -> {
                            List<Double> totals =
                                    longer.reads().stream()
                                            .filter(r -> r.getMeterId().equals(a.meterId()))
                                            .filter(
                                                    r ->
                                                            !r.getReadTime()
                                                                    .isBefore(
                                                                            a.eventTime()
                                                                                    .plusSeconds(
                                                                                            3600)))
                                            .filter(r -> r.getReadTime().isBefore(a.until()))
                                            .map(r -> r.getTotalKwh().doubleValue())
                                            .distinct()
                                            .toList();
                            assertThat(totals).as(a.meterId()).hasSizeLessThanOrEqualTo(1);
                        });
    }

    @Test
    void everyServiceCaseTypeIsScripted() {
        Set<CaseType> scripted =
                run.truth().serviceCases().stream()
                        .map(ServiceCase::type)
                        .collect(Collectors.toSet());

        assertThat(scripted).containsExactlyInAnyOrder(CaseType.values());
    }

    @Test
    void eachFaultyMeterHasOneKindOfAnomaly() {
        assertThat(
                        run.truth().anomalies().stream()
                                .collect(
                                        Collectors.groupingBy(
                                                InjectedAnomaly::meterId,
                                                Collectors.mapping(
                                                        InjectedAnomaly::rule,
                                                        Collectors.toSet()))))
                .allSatisfy((meter, rules) -> assertThat(rules).hasSize(1));
    }

    @Test
    void remindersGoThroughRemoteAndOtherChannels() {
        Set<NoticeChannel> channels =
                run.sink().values(Topics.NOTICES, Notice.class).stream()
                        .map(Notice::getChannel)
                        .collect(Collectors.toSet());

        assertThat(channels)
                .contains(NoticeChannel.PHONE, NoticeChannel.SMS, NoticeChannel.WECHAT)
                .containsAnyOf(NoticeChannel.LETTER, NoticeChannel.BULLETIN, NoticeChannel.ON_SITE);
    }

    @Test
    void customersPayThroughTheCompanysChannels() {
        Set<PaymentChannel> channels =
                run.sink().values(Topics.PAYMENTS, Payment.class).stream()
                        .map(Payment::getChannel)
                        .collect(Collectors.toSet());

        assertThat(channels).hasSizeGreaterThanOrEqualTo(5).doesNotContain(PaymentChannel.UNKNOWN);
    }

    @Test
    void ticketRevisionsIncreaseAndSomeComplaintsAreVerified() {
        var tickets =
                run.sink().values(Topics.SERVICE_ORDERS, ServiceOrder.class).stream()
                        .collect(Collectors.groupingBy(ServiceOrder::getTicketId));

        assertThat(tickets)
                .isNotEmpty()
                .allSatisfy(
                        (id, revisions) -> {
                            List<ServiceOrder> inTimeOrder =
                                    revisions.stream()
                                            .sorted(
                                                    Comparator.comparing(
                                                            ServiceOrder::getUpdatedAt))
                                            .toList();
                            for (int i = 0; i < inTimeOrder.size(); i++) {
                                assertThat(inTimeOrder.get(i).getRevision()).isEqualTo(i);
                            }
                        });
        assertThat(tickets.values())
                .anySatisfy(
                        revisions ->
                                assertThat(revisions.get(revisions.size() - 1).getVerified())
                                        .isNotNull());
    }
}
