package io.gridpulse.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.GridPulse;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.schema.DeadLetter;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.simulator.CollectingRecordSink;
import io.gridpulse.simulator.CollectingRecordSink.Sent;
import io.gridpulse.simulator.GroundTruth;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.simulator.Simulator;
import io.gridpulse.streams.AvroCodec;
import io.gridpulse.streams.PublishedSchemas;
import io.gridpulse.streams.ReleasedSchemas;
import io.gridpulse.streams.Topics;
import io.gridpulse.testing.JobRuns;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema-evolution drill: the consumption job runs unbounded over a simulated city whose first
 * half of meter reads was written with the released v1 writer (old records read by the current
 * job). A producer then publishes a v2 MeterRead writer (an added optional field, a new enum
 * symbol) with {@code ./gridpulse schemas publish} and writes the second half with it: the running
 * job reads them without a restart, and every meter's energy equals the ground truth. Reads of a
 * writer nobody published are dead-lettered, naming its fingerprint.
 */
@Timeout(420)
class SchemaEvolutionITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    private static final int METERS = 300;
    private static final int DAYS = 2;
    private static final int UNPUBLISHED_READS = 7;
    private static final String V2_RESOURCE = "/schema-evolution/MeterRead-v2.avsc";

    @TempDir Path checkpoints;
    @TempDir Path work;

    @Test
    void shouldReadANewerWriterWithoutARestartAndOldRecordsToo() throws Exception {
        long startedAt = System.nanoTime();
        TestStack stack =
                TestStack.fresh(
                        "schemaevolution", checkpoints, Map.of("events.source.idleness", "5s"));
        Schema v1 = ReleasedSchemas.of(MeterRead.getClassSchema().getFullName()).get(0);
        Schema v2 = parse(V2_RESOURCE);
        Schema unpublished =
                new Schema.Parser().parse(v2.toString().replace("voltage_v", "frequency_hz"));
        assertThat(PublishedSchemas.fingerprint(v2))
                .as("v2 is a writer the job was not built with")
                .isNotEqualTo(PublishedSchemas.fingerprint(MeterRead.getClassSchema()));

        CollectingRecordSink city = new CollectingRecordSink();
        GroundTruth truth =
                new Simulator(SimulationConfig.of(METERS, DAYS, SimulatedCity.SEED)).run(city);
        // split in emission order at the middle meter read: every input stops at the same time
        List<Sent> records = city.records();
        List<Sent> reads =
                records.stream().filter(r -> r.topic().equals(Topics.METER_READS)).toList();
        int split = records.indexOf(reads.get(reads.size() / 2));
        List<Sent> firstHalf = records.subList(0, split);
        List<Sent> secondHalf = records.subList(split, records.size());

        int v1Reads = 0;
        try (var producer = stack.producer()) {
            for (Sent r : firstHalf) {
                boolean read = r.topic().equals(Topics.METER_READS);
                v1Reads += read ? 1 : 0;
                send(
                        producer,
                        stack,
                        r,
                        read ? writtenWith(v1, (MeterRead) r.value(), false) : compiled(r.value()));
            }
        }
        long fedAt = System.nanoTime();
        JobClient job = JobRuns.start(stack.config(), ConsumptionJob.JOB, null);
        awaitUntil(() -> intervalRows(stack) > 0, Duration.ofMinutes(2), job);
        long rowsBeforeV2 = intervalRows(stack);

        // the producer moves to v2: publishes it first (twice: the second is a no-op)
        Path file = Files.writeString(work.resolve("MeterRead-v2.avsc"), v2.toString(true));
        assertThat(gridpulse(stack, "schemas", "publish", file.toString()))
                .startsWith("published: " + PublishedSchemas.key(v2));
        assertThat(gridpulse(stack, "schemas", "publish", file.toString()))
                .startsWith("already published: " + PublishedSchemas.key(v2));
        assertThat(gridpulse(stack, "schemas", "list"))
                .isEqualTo(PublishedSchemas.key(v2) + "\treadable\n");
        int newSymbols = 0;
        int v2Reads = 0;
        try (var producer = stack.producer()) {
            for (Sent r : secondHalf) {
                if (!r.topic().equals(Topics.METER_READS)) {
                    send(producer, stack, r, compiled(r.value()));
                    continue;
                }
                MeterRead read = (MeterRead) r.value();
                // a tenth of the AMI reads carry the symbol the compiled enum lacks
                boolean newSymbol = v2Reads++ % 10 == 0 && read.getSource().name().equals("AMI");
                newSymbols += newSymbol ? 1 : 0;
                send(producer, stack, r, writtenWith(v2, read, newSymbol));
            }
            for (int i = 0; i < UNPUBLISHED_READS; i++) {
                MeterRead read =
                        MeterRead.newBuilder((MeterRead) reads.get(reads.size() / 2 + i).value())
                                .setMeterId("ROGUE-" + i)
                                .build();
                producer.send(
                        new ProducerRecord<>(
                                stack.topic(Topics.METER_READS),
                                null,
                                read.getReadTime().toEpochMilli(),
                                read.getMeterId().getBytes(StandardCharsets.UTF_8),
                                writtenWith(unpublished, read, false)));
            }
        }
        stack.advanceMeterReadsPast(truth.config().end());
        long v2SentAt = System.nanoTime();

        Map<String, BigDecimal> expected =
                SimulatedCity.measurable(truth, SimulatedCity.scaled(truth.expectedKwhByMeter()));
        awaitUntil(
                () ->
                        SimulatedCity.measuredKwhByMeter(stack).equals(expected)
                                && deadLetters(stack).size() >= UNPUBLISHED_READS,
                Duration.ofMinutes(4),
                job);
        long doneAt = System.nanoTime();
        job.cancel().get();

        assertThat(SimulatedCity.measuredKwhByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(SimulatedCity.measuredIntervalsByMeter(stack))
                .containsExactlyInAnyOrderEntriesOf(
                        SimulatedCity.measurable(truth, truth.expectedIntervalsByMeter()));
        List<DeadLetter> letters = deadLetters(stack);
        String unpublishedKey = PublishedSchemas.key(unpublished);
        assertThat(letters)
                .filteredOn(l -> l.getReason().contains(unpublishedKey))
                .as("every read of the unpublished writer, its fingerprint named")
                .hasSize(UNPUBLISHED_READS)
                .allSatisfy(
                        l ->
                                assertThat(l.getReason())
                                        .contains("neither compiled, released nor published"));
        assertThat(letters)
                .as("no read of the published v2 writer was dead-lettered")
                .noneSatisfy(l -> assertThat(l.getReason()).contains(PublishedSchemas.key(v2)));
        try (var ch = stack.clickHouse()) {
            long unknownSource =
                    Long.parseLong(
                            ch.value(
                                    "SELECT count() FROM interval_consumption FINAL WHERE source ="
                                            + " 'UNKNOWN'"));
            System.out.printf(
                    "schema-evolution: %d reads (%d v1, %d v2 of which %d with a new enum symbol,"
                            + " %d of an unpublished writer); %d interval rows before v2, %s after;"
                            + " %d intervals closed by a read with the new symbol; %.1f s to"
                            + " simulate and feed the first half, %.1f s to run and feed the"
                            + " second, %.1f s until every meter was exact%n",
                    reads.size(),
                    v1Reads,
                    v2Reads,
                    newSymbols,
                    UNPUBLISHED_READS,
                    rowsBeforeV2,
                    ch.value("SELECT count() FROM interval_consumption FINAL"),
                    unknownSource,
                    (fedAt - startedAt) / 1e9,
                    (v2SentAt - fedAt) / 1e9,
                    (doneAt - v2SentAt) / 1e9);
            assertThat(unknownSource)
                    .as("the new enum symbol reads as the enum's default")
                    .isPositive();
            assertThat(
                            ch.value(
                                    "SELECT count() FROM rejected_records FINAL WHERE position(reason, '"
                                            + unpublishedKey
                                            + "') > 0"))
                    .isEqualTo(String.valueOf(UNPUBLISHED_READS));
        }
    }

    /** Runs a {@code ./gridpulse} command against the test's topics; returns its stdout. */
    private String gridpulse(TestStack stack, String... args) throws IOException {
        Path config =
                Files.writeString(
                        work.resolve("gridpulse.properties"),
                        "kafka.topic.prefix=" + stack.topic("") + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code =
                GridPulse.commandLine(
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                new PrintStream(err, true, StandardCharsets.UTF_8))
                        .execute(all);
        assertThat(code).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, TestStack stack, Sent r, byte[] value) {
        producer.send(
                new ProducerRecord<>(
                        stack.topic(r.topic()),
                        null,
                        r.timestampMillis(),
                        r.key().getBytes(StandardCharsets.UTF_8),
                        value));
    }

    /** The compiled encoding of any simulated record (one codec per class). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] compiled(SpecificRecord value) {
        AvroCodec codec =
                CODECS.computeIfAbsent(
                        value.getClass(), c -> AvroCodec.of((Class<SpecificRecord>) c));
        return codec.encode(value);
    }

    private static final Map<Class<?>, AvroCodec<?>> CODECS = new HashMap<>();

    /** Per writer schema: the reader from the compiled shape and the writer's encoder. */
    private record Writer(
            GenericDatumReader<GenericRecord> reader,
            BinaryMessageEncoder<GenericRecord> encoder) {}

    private static final Map<Schema, Writer> WRITERS = new HashMap<>();

    /**
     * A read as a producer with {@code writer} sends it: the compiled record resolved into the
     * writer's shape, with {@code voltage_v} set when the writer has it.
     */
    private static byte[] writtenWith(Schema writer, MeterRead read, boolean newSymbol) {
        byte[] compiled = compiled(read);
        Writer w =
                WRITERS.computeIfAbsent(
                        writer,
                        s ->
                                new Writer(
                                        new GenericDatumReader<>(MeterRead.getClassSchema(), s),
                                        new BinaryMessageEncoder<>(GenericData.get(), s)));
        try {
            // the body after the 10-byte single-object header, read into the writer's shape
            GenericRecord r =
                    w.reader()
                            .read(
                                    null,
                                    DecoderFactory.get()
                                            .binaryDecoder(
                                                    compiled, 10, compiled.length - 10, null));
            if (writer.getField("voltage_v") != null) {
                r.put("voltage_v", 229.5);
            }
            if (writer.getField("frequency_hz") != null) {
                r.put("frequency_hz", 50.0);
            }
            if (newSymbol) {
                r.put(
                        "source",
                        new GenericData.EnumSymbol(
                                writer.getField("source").schema(), "SMART_ESTIMATE"));
            }
            ByteBuffer b =
                    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(r);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema parse(String resource) throws IOException {
        try (InputStream in = SchemaEvolutionITCase.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }

    private static List<DeadLetter> deadLetters(TestStack stack) {
        return stack.readAll(Topics.deadLetter(Topics.METER_READS)).stream()
                .map(
                        r -> {
                            try {
                                return AvroCodec.of(DeadLetter.class).decode(r.value());
                            } catch (Exception e) {
                                throw new AssertionError("a dead letter that cannot be read", e);
                            }
                        })
                .toList();
    }

    private static long intervalRows(TestStack stack) {
        try (var ch = stack.clickHouse()) {
            return Long.parseLong(ch.value("SELECT count() FROM interval_consumption FINAL"));
        }
    }

    private static void awaitUntil(BooleanSupplier done, Duration timeout, JobClient job)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.getAsBoolean()) {
            if (job.getJobStatus().get() == JobStatus.FAILED) {
                job.getJobExecutionResult().get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not done within " + timeout);
            }
            Thread.sleep(500);
        }
    }
}
