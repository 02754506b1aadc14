package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.NotificationKind;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.HighBillLabel;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import io.gridpulse.tools.eval.HighBillScore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated city of 40 days goes through Kafka, the highbill job on a mini-cluster, ClickHouse
 * and the customer-notifications topic; the alerts are checked against the simulator's labels.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HighBillPipelineITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    // enough customers that some high-bill alerts may be sent, with the outages the city now has
    private static final int METERS = 300;
    private static final int DAYS = 40;
    private static final DateTimeFormatter CLICKHOUSE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir static Path checkpoints;

    private TestStack stack;
    private GroundTruth truth;
    private List<Map<String, String>> rows;
    private List<CustomerNotification> messages;

    @BeforeAll
    void runTheCityThroughTheJob() throws Exception {
        stack = TestStack.fresh("highbill", checkpoints, Map.of());
        truth = SimulatedCity.feed(stack, METERS, DAYS);
        JobRuns.untilIdle(stack.config(), HighBillJob.JOB);
        try (var ch = stack.clickHouse()) {
            rows =
                    ch.rows(
                            "SELECT notification_id, customer_id, period, sent, base_source,"
                                    + " toString(created_at) AS created_at FROM high_bill_alerts FINAL");
        }
        AvroCodec<CustomerNotification> codec = AvroCodec.of(CustomerNotification.class);
        messages = new ArrayList<>();
        for (var record : stack.readAll(Topics.CUSTOMER_NOTIFICATIONS)) {
            messages.add(codec.decode(record.value()));
        }
    }

    @Test
    void shouldAlertTheGenuineRisesOfTheLabelsAndLittleElse() {
        List<HighBillScore.Label> labels =
                truth.highBills().stream()
                        .map(
                                l ->
                                        new HighBillScore.Label(
                                                l.customerId(),
                                                l.period(),
                                                l.periodEnd(),
                                                l.high()))
                        .toList();
        List<HighBillScore.Alert> alerts =
                rows.stream()
                        .map(
                                r ->
                                        new HighBillScore.Alert(
                                                r.get("customer_id"),
                                                r.get("period"),
                                                LocalDateTime.parse(
                                                                r.get("created_at"),
                                                                CLICKHOUSE_TIME)
                                                        .toInstant(ZoneOffset.UTC)))
                        .toList();
        HighBillScore score =
                HighBillScore.of(
                        labels,
                        alerts,
                        messages.stream()
                                .map(
                                        m ->
                                                new HighBillScore.Message(
                                                        m.getCustomerId(), m.getPeriod()))
                                .toList(),
                        Map.<String, Instant>of(),
                        HighBillSettings.defaults().zone());

        assertThat(score.high()).as("labelled high periods").isPositive();
        assertThat(score.truePositives()).as(score.toJson()).isPositive();
        assertThat(score.precision()).as(score.toJson()).isGreaterThanOrEqualTo(0.6);
        assertThat(score.recall()).as(score.toJson()).isGreaterThanOrEqualTo(0.6);
        assertThat(score.duplicates()).isZero();
        assertThat(score.leadDaysP50()).as(score.toJson()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldSendExactlyTheSentAlertsOnceEachOnTheTopic() {
        Set<String> sent =
                rows.stream()
                        .filter(r -> r.get("sent").equals("1"))
                        .map(r -> r.get("notification_id"))
                        .collect(Collectors.toSet());

        assertThat(sent).as("alert rows " + rows).isNotEmpty();
        assertThat(messages)
                .allSatisfy(m -> assertThat(m.getKind()).isEqualTo(NotificationKind.HIGH_BILL));
        assertThat(messages)
                .extracting(CustomerNotification::getNotificationId)
                .containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void shouldNeverSendToCustomersWhoOptedOut() {
        Set<String> optedOut =
                truth.highBills().stream()
                        .filter(HighBillLabel::optedOut)
                        .map(HighBillLabel::customerId)
                        .collect(Collectors.toSet());

        assertThat(messages).noneMatch(m -> optedOut.contains(m.getCustomerId()));
        assertThat(rows)
                .filteredOn(r -> optedOut.contains(r.get("customer_id")))
                .allSatisfy(r -> assertThat(r.get("sent")).isEqualTo("0"));
    }

    @Test
    void shouldCompareWithLastYearsBillWhereThereIsOneElseWithTheSegments() {
        Map<String, String> baseOf =
                truth.highBills().stream()
                        .collect(
                                Collectors.toMap(
                                        HighBillLabel::customerId,
                                        HighBillLabel::baseSource,
                                        (a, b) -> a));
        assertThat(rows)
                .isNotEmpty()
                .filteredOn(r -> baseOf.containsKey(r.get("customer_id")))
                .allSatisfy(
                        r ->
                                assertThat(r.get("base_source"))
                                        .as(r.get("notification_id"))
                                        .isEqualTo(baseOf.get(r.get("customer_id"))));
    }
}
