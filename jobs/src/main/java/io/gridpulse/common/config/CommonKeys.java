package io.gridpulse.common.config;

import io.gridpulse.common.clickhouse.ClickHouseClientOptions;
import io.gridpulse.common.kafka.KafkaClientProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Configuration keys every job shares: Kafka, ClickHouse, checkpointing and event time. */
public final class CommonKeys {

    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS =
            ConfigKey.of(
                    "kafka.bootstrap.servers",
                    "localhost:9092",
                    Parsers::token,
                    "Kafka brokers, host:port[,host:port]");
    public static final ConfigKey<String> KAFKA_TOPIC_PREFIX =
            ConfigKey.of(
                    "kafka.topic.prefix",
                    "",
                    Parsers::text,
                    "Prefix in front of every topic name (isolates test runs and tenants)");
    public static final ConfigKey<Integer> KAFKA_TOPIC_PARTITIONS =
            ConfigKey.of(
                    "kafka.topic.partitions",
                    4,
                    Parsers::positiveInt,
                    "Partitions of each topic that setup creates");
    public static final ConfigKey<String> KAFKA_SECURITY_PROTOCOL =
            ConfigKey.of(
                    "kafka.security.protocol",
                    "PLAINTEXT",
                    Parsers::token,
                    "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
    public static final ConfigKey<String> KAFKA_SASL_MECHANISM =
            ConfigKey.of(
                    "kafka.sasl.mechanism",
                    "PLAIN",
                    Parsers::token,
                    "SASL mechanism, e.g. PLAIN or SCRAM-SHA-512");
    public static final ConfigKey<String> KAFKA_SASL_USERNAME =
            ConfigKey.of(
                    "kafka.sasl.username",
                    "",
                    Parsers::text,
                    "SASL user; empty when the brokers need no SASL");
    public static final ConfigKey<String> KAFKA_SASL_PASSWORD =
            ConfigKey.secret(
                    "kafka.sasl.password",
                    "SASL password (environment or kafka.sasl.password.file only)");

    public static final ConfigKey<Map<String, String>> KAFKA_CLIENT =
            ConfigKey.passThrough(
                    "kafka.client",
                    KafkaClientProperties.allowed(),
                    KafkaClientProperties::isSecret,
                    "Kafka client properties handed through as they are, e.g."
                            + " kafka.client.ssl.truststore.location; secrets (passwords, JAAS,"
                            + " keys) only from the environment or a .file");

    public static final ConfigKey<Map<String, String>> CLICKHOUSE_CLIENT =
            ConfigKey.passThrough(
                    "clickhouse.client",
                    ClickHouseClientOptions.allowed(),
                    ClickHouseClientOptions::isSecret,
                    "ClickHouse client options handed through as they are, e.g."
                            + " clickhouse.client.sslrootcert or clickhouse.client.ssl_mode;"
                            + " secrets (passwords, tokens, the private key) only from the"
                            + " environment or a .file");

    public static final ConfigKey<String> CLICKHOUSE_URL =
            ConfigKey.of(
                    "clickhouse.url",
                    "http://127.0.0.1:8123",
                    Parsers::httpUrl,
                    "ClickHouse HTTP endpoint");
    public static final ConfigKey<String> CLICKHOUSE_DATABASE =
            ConfigKey.of(
                    "clickhouse.database",
                    "gridpulse",
                    Parsers::token,
                    "Database holding the GridPulse tables");
    public static final ConfigKey<String> CLICKHOUSE_USER =
            ConfigKey.of("clickhouse.user", "default", Parsers::token, "ClickHouse user");
    public static final ConfigKey<String> CLICKHOUSE_PASSWORD =
            ConfigKey.secret(
                    "clickhouse.password",
                    "ClickHouse password (environment or clickhouse.password.file only)");
    public static final ConfigKey<Boolean> CLICKHOUSE_COMPRESS_RESPONSE =
            ConfigKey.of(
                    "clickhouse.compress.response",
                    true,
                    Parsers::bool,
                    "Ask the server to compress responses; must be false for ClickHouse 18.16, whose compressed responses are empty");
    public static final ConfigKey<Integer> SINK_BATCH_ROWS =
            ConfigKey.of(
                    "clickhouse.sink.batch.rows",
                    20_000,
                    Parsers::positiveInt,
                    "Rows per insert at the most");
    public static final ConfigKey<Duration> SINK_FLUSH_INTERVAL =
            ConfigKey.of(
                    "clickhouse.sink.flush.interval",
                    Duration.ofSeconds(1),
                    Parsers::duration,
                    "Longest time a row waits in the sink's buffer");
    public static final ConfigKey<Integer> SINK_MAX_RETRIES =
            ConfigKey.of(
                    "clickhouse.sink.max.retries",
                    // 0.2 s doubling to 30 s: about 3 minutes of outage ridden out without a
                    // restart (8 gave 51 s, less than the clickhouse-outage drill's 60 s)
                    12,
                    Parsers::positiveInt,
                    "Retries of a transient insert failure before the job fails");
    public static final ConfigKey<Duration> SINK_RETRY_BACKOFF =
            ConfigKey.of(
                    "clickhouse.sink.retry.backoff",
                    Duration.ofMillis(200),
                    Parsers::duration,
                    "First retry delay; doubles on each retry up to 30s");

    public static final ConfigKey<Integer> PARALLELISM =
            ConfigKey.of(
                    "job.parallelism", 2, Parsers::positiveInt, "Parallelism of every operator");
    public static final ConfigKey<Integer> RESTART_ATTEMPTS =
            ConfigKey.of(
                    "job.restart.attempts",
                    10,
                    Parsers::positiveInt,
                    "Restarts in a row (exponential delay, reset after an hour without failure) before the job fails for good");
    public static final ConfigKey<Duration> RESTART_INITIAL_DELAY =
            ConfigKey.of(
                    "job.restart.initial.delay",
                    Duration.ofSeconds(1),
                    Parsers::duration,
                    "Delay before the first restart; doubles with every failure in a row");
    public static final ConfigKey<Duration> RESTART_MAX_DELAY =
            ConfigKey.of(
                    "job.restart.max.delay",
                    Duration.ofMinutes(1),
                    Parsers::duration,
                    "Longest delay between two restarts");
    public static final ConfigKey<Duration> CHECKPOINT_TIMEOUT =
            ConfigKey.of(
                    "job.checkpoint.timeout",
                    Duration.ofMinutes(10),
                    Parsers::duration,
                    "A checkpoint that takes longer is abandoned");
    public static final ConfigKey<Duration> CHECKPOINT_MIN_PAUSE =
            ConfigKey.of(
                    "job.checkpoint.min.pause",
                    Duration.ofMillis(500),
                    Parsers::duration,
                    "Least time between the end of a checkpoint and the start of the next");
    public static final ConfigKey<String> STATE_BACKEND =
            ConfigKey.of(
                    "job.state.backend",
                    "hashmap",
                    Parsers::stateBackend,
                    "hashmap (state on the heap) or rocksdb (state on disk, incremental checkpoints)");
    public static final ConfigKey<String> JOB_BIND_ADDRESS =
            ConfigKey.of(
                    "job.bind.address",
                    "127.0.0.1",
                    Parsers::token,
                    "Address every port of the embedded run binds to (REST, blob server, RPC, data exchange)");
    public static final ConfigKey<Integer> JOB_REST_PORT =
            ConfigKey.of(
                    "job.rest.port",
                    0,
                    Parsers::port,
                    "REST port of the embedded run; 0 takes any free port");
    public static final ConfigKey<Boolean> JOB_WEB_UI =
            ConfigKey.of(
                    "job.web.ui",
                    false,
                    Parsers::bool,
                    "Serve Flink's web UI from the embedded run (on job.bind.address; jar upload stays off)");
    public static final ConfigKey<Duration> CHECKPOINT_INTERVAL =
            ConfigKey.of(
                    "job.checkpoint.interval",
                    Duration.ofSeconds(10),
                    Parsers::duration,
                    "Time between checkpoints");
    public static final ConfigKey<String> CHECKPOINT_DIR =
            ConfigKey.of(
                    "job.checkpoint.dir",
                    Path.of(System.getProperty("user.home"), ".gridpulse", "checkpoints")
                            .toUri()
                            .toString(),
                    Parsers::token,
                    "Where checkpoints are kept (a file:// or a distributed file system URI)");
    public static final ConfigKey<Duration> MAX_OUT_OF_ORDERNESS =
            ConfigKey.of(
                    "events.max.out.of.orderness",
                    Duration.ofMinutes(10),
                    Parsers::duration,
                    "How far behind the newest event time a record may arrive and still be on time");
    public static final ConfigKey<Duration> SOURCE_IDLENESS =
            ConfigKey.of(
                    "events.source.idleness",
                    Duration.ofMinutes(1),
                    Parsers::duration,
                    "A Kafka partition silent this long no longer holds back event time");

    public static final ConfigKey<Duration> MAX_AHEAD_OF_WALL_CLOCK =
            ConfigKey.of(
                    "events.max.ahead",
                    Duration.ofDays(1),
                    Parsers::duration,
                    "A record whose event time is further ahead of the wall clock is quarantined");
    public static final ConfigKey<Instant> EARLIEST_EVENT_TIME =
            ConfigKey.of(
                    "events.earliest",
                    Instant.parse("2000-01-01T00:00:00Z"),
                    Parsers::instant,
                    "A record whose event time is before this is rejected as implausible");
    public static final ConfigKey<Integer> MAX_RECORD_BYTES =
            ConfigKey.of(
                    "events.max.record.bytes",
                    128 * 1024,
                    Parsers::bytes,
                    "A record value larger than this is rejected before it is decoded");
    public static final ConfigKey<Double> LATE_SHARE_WARNING =
            ConfigKey.of(
                    "events.late.share.warning",
                    0.05,
                    Parsers::fraction,
                    "Share of late records of a topic above which a run warns loudly");
    public static final ConfigKey<Double> DEAD_LETTER_SHARE_WARNING =
            ConfigKey.of(
                    "events.dead.letter.share.warning",
                    0.01,
                    Parsers::fraction,
                    "Share of a topic's records dead-lettered (rejected or quarantined) above which"
                            + " a run warns loudly");
    public static final ConfigKey<Duration> SCHEMA_LOOKUP_INTERVAL =
            ConfigKey.of(
                    "kafka.schemas.lookup.interval",
                    Duration.ofSeconds(1),
                    Parsers::duration,
                    "Minimum time between two reads of the schemas topic for a writer schema the"
                            + " running job does not know (per TaskManager)");
    public static final ConfigKey<Integer> DEAD_LETTER_MAX_BYTES =
            ConfigKey.of(
                    "kafka.dead.letter.max.bytes",
                    900_000,
                    Parsers::bytes,
                    "A dead letter larger than this keeps only the head of the original value, with a note");
    public static final ConfigKey<Integer> KAFKA_TOPIC_REPLICATION =
            ConfigKey.of(
                    "kafka.topic.replication.factor",
                    1,
                    Parsers::positiveInt,
                    "Replication factor of the topics setup creates");
    public static final ConfigKey<Duration> KAFKA_OUTPUT_RETENTION =
            ConfigKey.of(
                    "kafka.topic.output.retention",
                    Duration.ofDays(7),
                    Parsers::duration,
                    "Retention of output and dead-letter topics (input topics keep everything)");
    public static final ConfigKey<Duration> STARTUP_CHECK_TIMEOUT =
            ConfigKey.of(
                    "startup.check.timeout",
                    Duration.ofSeconds(30),
                    Parsers::duration,
                    "How long run and setup wait for Kafka and ClickHouse to answer before failing");

    private CommonKeys() {}

    public static List<ConfigKey<?>> all() {
        return List.of(
                KAFKA_BOOTSTRAP_SERVERS,
                KAFKA_TOPIC_PREFIX,
                KAFKA_TOPIC_PARTITIONS,
                KAFKA_SECURITY_PROTOCOL,
                KAFKA_SASL_MECHANISM,
                KAFKA_SASL_USERNAME,
                KAFKA_SASL_PASSWORD,
                KAFKA_CLIENT,
                CLICKHOUSE_CLIENT,
                CLICKHOUSE_URL,
                CLICKHOUSE_DATABASE,
                CLICKHOUSE_USER,
                CLICKHOUSE_PASSWORD,
                CLICKHOUSE_COMPRESS_RESPONSE,
                SINK_BATCH_ROWS,
                SINK_FLUSH_INTERVAL,
                SINK_MAX_RETRIES,
                SINK_RETRY_BACKOFF,
                PARALLELISM,
                RESTART_ATTEMPTS,
                RESTART_INITIAL_DELAY,
                RESTART_MAX_DELAY,
                CHECKPOINT_INTERVAL,
                CHECKPOINT_DIR,
                CHECKPOINT_TIMEOUT,
                CHECKPOINT_MIN_PAUSE,
                STATE_BACKEND,
                JOB_BIND_ADDRESS,
                JOB_REST_PORT,
                JOB_WEB_UI,
                MAX_OUT_OF_ORDERNESS,
                SOURCE_IDLENESS,
                MAX_AHEAD_OF_WALL_CLOCK,
                EARLIEST_EVENT_TIME,
                MAX_RECORD_BYTES,
                LATE_SHARE_WARNING,
                DEAD_LETTER_SHARE_WARNING,
                DEAD_LETTER_MAX_BYTES,
                SCHEMA_LOOKUP_INTERVAL,
                KAFKA_TOPIC_REPLICATION,
                KAFKA_OUTPUT_RETENTION,
                STARTUP_CHECK_TIMEOUT);
    }
}
