package io.gridpulse.common.config;

import java.time.Duration;
import java.util.List;

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
                    8,
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
                    3,
                    Parsers::positiveInt,
                    "Restarts from the last checkpoint after a failure before the job fails for good (10 s apart)");
    public static final ConfigKey<Duration> CHECKPOINT_INTERVAL =
            ConfigKey.of(
                    "job.checkpoint.interval",
                    Duration.ofSeconds(10),
                    Parsers::duration,
                    "Time between checkpoints");
    public static final ConfigKey<String> CHECKPOINT_DIR =
            ConfigKey.of(
                    "job.checkpoint.dir",
                    "file:///tmp/gridpulse/checkpoints",
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
                CHECKPOINT_INTERVAL,
                CHECKPOINT_DIR,
                MAX_OUT_OF_ORDERNESS,
                SOURCE_IDLENESS);
    }
}
