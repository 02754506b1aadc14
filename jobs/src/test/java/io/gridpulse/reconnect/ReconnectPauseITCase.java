package io.gridpulse.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.schema.ClearedBy;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.ServiceCase;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.PausedCity;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconnect job runs live while its inputs pause for several idleness periods, and is stopped
 * with {@code --drain}: commands, case rows (status, clearing, overdue, review), notice-rule
 * violations and payments must be exactly the ground truth's, as after an uninterrupted bounded run
 * (ReconnectITCase). Two pauses: every input at once (the city fed in two halves of event time),
 * and only the head-end's switch events and the customer changelog, while bills, payments and
 * notices go on; then a payment that clears a case cut off before the pause must get its command
 * during the pause, not when the paused inputs come back.
 */
@Timeout(300)
class ReconnectPauseITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 6000;
    private static final int DAYS = 2;
    private static final long IDLENESS_MS = 2_000;
    private static final List<String> INPUTS =
            List.of(
                    Topics.CUSTOMERS,
                    Topics.BILLS,
                    Topics.PAYMENTS,
                    Topics.NOTICES,
                    Topics.SWITCH_EVENTS);
    private static final Set<String> PAUSING = Set.of(Topics.SWITCH_EVENTS, Topics.CUSTOMERS);
    private static final DateTimeFormatter CLICKHOUSE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir Path checkpoints;
    @TempDir Path savepoints;

    @Test
    void shouldEqualTheGroundTruthWhenEveryInputPausesAndTheRunEndsWithADrain() throws Exception {
        SimulationConfig config = SimulationConfig.of(METERS, DAYS, SimulatedCity.SEED);
        PausedCity city = PausedCity.of(config, INPUTS);
        Instant split = splitInsideACase(city.truth());
        TestStack stack = stack("rcpause");

        city.send(stack, r -> r.before(split));
        JobClient job = JobRuns.start(stack.config(), ReconnectJob.JOB, null);
        PausedCity.awaitAllRead(stack, job, ReconnectJob.NAME, INPUTS);
        int commandsBefore = commands(stack).size();
        Thread.sleep(3 * IDLENESS_MS); // every input idle
        city.send(stack, r -> !r.before(split));
        PausedCity.awaitAllRead(stack, job, ReconnectJob.NAME, INPUTS);
        JobRuns.drain(job, savepoints);

        System.out.printf(
                "reconnect pause (all inputs) at %s: %d commands before the pause, %d after the"
                        + " drain, %d expected%n",
                split,
                commandsBefore,
                commands(stack).size(),
                expectedCommands(city.truth()).size());
        assertEqualsTheGroundTruth(stack, city.truth());
    }

    @Test
    void shouldSendCommandsOnPaymentsWhileSwitchEventsAndCustomersPause() throws Exception {
        SimulationConfig config = SimulationConfig.of(METERS, DAYS, SimulatedCity.SEED);
        PausedCity city = PausedCity.of(config, INPUTS);
        Instant split = splitInsideACase(city.truth());
        TestStack stack = stack("rcswitchpause");
        // cut off before the pause, cleared by a payment during it: due before the pause ends
        Map<String, String> dueDuringPause = new TreeMap<>();
        expectedCommands(city.truth())
                .forEach(
                        (id, c) -> {
                            ServiceCase sc = caseOf(city.truth(), id);
                            if (sc.disconnectedAt().isBefore(split)
                                    && !sc.clearedAt().isBefore(split)
                                    && sc.clearedBy() == ClearedBy.PAYMENT) {
                                dueDuringPause.put(id, c);
                            }
                        });
        assertThat(dueDuringPause).as("cases cleared by a payment during the pause").isNotEmpty();

        city.send(stack, r -> r.before(split));
        JobClient job = JobRuns.start(stack.config(), ReconnectJob.JOB, null);
        PausedCity.awaitAllRead(stack, job, ReconnectJob.NAME, INPUTS);
        Thread.sleep(3 * IDLENESS_MS);
        city.send(
                stack,
                r ->
                        INPUTS.contains(r.topic())
                                && !r.before(split)
                                && !PAUSING.contains(r.topic()));
        long pauseStarted = System.nanoTime();
        // switch events and customers stay idle; payments must not wait for them
        Map<String, String> sent = Map.of();
        while (System.nanoTime() - pauseStarted < 60_000_000_000L) {
            PausedCity.failOnJobFailure(job);
            sent = commands(stack);
            if (sent.keySet().containsAll(dueDuringPause.keySet())) {
                break;
            }
            Thread.sleep(200);
        }
        long waitedMs = (System.nanoTime() - pauseStarted) / 1_000_000;
        assertThat(sent)
                .as("commands of payments made while switch events and customers were idle")
                .containsAllEntriesOf(dueDuringPause);
        Thread.sleep(Math.max(0, 3 * IDLENESS_MS - waitedMs));
        city.send(stack, r -> !r.before(split) && PAUSING.contains(r.topic()));
        PausedCity.awaitAllRead(stack, job, ReconnectJob.NAME, INPUTS);
        JobRuns.drain(job, savepoints);

        System.out.printf(
                "reconnect pause (switch events and customers): %d commands due during the pause,"
                        + " all on the topic %d ms after the payments were written%n",
                dueDuringPause.size(), waitedMs);
        assertEqualsTheGroundTruth(stack, city.truth());
    }

    /**
     * Halfway between the cut-off and the clearing payment of the case cleared longest after its
     * cut-off: at least one command is due from records on both sides of the pause.
     */
    private static Instant splitInsideACase(GroundTruth truth) {
        ServiceCase c =
                truth.serviceCases().stream()
                        .filter(ServiceCase::reconnectExpected)
                        .filter(x -> x.clearedBy() == ClearedBy.PAYMENT)
                        .max(
                                Comparator.comparing(
                                        x -> Duration.between(x.disconnectedAt(), x.clearedAt())))
                        .orElseThrow();
        return c.disconnectedAt()
                .plus(Duration.between(c.disconnectedAt(), c.clearedAt()).dividedBy(2));
    }

    private TestStack stack(String name) throws Exception {
        return TestStack.fresh(
                name,
                checkpoints,
                Map.of(
                        "reconnect.target", "4h",
                        "job.checkpoint.interval", "500ms",
                        "events.source.idleness", IDLENESS_MS + "ms"));
    }

    private static void assertEqualsTheGroundTruth(TestStack stack, GroundTruth truth) {
        List<ServiceCase> cases = truth.serviceCases();
        assertThat(commands(stack)).isEqualTo(expectedCommands(truth));

        Map<String, String> expectedRows = new TreeMap<>();
        for (ServiceCase c : cases) {
            boolean cmd = c.reconnectExpected();
            expectedRows.put(
                    c.disconnectEventId(),
                    String.join(
                            " ",
                            c.customerId(),
                            c.reason().toString(),
                            cmd ? c.clearedBy().toString() : "",
                            cmd ? CLICKHOUSE_TIME.format(c.clearedAt()) : "",
                            cmd ? "RC-" + c.disconnectEventId() : ""));
        }
        Map<String, String> rows = new TreeMap<>();
        for (Map<String, String> r :
                rows(
                        stack,
                        "SELECT case_id, customer_id, reason, cleared_by,"
                                + " ifNull(toString(cleared_at), '') AS cleared, command_id"
                                + " FROM reconnect_cases FINAL")) {
            rows.merge(
                    r.get("case_id"),
                    String.join(
                            " ",
                            r.get("customer_id"),
                            r.get("reason"),
                            r.get("cleared_by"),
                            r.get("cleared"),
                            r.get("command_id")),
                    (a, b) -> a + " | " + b);
        }
        assertThat(rows).isEqualTo(expectedRows);

        Duration target = Duration.ofHours(4);
        assertThat(caseIds(stack, "overdue = 1"))
                .isEqualTo(
                        ids(
                                cases.stream()
                                        .filter(ServiceCase::reconnectExpected)
                                        .filter(
                                                c ->
                                                        c.headEndReconnectedAt() == null
                                                                || c.headEndReconnectedAt()
                                                                        .isAfter(
                                                                                c.clearedAt()
                                                                                        .plus(
                                                                                                target)))
                                        .toList()));
        assertThat(caseIds(stack, "status = 'RECONNECTED'"))
                .isEqualTo(
                        ids(cases.stream().filter(c -> c.headEndReconnectedAt() != null).toList()));
        assertThat(caseIds(stack, "review = 1")).isEmpty();
        assertThat(
                        rows(
                                        stack,
                                        "SELECT switch_event_id FROM notice_rule_violations FINAL"
                                                + " WHERE withdrawn = 0 AND stage = 'EXECUTED'")
                                .stream()
                                .map(r -> r.get("switch_event_id"))
                                .collect(Collectors.toSet()))
                .isEqualTo(ids(cases.stream().filter(ServiceCase::noticeRuleBreach).toList()));
        assertThat(Long.parseLong(value(stack, "SELECT count() FROM payments FINAL")))
                .isEqualTo(truth.recordsByTopic().get(Topics.PAYMENTS));
        assertThat(Long.parseLong(value(stack, "SELECT count() FROM switch_events FINAL")))
                .isEqualTo(truth.recordsByTopic().get(Topics.SWITCH_EVENTS));
    }

    /** Command id to "customer clearedBy clearedAt" of every command the truth expects. */
    private static Map<String, String> expectedCommands(GroundTruth truth) {
        return truth.serviceCases().stream()
                .filter(ServiceCase::reconnectExpected)
                .collect(
                        Collectors.toMap(
                                c -> "RC-" + c.disconnectEventId(),
                                c -> c.customerId() + " " + c.clearedBy() + " " + c.clearedAt(),
                                (a, b) -> a,
                                TreeMap::new));
    }

    private static ServiceCase caseOf(GroundTruth truth, String commandId) {
        return truth.serviceCases().stream()
                .filter(c -> commandId.equals("RC-" + c.disconnectEventId()))
                .findFirst()
                .orElseThrow();
    }

    /** The commands on the topic; a repeated command must be the same command. */
    private static Map<String, String> commands(TestStack stack) {
        AvroCodec<ReconnectCommand> codec = AvroCodec.of(ReconnectCommand.class);
        Map<String, String> sent = new TreeMap<>();
        for (var record : stack.readAll(Topics.RECONNECT_COMMANDS)) {
            ReconnectCommand c;
            try {
                c = codec.decode(record.value());
            } catch (Exception e) {
                throw new AssertionError("an unreadable command", e);
            }
            String content = c.getCustomerId() + " " + c.getClearedBy() + " " + c.getClearedAt();
            String before = sent.put(c.getCommandId(), content);
            assertThat(before == null || before.equals(content))
                    .as("command " + c.getCommandId() + " sent again the same")
                    .isTrue();
        }
        return sent;
    }

    private static Set<String> ids(List<ServiceCase> cases) {
        return cases.stream().map(ServiceCase::disconnectEventId).collect(Collectors.toSet());
    }

    private static Set<String> caseIds(TestStack stack, String where) {
        return rows(stack, "SELECT case_id FROM reconnect_cases FINAL WHERE " + where).stream()
                .map(r -> r.get("case_id"))
                .collect(Collectors.toSet());
    }

    private static List<Map<String, String>> rows(TestStack stack, String sql) {
        try (var ch = stack.clickHouse()) {
            return ch.rows(sql);
        }
    }

    private static String value(TestStack stack, String sql) {
        try (var ch = stack.clickHouse()) {
            return ch.value(sql);
        }
    }
}
