package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.common.job.RunAccounting;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.highbill.HighBillJob;
import io.gridpulse.highbill.HighBillReference;
import io.gridpulse.reconnect.ReconnectJob;
import io.gridpulse.schema.DeadLetter;
import io.gridpulse.schema.NoticeKind;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.schema.ServiceOrder;
import io.gridpulse.schema.SwitchStage;
import io.gridpulse.schema.TicketKind;
import io.gridpulse.servicekpi.ServiceKpiJob;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.ServiceCase;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.Events;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poison drill: bad records of every kind the door knows, spread over all seven input topics
 * and their partitions, half of them before a simulated city's records and half after, stamped a
 * day later than the city in Kafka. The consumption, reconnect, service-KPI and high-bill jobs read
 * it all: every meter's energy equals the ground truth, every cleared arrears case gets its one
 * command, the high-bill alerts and notifications equal those of a run over the same city without
 * bad records, every bad record is dead-lettered once with its reason, and per job and topic {@code
 * in = processed + rejected + quarantined}.
 *
 * <p>{@code ./gridpulse test} sends 7 × 200 bad records; {@code ./gridpulse drill poison} sends
 * 10,000.
 */
@Timeout(900)
class PoisonDrillITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 1000;
    private static final int DAYS = 2;

    /**
     * The full drill's count (GRIDPULSE_DRILL_FULL, set by {@code ./gridpulse drill}), or 7 × 200.
     */
    private static final int POISON =
            "true".equals(System.getenv("GRIDPULSE_DRILL_FULL")) ? 10_000 : 1_400;

    /** When the bad records of a plausible time say they happened. */
    private static final Instant IN_THE_CITY = Instant.parse("2026-03-02T12:00:00Z");

    /**
     * Alert rules that let a city of two days alert (the defaults wait for day 7 of a period and 3
     * recent days); both the poisoned and the clean run use them.
     */
    private static final Map<String, String> ALERTS =
            Map.of(
                    "highbill.alert.first.days", "1",
                    "highbill.profile.days", "1",
                    "highbill.alert.share", "0.10",
                    "highbill.alert.floor", "5");

    private static final List<String> INPUTS =
            List.of(
                    Topics.METER_READS,
                    Topics.CUSTOMERS,
                    Topics.SWITCH_EVENTS,
                    Topics.PAYMENTS,
                    Topics.BILLS,
                    Topics.NOTICES,
                    Topics.SERVICE_ORDERS);

    /** What can be wrong with a record, and what its dead letter must say (reason or class). */
    enum Poison {
        NOT_AVRO("in Avro single-object encoding"),
        EMPTY("empty value"),
        OTHER_TYPE("Cannot resolve schema for fingerprint"),
        TRUNCATED("in Avro single-object encoding"),
        UNKNOWN_WRITER("Cannot resolve schema for fingerprint"),
        OVERSIZED(DeadLetters.TOO_LARGE),
        FAR_FUTURE(DeadLetters.QUARANTINE_PREFIX),
        BEFORE_2000(DeadLetters.RANGE_EVENT_TIME),
        REGISTER_TOO_WIDE(DeadLetters.RANGE_DECIMAL);

        final String says;

        Poison(String says) {
            this.says = says;
        }

        boolean quarantined() {
            return this == FAR_FUTURE;
        }

        boolean saidBy(DeadLetter letter) {
            return letter.getReason().contains(says) || letter.getErrorClass().startsWith(says);
        }
    }

    @TempDir Path checkpoints;

    @Test
    void shouldDeadLetterEveryBadRecordAndKeepEveryGoodOneExact() throws Exception {
        TestStack stack = TestStack.fresh("poison", checkpoints.resolve("poison"), ALERTS);
        List<Bad> bad = poison(stack);
        try (var producer = stack.producer()) {
            send(producer, stack, bad.subList(0, bad.size() / 2));
        }
        GroundTruth truth = SimulatedCity.feed(stack, METERS, DAYS);
        Instant aDayLater = truth.config().end().plusSeconds(86_400);
        try (var producer = stack.producer()) {
            send(producer, stack, bad.subList(bad.size() / 2, bad.size()), aDayLater);
        }
        Map<String, Long> badPerTopic =
                bad.stream().collect(Collectors.groupingBy(Bad::topic, Collectors.counting()));
        Map<String, Long> quarantinedPerTopic =
                bad.stream()
                        .filter(b -> b.kind().quarantined())
                        .collect(Collectors.groupingBy(Bad::topic, Collectors.counting()));
        System.out.printf(
                "poison: %,d bad records (%s) among %,d good ones%n",
                bad.size(), badPerTopic, truth.totalRecords());

        for (var job :
                List.of(ConsumptionJob.JOB, ReconnectJob.JOB, ServiceKpiJob.JOB, HighBillJob.JOB)) {
            List<RunAccounting.Line> lines = JobRuns.untilIdleAccounted(stack.config(), job);
            lines.forEach(
                    l ->
                            System.out.printf(
                                    "poison: %-12s %-15s in %,9d processed %,9d rejected %,6d"
                                            + " quarantined %,6d late %,6d%n",
                                    job.name(),
                                    l.topic(),
                                    l.in(),
                                    l.processed(),
                                    l.rejected(),
                                    l.quarantined(),
                                    l.late()));
            assertThat(lines).isNotEmpty();
            for (RunAccounting.Line l : lines) {
                assertThat(l.unaccounted())
                        .as("%s on %s: in = processed + rejected + quarantined", job, l.topic())
                        .isZero();
                assertThat(l.rejected() + l.quarantined())
                        .as("%s on %s: every bad record turned away", job, l.topic())
                        .isEqualTo(badPerTopic.get(l.topic()));
                assertThat(l.quarantined())
                        .as("%s on %s: the far-future ones quarantined", job, l.topic())
                        .isEqualTo(quarantinedPerTopic.getOrDefault(l.topic(), 0L));
                assertThat(l.processed())
                        .as("%s on %s: every good record processed", job, l.topic())
                        .isEqualTo(truth.recordsByTopic().getOrDefault(l.topic(), 0L));
            }
        }

        assertThat(SimulatedCity.measuredKwhByMeter(stack))
                .as("every meter's energy, as if no bad record had been sent")
                .containsExactlyInAnyOrderEntriesOf(
                        SimulatedCity.measurable(
                                truth, SimulatedCity.scaled(truth.expectedKwhByMeter())));
        assertThat(SimulatedCity.measuredIntervalsByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(
                        SimulatedCity.measurable(truth, truth.expectedIntervalsByMeter()));
        assertThat(commands(stack))
                .as("one command per cleared arrears case")
                .isEqualTo(
                        truth.serviceCases().stream()
                                .filter(ServiceCase::reconnectExpected)
                                .map(c -> "RC-" + c.disconnectEventId())
                                .collect(Collectors.toCollection(java.util.TreeSet::new)));
        assertDeadLetters(stack, bad);

        // the high-bill job's outcome = its run over the same city on a stack no bad record reached
        TestStack clean = TestStack.fresh("poisonclean", checkpoints.resolve("clean"), ALERTS);
        SimulatedCity.feed(clean, METERS, DAYS);
        HighBillReference reference = HighBillReference.of(clean);
        System.out.printf(
                "poison: high-bill alerts %d (%d sent) in the clean run; %d alert rows and %d"
                        + " notifications in the poisoned one%n",
                reference.alerts().size(),
                reference.sent(),
                HighBillReference.alertRows(stack),
                HighBillReference.messages(stack).size());
        assertThat(reference.sent()).as("the clean run sends high-bill alerts").isPositive();
        reference.assertMetBy(stack);
    }

    /** Each bad record once on its topic's dead-letter topic, with the reason of its kind. */
    private static void assertDeadLetters(TestStack stack, List<Bad> bad) {
        AvroCodec<DeadLetter> codec = AvroCodec.of(DeadLetter.class);
        for (String topic : INPUTS) {
            Map<String, DeadLetter> letters = new TreeMap<>();
            stack.readAll(Topics.deadLetter(topic))
                    .forEach(
                            r -> {
                                DeadLetter l = decode(codec, r.value());
                                // jobs that share an input each write its letters: same key
                                letters.put(l.getSourcePartition() + "/" + l.getSourceOffset(), l);
                            });
            List<Bad> onTopic = bad.stream().filter(b -> b.topic().equals(topic)).toList();
            assertThat(letters).as("dead letters of %s", topic).hasSize(onTopic.size());
            Map<String, Long> byReason =
                    letters.values().stream()
                            .collect(
                                    Collectors.groupingBy(
                                            DeadLetter::getErrorClass,
                                            TreeMap::new,
                                            Collectors.counting()));
            System.out.printf("poison: dead letters of %-15s %s%n", topic, byReason);
            assertThat(letters.values()).allSatisfy(l -> assertThat(l.getReason()).isNotBlank());
            for (Poison kind : Poison.values()) {
                long sent = onTopic.stream().filter(b -> b.kind() == kind).count();
                assertThat(letters.values().stream().filter(kind::saidBy).count())
                        .as("%s on %s: dead letters saying '%s'", kind, topic, kind.says)
                        .isGreaterThanOrEqualTo(sent);
            }
        }
    }

    private static DeadLetter decode(AvroCodec<DeadLetter> codec, byte[] value) {
        try {
            return codec.decode(value);
        } catch (Exception e) {
            throw new AssertionError("a dead letter that cannot be read", e);
        }
    }

    private static java.util.SortedSet<String> commands(TestStack stack) {
        AvroCodec<ReconnectCommand> codec = AvroCodec.of(ReconnectCommand.class);
        return stack.readAll(Topics.RECONNECT_COMMANDS).stream()
                .map(
                        r -> {
                            try {
                                return codec.decode(r.value()).getCommandId();
                            } catch (Exception e) {
                                throw new AssertionError(e);
                            }
                        })
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** One bad record: its topic, partition, key and value. */
    record Bad(String topic, int partition, byte[] key, byte[] value, Poison kind) {}

    /** {@link #POISON} bad records, every kind on every topic, keys spread over the partitions. */
    private static List<Bad> poison(TestStack stack) {
        Random random = new Random(42);
        int partitions =
                stack.config().get(io.gridpulse.common.config.CommonKeys.KAFKA_TOPIC_PARTITIONS);
        Map<String, Function<Instant, SpecificRecord>> valid = validRecords();
        Poison[] kinds = Poison.values();
        List<Bad> bad = new ArrayList<>();
        for (int i = 0; i < POISON; i++) {
            String topic = INPUTS.get(i % INPUTS.size());
            Poison kind = kinds[(i / INPUTS.size()) % kinds.length];
            if (kind == Poison.REGISTER_TOO_WIDE && !topic.equals(Topics.METER_READS)) {
                kind = Poison.NOT_AVRO; // the only decimal the door checks per topic is a register
            }
            byte[] value =
                    switch (kind) {
                        case NOT_AVRO -> ("garbage " + i).getBytes(StandardCharsets.UTF_8);
                        case EMPTY -> null;
                        case OTHER_TYPE ->
                                Events.encode(
                                        valid.get(INPUTS.get((i + 1) % INPUTS.size()))
                                                .apply(IN_THE_CITY));
                        case TRUNCATED -> {
                            byte[] whole = Events.encode(valid.get(topic).apply(IN_THE_CITY));
                            yield Arrays.copyOf(whole, 10 + whole.length / 3);
                        }
                        case UNKNOWN_WRITER -> {
                            byte[] whole = Events.encode(valid.get(topic).apply(IN_THE_CITY));
                            byte[] fingerprint = new byte[8];
                            random.nextBytes(fingerprint);
                            System.arraycopy(fingerprint, 0, whole, 2, 8);
                            yield whole;
                        }
                        case OVERSIZED -> {
                            byte[] big = new byte[200 * 1024];
                            random.nextBytes(big);
                            yield big;
                        }
                        case FAR_FUTURE ->
                                Events.encode(
                                        valid.get(topic)
                                                .apply(Instant.parse("6500-01-01T00:00:00Z")));
                        case BEFORE_2000 ->
                                Events.encode(
                                        valid.get(topic)
                                                .apply(Instant.parse("1970-01-02T00:00:00Z")));
                        case REGISTER_TOO_WIDE ->
                                Events.readWithRawRegister(
                                        "M-POISON",
                                        IN_THE_CITY,
                                        new BigDecimal("12345678901234567.891"));
                    };
            byte[] key = ("POISON-" + i).getBytes(StandardCharsets.UTF_8);
            bad.add(new Bad(topic, i % partitions, key, value, kind));
        }
        java.util.Collections.shuffle(bad, random);
        return bad;
    }

    /** A record of each input topic's type at a given event time. */
    private static Map<String, Function<Instant, SpecificRecord>> validRecords() {
        Map<String, Function<Instant, SpecificRecord>> valid = new TreeMap<>();
        valid.put(Topics.METER_READS, at -> Events.read("M-POISON", at, 1_000).build());
        valid.put(Topics.CUSTOMERS, at -> Events.customer("C-POISON", "M-POISON", at).build());
        valid.put(
                Topics.SWITCH_EVENTS,
                at ->
                        Events.disconnection("E-POISON", "M-POISON", SwitchStage.EXECUTED, at)
                                .build());
        valid.put(
                Topics.PAYMENTS, at -> Events.payment("P-POISON", "C-POISON", "10.00", at).build());
        valid.put(
                Topics.BILLS,
                at ->
                        Events.bill(
                                        "B-POISON",
                                        "C-POISON",
                                        "2026-03",
                                        "10.00",
                                        at,
                                        LocalDate.of(2026, 4, 1))
                                .build());
        valid.put(
                Topics.NOTICES,
                at -> Events.notice("N-POISON", "C-POISON", NoticeKind.DUNNING, at).build());
        valid.put(
                Topics.SERVICE_ORDERS,
                at ->
                        ServiceOrder.newBuilder()
                                .setTicketId("T-POISON")
                                .setRevision(0)
                                .setKind(TicketKind.COMPLAINT)
                                .setOpenedAt(at)
                                .setUpdatedAt(at)
                                .build());
        return valid;
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, TestStack stack, List<Bad> bad) {
        send(producer, stack, bad, null);
    }

    /** Sends the bad records, stamped {@code at} in Kafka if given. */
    private static void send(
            KafkaProducer<byte[], byte[]> producer, TestStack stack, List<Bad> bad, Instant at) {
        for (Bad b : bad) {
            producer.send(
                    new ProducerRecord<>(
                            stack.topic(b.topic()),
                            b.partition(),
                            at == null ? null : at.toEpochMilli(),
                            b.key(),
                            b.value()));
        }
        producer.flush();
    }
}
