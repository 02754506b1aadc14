package io.gridpulse.highbill;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.schema.CustomerNotification;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The high-bill job runs live while its inputs pause for several idleness periods mid-period, and
 * is stopped with {@code --drain}: the alert table and the notifications sent must be, row for row,
 * those of an uninterrupted bounded run of the same city (on the same topics, in a database of its
 * own). Two pauses: every input at once (the city fed in two halves of event time), and only the
 * meter reads (a head-end delivering late) while bills and customer changes go on.
 */
@Timeout(300)
class HighBillPauseITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 150;
    private static final int DAYS = 40;
    private static final int SPLIT_DAY = 20;
    private static final long IDLENESS_MS = 2_000;
    private static final List<String> INPUTS =
            List.of(Topics.METER_READS, Topics.CUSTOMERS, Topics.BILLS);
    private static final String ALERT_COLUMNS =
            "SELECT notification_id, customer_id, period, toString(period_end) AS period_end,"
                    + " toString(projected_bill) AS projected_bill, toString(base_bill) AS base_bill,"
                    + " base_source, reason, channel, sent, toString(decided_at) AS decided_at,"
                    + " toString(created_at) AS created_at FROM high_bill_alerts FINAL";

    private static final DateTimeFormatter CLICKHOUSE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @TempDir Path checkpoints;
    @TempDir Path savepoints;

    @Test
    void shouldEqualAnUninterruptedRunWhenEveryInputPauses() throws Exception {
        pauseAndCompare("hbpause", Set.copyOf(INPUTS));
    }

    @Test
    void shouldEqualAnUninterruptedRunWhenOnlyTheReadsPause() throws Exception {
        pauseAndCompare("hbreadpause", Set.of(Topics.METER_READS));
    }

    /**
     * Feeds the first half, lets every input go idle, feeds the second half of the inputs that go
     * on, lets the {@code pausing} ones stay idle a while longer, feeds theirs, drains.
     */
    private void pauseAndCompare(String name, Set<String> pausing) throws Exception {
        SimulationConfig config = SimulationConfig.of(METERS, DAYS, SimulatedCity.SEED);
        PausedCity city = PausedCity.of(config, INPUTS);
        Instant split = config.start().plus(Duration.ofDays(SPLIT_DAY));
        TestStack stack =
                TestStack.fresh(
                        name,
                        checkpoints.resolve(name),
                        Map.of(
                                "job.checkpoint.interval",
                                "500ms",
                                "events.source.idleness",
                                IDLENESS_MS + "ms"));

        long started = System.nanoTime();
        city.send(stack, r -> r.before(split));
        JobClient job = JobRuns.start(stack.config(), HighBillJob.JOB, null);
        PausedCity.awaitAllRead(stack, job, HighBillJob.NAME, INPUTS);
        int alertsBefore = alerts(stack).size();
        city.resumeAfterAPause(stack, job, HighBillJob.NAME, split, pausing, IDLENESS_MS);
        JobRuns.drain(job, savepoints.resolve(name));
        long liveSeconds = (System.nanoTime() - started) / 1_000_000_000L;
        Map<String, Map<String, String>> live = alerts(stack);
        Map<String, CustomerNotification> liveMessages = messages(stack);

        // the uninterrupted run: the same topics from the start, bounded, to the end of time
        TestStack reference = stack.withOwnDatabase("reference");
        stack.forgetCommittedOffsets(KafkaInputs.groupId(HighBillJob.NAME));
        JobRuns.untilIdle(reference.config(), HighBillJob.JOB);
        Map<String, Map<String, String>> expected = alerts(reference);

        System.out.printf(
                "high-bill pause of %s: %d alerts before the pause, %d after the drain (%d sent),"
                        + " %d in the uninterrupted run; live run %d s%n",
                pausing,
                alertsBefore,
                live.size(),
                liveMessages.size(),
                expected.size(),
                liveSeconds);
        assertThat(expected.values())
                .as("alerts decided after the pause")
                .anySatisfy(
                        a ->
                                assertThat(a.get("decided_at"))
                                        .isGreaterThan(CLICKHOUSE_TIME.format(split)));
        assertThat(live).containsExactlyInAnyOrderEntriesOf(expected);
        Map<String, CustomerNotification> sent = new TreeMap<>();
        expected.values().stream()
                .filter(a -> a.get("sent").equals("1"))
                .forEach(a -> sent.put(a.get("notification_id"), null));
        assertThat(liveMessages.keySet()).isEqualTo(sent.keySet());
    }

    private static Map<String, Map<String, String>> alerts(TestStack stack) {
        try (var ch = stack.clickHouse()) {
            Map<String, Map<String, String>> rows = new TreeMap<>();
            for (Map<String, String> r : ch.rows(ALERT_COLUMNS)) {
                rows.put(r.get("notification_id"), r);
            }
            return rows;
        }
    }

    /** The notifications on the topic by id; a repeated id must carry the same message. */
    private static Map<String, CustomerNotification> messages(TestStack stack) {
        AvroCodec<CustomerNotification> codec = AvroCodec.of(CustomerNotification.class);
        Map<String, CustomerNotification> byId = new TreeMap<>();
        for (var record : stack.readAll(Topics.CUSTOMER_NOTIFICATIONS)) {
            CustomerNotification m;
            try {
                m = codec.decode(record.value());
            } catch (Exception e) {
                throw new AssertionError("unreadable notification", e);
            }
            CustomerNotification before = byId.put(m.getNotificationId(), m);
            assertThat(before == null || before.equals(m))
                    .as("notification " + m.getNotificationId() + " sent again the same")
                    .isTrue();
        }
        return byId;
    }
}
