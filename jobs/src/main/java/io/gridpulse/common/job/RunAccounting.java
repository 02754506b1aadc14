package io.gridpulse.common.job;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.kafka.KafkaInputs;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.SplitDeadLetters;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Accounts for every record a run read: per input topic, the records in (from Kafka's offsets: the
 * end offsets at start-up less the job's committed offsets), and what became of them: processed,
 * rejected (dead-lettered), quarantined, and, among the processed, late. A record that is none of
 * these is unaccounted for, and the run exits 3.
 */
public final class RunAccounting {

    /** One topic's line: {@code in = processed + rejected + quarantined} when all is well. */
    public record Line(
            String topic, long in, long processed, long rejected, long quarantined, long late) {
        public long unaccounted() {
            return in - processed - rejected - quarantined;
        }

        public double lateShare() {
            return processed == 0 ? 0 : (double) late / processed;
        }

        /** Share of the records read that went to the dead letters (rejected or quarantined). */
        public double deadLetterShare() {
            return in == 0 ? 0 : (double) (rejected + quarantined) / in;
        }
    }

    private RunAccounting() {}

    /** Records waiting for the job's consumer group on each topic, before the run starts. */
    public static Map<String, Long> recordsToRead(
            KafkaSettings kafka, String jobName, List<String> topics) throws InterruptedException {
        try (Admin admin = Admin.create(kafka.clientProperties("gridpulse-accounting"))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            var described =
                    admin.describeTopics(topics.stream().map(kafka::topic).toList())
                            .allTopicNames()
                            .get();
            described
                    .values()
                    .forEach(
                            d ->
                                    d.partitions()
                                            .forEach(
                                                    p -> {
                                                        var tp =
                                                                new TopicPartition(
                                                                        d.name(), p.partition());
                                                        latest.put(tp, OffsetSpec.latest());
                                                        earliest.put(tp, OffsetSpec.earliest());
                                                    }));
            var ends = admin.listOffsets(latest).all().get();
            var starts = admin.listOffsets(earliest).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(KafkaInputs.groupId(jobName))
                            .partitionsToOffsetAndMetadata()
                            .get();
            Map<String, Long> toRead = new LinkedHashMap<>();
            topics.forEach(t -> toRead.put(t, 0L));
            for (TopicPartition tp : latest.keySet()) {
                long from = starts.get(tp).offset();
                OffsetAndMetadata c = committed.get(tp);
                if (c != null) {
                    from = Math.max(from, c.offset());
                }
                toRead.merge(
                        kafka.logicalTopic(tp.topic()),
                        Math.max(0, ends.get(tp).offset() - from),
                        Long::sum);
            }
            return toRead;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read the offsets of the job's topics: " + e.getCause(), e.getCause());
        }
    }

    /** The lines of a finished run, from its accumulators and the late records it stored. */
    public static List<Line> lines(
            String jobName,
            Map<String, Long> in,
            Map<String, Object> accumulators,
            ClickHouseSettings clickHouse,
            Instant runStart) {
        Map<String, Long> late = lateRecords(clickHouse, jobName, runStart);
        List<Line> lines = new ArrayList<>();
        in.forEach(
                (topic, count) ->
                        lines.add(
                                new Line(
                                        topic,
                                        count,
                                        counter(accumulators, "accepted", topic),
                                        counter(accumulators, "rejected", topic),
                                        counter(accumulators, "quarantined", topic),
                                        late.getOrDefault(topic, 0L))));
        return lines;
    }

    private static long counter(Map<String, Object> accumulators, String kind, String topic) {
        Object v = accumulators.get(SplitDeadLetters.accumulator(kind, topic));
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static Map<String, Long> lateRecords(
            ClickHouseSettings clickHouse, String jobName, Instant since) {
        Map<String, Long> late = new HashMap<>();
        try (var ch = ClickHouseQueries.connect(clickHouse, "gridpulse-accounting")) {
            ch.rows(
                            "SELECT stream, count() AS n FROM late_records FINAL WHERE job = '"
                                    + jobName.replace("'", "")
                                    + "' AND written_at >= toDateTime("
                                    + since.getEpochSecond()
                                    + ", 'UTC') GROUP BY stream")
                    .forEach(r -> late.put(r.get("stream"), Long.parseLong(r.get("n"))));
        }
        return late;
    }

    /**
     * Prints the lines, warns loudly about a late share above {@code lateShareWarning} and a
     * dead-letter share above {@code deadLetterShareWarning}; returns true when every record is
     * accounted for.
     */
    public static boolean print(
            String jobName,
            List<Line> lines,
            double lateShareWarning,
            double deadLetterShareWarning,
            PrintStream err) {
        err.printf(
                "run accounting of job %s (records per input topic)%n  %-16s %12s %12s %10s %12s %10s %12s%n",
                jobName,
                "topic",
                "in",
                "processed",
                "rejected",
                "quarantined",
                "late",
                "unaccounted");
        boolean ok = true;
        for (Line l : lines) {
            err.printf(
                    "  %-16s %,12d %,12d %,10d %,12d %,10d %,12d%n",
                    l.topic(),
                    l.in(),
                    l.processed(),
                    l.rejected(),
                    l.quarantined(),
                    l.late(),
                    l.unaccounted());
            ok &= l.unaccounted() == 0;
            if (l.lateShare() > lateShareWarning) {
                err.printf(
                        "WARNING: %.1f %% of the %s records job %s processed were LATE (above"
                                + " events.late.share.warning %.1f %%): they are stored in"
                                + " late_records, not counted in the results%n",
                        100 * l.lateShare(), l.topic(), jobName, 100 * lateShareWarning);
            }
            if (l.deadLetterShare() > deadLetterShareWarning) {
                err.printf(
                        "WARNING: %.1f %% of the %s records job %s read were DEAD-LETTERED (above"
                                + " events.dead.letter.share.warning %.1f %%): see %s-dlq and"
                                + " rejected_records for their reasons (an unpublished writer"
                                + " schema? ./gridpulse schemas list)%n",
                        100 * l.deadLetterShare(),
                        l.topic(),
                        jobName,
                        100 * deadLetterShareWarning,
                        l.topic());
            }
        }
        if (!ok) {
            err.printf(
                    "ERROR: job %s left records unaccounted for (in != processed + rejected +"
                            + " quarantined)%n",
                    jobName);
        }
        return ok;
    }
}
