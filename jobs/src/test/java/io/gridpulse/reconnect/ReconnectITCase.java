package io.gridpulse.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.clickhouse.SqlResources;
import io.gridpulse.directory.DirectoryJob;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.simulator.CaseType;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.ServiceCase;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's scripted disconnection cases go through Kafka, the reconnect job on a
 * mini-cluster, the {@code reconnect-commands} topic and ClickHouse; commands, case rows, overdue
 * cases and notice-rule violations must be exactly those of the ground truth.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconnectITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 2000;
    private static final int DAYS = 2;
    private static final Duration TARGET = Duration.ofHours(4);
    private static final DateTimeFormatter CLICKHOUSE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir static Path checkpoints;

    private TestStack stack;
    private GroundTruth truth;
    private List<ReconnectCommand> commands;

    @BeforeAll
    void runTheCityThroughTheJob() throws Exception {
        stack = TestStack.fresh("reconnect", checkpoints, Map.of("reconnect.target", "4h"));
        truth = SimulatedCity.feed(stack, METERS, DAYS);
        JobRuns.untilIdle(stack.config(), ReconnectJob.JOB);
        // the grid KPI queries place cases by the customer directory
        JobRuns.untilIdle(stack.config(), DirectoryJob.JOB);
        AvroCodec<ReconnectCommand> codec = AvroCodec.of(ReconnectCommand.class);
        commands =
                stack.readAll(Topics.RECONNECT_COMMANDS).stream()
                        .map(
                                r -> {
                                    try {
                                        return codec.decode(r.value());
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                })
                        .toList();
    }

    private List<ServiceCase> cases() {
        return truth.serviceCases();
    }

    @Test
    void shouldHaveScriptedEveryKindOfCase() {
        assertThat(cases().stream().map(ServiceCase::type).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(CaseType.values());
    }

    @Test
    void shouldSendExactlyOneDistinctCommandPerClearedArrearsCase() {
        Map<String, String> expected =
                cases().stream()
                        .filter(ServiceCase::reconnectExpected)
                        .collect(
                                Collectors.toMap(
                                        c -> "RC-" + c.disconnectEventId(),
                                        c ->
                                                c.customerId()
                                                        + " "
                                                        + c.clearedBy()
                                                        + " "
                                                        + c.clearedAt(),
                                        (a, b) -> a,
                                        TreeMap::new));
        Map<String, String> sent =
                commands.stream()
                        .collect(
                                Collectors.toMap(
                                        ReconnectCommand::getCommandId,
                                        c ->
                                                c.getCustomerId()
                                                        + " "
                                                        + c.getClearedBy()
                                                        + " "
                                                        + c.getClearedAt(),
                                        (a, b) -> {
                                            assertThat(b)
                                                    .as("a repeated command is the same")
                                                    .isEqualTo(a);
                                            return a;
                                        },
                                        TreeMap::new));

        assertThat(expected).isNotEmpty();
        assertThat(sent).isEqualTo(expected);
        assertThat(commands.stream().map(ReconnectCommand::getCommandId).distinct().count())
                .isEqualTo(expected.size());
    }

    @Test
    void shouldWriteOneCurrentRowPerCaseWithItsReasonAndClearing() {
        Map<String, String> expected =
                cases().stream()
                        .collect(
                                Collectors.toMap(
                                        ServiceCase::disconnectEventId,
                                        c ->
                                                c.customerId()
                                                        + " "
                                                        + c.reason()
                                                        + " "
                                                        + (c.reconnectExpected()
                                                                ? c.clearedBy()
                                                                : "")
                                                        + " "
                                                        + (c.reconnectExpected()
                                                                ? CLICKHOUSE_TIME.format(
                                                                        c.clearedAt())
                                                                : "")
                                                        + " "
                                                        + (c.reconnectExpected()
                                                                ? "RC-" + c.disconnectEventId()
                                                                : ""),
                                        (a, b) -> a,
                                        TreeMap::new));
        Map<String, String> rows =
                rows(
                                "SELECT case_id, customer_id, reason, cleared_by,"
                                        + " ifNull(toString(cleared_at), '') AS cleared, command_id"
                                        + " FROM reconnect_cases FINAL")
                        .stream()
                        .collect(
                                Collectors.toMap(
                                        r -> r.get("case_id"),
                                        r ->
                                                r.get("customer_id")
                                                        + " "
                                                        + r.get("reason")
                                                        + " "
                                                        + r.get("cleared_by")
                                                        + " "
                                                        + r.get("cleared")
                                                        + " "
                                                        + r.get("command_id"),
                                        (a, b) -> a + " | " + b,
                                        TreeMap::new));

        assertThat(rows).isEqualTo(expected);
    }

    @Test
    void shouldShowCasesReconnectedByTheHeadEndAndTheRestWaiting() {
        Set<String> reconnected =
                cases().stream()
                        .filter(c -> c.headEndReconnectedAt() != null)
                        .map(ServiceCase::disconnectEventId)
                        .collect(Collectors.toSet());
        Set<String> waiting =
                cases().stream()
                        .filter(c -> c.reconnectExpected() && c.headEndReconnectedAt() == null)
                        .map(ServiceCase::disconnectEventId)
                        .collect(Collectors.toSet());

        assertThat(reconnected).isNotEmpty();
        assertThat(caseIds("status = 'RECONNECTED'")).isEqualTo(reconnected);
        assertThat(caseIds("status = 'WAITING_FOR_POWER'")).isEqualTo(waiting);
    }

    @Test
    void shouldFlagExactlyTheCasesNotReconnectedWithinTheTarget() {
        Set<String> overdue =
                cases().stream()
                        .filter(ServiceCase::reconnectExpected)
                        .filter(
                                c -> {
                                    Instant deadline = c.clearedAt().plus(TARGET);
                                    return c.headEndReconnectedAt() == null
                                            || c.headEndReconnectedAt().isAfter(deadline);
                                })
                        .map(ServiceCase::disconnectEventId)
                        .collect(Collectors.toSet());

        assertThat(overdue).isNotEmpty();
        assertThat(caseIds("overdue = 1")).isEqualTo(overdue);
        assertThat(caseIds("review = 1")).isEmpty();
    }

    @Test
    void shouldFlagExactlyTheCutOffsThatBrokeTheNoticeRule() {
        Set<String> breaches =
                cases().stream()
                        .filter(ServiceCase::noticeRuleBreach)
                        .map(ServiceCase::customerId)
                        .collect(Collectors.toSet());

        assertThat(breaches).isNotEmpty();
        assertThat(
                        rows(
                                        "SELECT DISTINCT customer_id FROM notice_rule_violations FINAL"
                                                + " WHERE withdrawn = 0")
                                .stream()
                                .map(r -> r.get("customer_id"))
                                .collect(Collectors.toSet()))
                .isEqualTo(breaches);
        assertThat(
                        rows(
                                        "SELECT switch_event_id FROM notice_rule_violations FINAL"
                                                + " WHERE withdrawn = 0 AND stage = 'EXECUTED'")
                                .stream()
                                .map(r -> r.get("switch_event_id"))
                                .collect(Collectors.toSet()))
                .isEqualTo(
                        cases().stream()
                                .filter(ServiceCase::noticeRuleBreach)
                                .map(ServiceCase::disconnectEventId)
                                .collect(Collectors.toSet()));
    }

    @Test
    void shouldStoreEveryPaymentAndSwitchEventOnce() {
        assertThat(Long.parseLong(value("SELECT count() FROM payments FINAL")))
                .isEqualTo(truth.recordsByTopic().get(Topics.PAYMENTS));
        assertThat(Long.parseLong(value("SELECT count() FROM switch_events FINAL")))
                .isEqualTo(truth.recordsByTopic().get(Topics.SWITCH_EVENTS));
        Set<String> cutOff =
                cases().stream().map(ServiceCase::customerId).collect(Collectors.toSet());
        assertThat(
                        rows(
                                        "SELECT DISTINCT customer_id FROM payments FINAL WHERE while_disconnected = 1")
                                .stream()
                                .map(r -> r.get("customer_id"))
                                .collect(Collectors.toSet()))
                .isNotEmpty()
                .isSubsetOf(cutOff);
    }

    @Test
    void shouldComputeTheGridReconnectKpisOfTheMonthlyReviewFromTheCases() {
        Map<String, String> gridOf = gridOfCustomer();
        Map<String, List<ServiceCase>> cleared =
                cases().stream()
                        .filter(ServiceCase::reconnectExpected)
                        .collect(
                                Collectors.groupingBy(
                                        c ->
                                                gridOf.get(c.customerId())
                                                        + " "
                                                        + month(c.clearedAt()),
                                        TreeMap::new,
                                        Collectors.toList()));
        Map<String, String> expected = new TreeMap<>();
        cleared.forEach(
                (gridMonth, inGrid) -> {
                    long within =
                            inGrid.stream()
                                    .filter(c -> c.headEndReconnectedAt() != null)
                                    .filter(
                                            c ->
                                                    !c.headEndReconnectedAt()
                                                            .isAfter(c.clearedAt().plus(TARGET)))
                                    .count();
                    // quantileExact takes the element at position floor(0.5 * n) of the sorted
                    // values
                    List<Double> minutes =
                            inGrid.stream()
                                    .filter(c -> c.headEndReconnectedAt() != null)
                                    .map(
                                            c ->
                                                    Duration.between(
                                                                            c.clearedAt(),
                                                                            c
                                                                                    .headEndReconnectedAt())
                                                                    .toMillis()
                                                            / 60000.0)
                                    .sorted()
                                    .toList();
                    String p50 =
                            minutes.isEmpty()
                                    ? "-"
                                    : String.format("%.1f", minutes.get(minutes.size() / 2));
                    expected.put(gridMonth, inGrid.size() + " " + within + " " + p50);
                });

        Map<String, String> computed = new TreeMap<>();
        for (Map<String, String> r : rows(SqlResources.query("grid_reconnect_kpis_month"))) {
            boolean anyReconnected = !minutesNan(r);
            computed.put(
                    r.get("grid") + " " + r.get("month"),
                    r.get("cleared_cases")
                            + " "
                            + r.get("within_target")
                            + " "
                            + (anyReconnected
                                    ? String.format(
                                            "%.1f",
                                            Double.parseDouble(r.get("clearing_to_power_p50_min")))
                                    : "-"));
        }
        assertThat(expected.values())
                .as("some grids have cases back on power, so the median is checked")
                .anyMatch(v -> !v.endsWith("-"));
        assertThat(computed).isEqualTo(expected);
    }

    @Test
    void shouldCountTheNoticeRuleViolationsOfEachGridAndMonth() {
        Map<String, String> gridOf = gridOfCustomer();
        Map<String, Long> expected =
                cases().stream()
                        .filter(ServiceCase::noticeRuleBreach)
                        .collect(
                                Collectors.groupingBy(
                                        c ->
                                                gridOf.get(c.customerId())
                                                        + " "
                                                        + month(c.disconnectedAt()),
                                        TreeMap::new,
                                        Collectors.counting()));
        Map<String, Long> computed = new TreeMap<>();
        for (Map<String, String> r : rows(SqlResources.query("grid_notice_violations_month"))) {
            computed.put(
                    r.get("grid") + " " + r.get("month"), Long.parseLong(r.get("at_execution")));
        }
        assertThat(expected).isNotEmpty();
        assertThat(computed).isEqualTo(expected);
    }

    private static boolean minutesNan(Map<String, String> row) {
        String v = row.get("clearing_to_power_p50_min");
        return v == null || v.isEmpty() || v.equalsIgnoreCase("nan") || v.equals("null");
    }

    /**
     * Each customer's grid in its newest record on the customers topic, read straight from Kafka.
     */
    private Map<String, String> gridOfCustomer() {
        AvroCodec<Customer> codec = AvroCodec.of(Customer.class);
        Map<String, Customer> newest = new TreeMap<>();
        for (var record : stack.readAll(Topics.CUSTOMERS)) {
            try {
                Customer c = codec.decode(record.value());
                newest.merge(
                        c.getCustomerId(),
                        c,
                        (a, b) -> b.getUpdatedAt().isBefore(a.getUpdatedAt()) ? a : b);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> grids = new TreeMap<>();
        newest.forEach((id, c) -> grids.put(id, c.getGridId()));
        return grids;
    }

    private static String month(Instant at) {
        return at.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().withDayOfMonth(1).toString();
    }

    private Set<String> caseIds(String where) {
        return rows("SELECT case_id FROM reconnect_cases FINAL WHERE " + where).stream()
                .map(r -> r.get("case_id"))
                .collect(Collectors.toSet());
    }

    private List<Map<String, String>> rows(String sql) {
        try (var ch = stack.clickHouse()) {
            return ch.rows(sql);
        }
    }

    private String value(String sql) {
        try (var ch = stack.clickHouse()) {
            return ch.value(sql);
        }
    }
}
