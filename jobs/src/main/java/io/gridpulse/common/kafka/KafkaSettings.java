package io.gridpulse.common.kafka;

import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

/**
 * How a job reaches Kafka: brokers, the topic prefix, and security. Travels into sources and sinks;
 * {@link #toString()} never shows the password.
 */
public final class KafkaSettings implements Serializable {

    /**
     * How long the jobs' clients wait for an absent broker before their job fails over; within the
     * checkpoint timeout (10 minutes), since a sink's checkpoint waits for its records.
     */
    public static final Duration BROKER_OUTAGE_RIDDEN_OUT = Duration.ofMinutes(10);

    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final String topicPrefix;
    private final String securityProtocol;
    private final String saslMechanism;
    private final String saslUsername;
    private final String saslPassword;
    private final TreeMap<String, String> clientOverrides;

    public KafkaSettings(
            String bootstrapServers,
            String topicPrefix,
            String securityProtocol,
            String saslMechanism,
            String saslUsername,
            String saslPassword) {
        this(
                bootstrapServers,
                topicPrefix,
                securityProtocol,
                saslMechanism,
                saslUsername,
                saslPassword,
                Map.of());
    }

    /**
     * @param clientOverrides {@code kafka.client.*} properties (names without the prefix), applied
     *     over what GridPulse sets, e.g. TLS stores or a JAAS configuration of another login module
     */
    public KafkaSettings(
            String bootstrapServers,
            String topicPrefix,
            String securityProtocol,
            String saslMechanism,
            String saslUsername,
            String saslPassword,
            Map<String, String> clientOverrides) {
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        this.securityProtocol = securityProtocol;
        this.saslMechanism = saslMechanism;
        this.saslUsername = saslUsername;
        this.saslPassword = saslPassword;
        this.clientOverrides = new TreeMap<>(clientOverrides);
    }

    public static KafkaSettings from(GridPulseConfig config) {
        return new KafkaSettings(
                config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS),
                config.get(CommonKeys.KAFKA_TOPIC_PREFIX),
                config.get(CommonKeys.KAFKA_SECURITY_PROTOCOL),
                config.get(CommonKeys.KAFKA_SASL_MECHANISM),
                config.get(CommonKeys.KAFKA_SASL_USERNAME),
                config.get(CommonKeys.KAFKA_SASL_PASSWORD),
                config.get(CommonKeys.KAFKA_CLIENT));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The physical name of a topic of DESIGN.md, with this deployment's prefix. */
    public String topic(String name) {
        return topicPrefix + name;
    }

    /** The topic name of DESIGN.md a physical topic stands for. */
    public String logicalTopic(String physical) {
        return physical.startsWith(topicPrefix)
                ? physical.substring(topicPrefix.length())
                : physical;
    }

    /** Client properties (security, client id) for a consumer, producer or admin client. */
    public Properties clientProperties(String clientId) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("client.id", clientId);
        p.setProperty("security.protocol", securityProtocol);
        if (securityProtocol.startsWith("SASL")) {
            p.setProperty("sasl.mechanism", saslMechanism);
            String module =
                    saslMechanism.startsWith("SCRAM")
                            ? ScramLoginModule.class.getName()
                            : PlainLoginModule.class.getName();
            p.setProperty(
                    "sasl.jaas.config",
                    module
                            + " required username="
                            + jaasQuoted(saslUsername)
                            + " password="
                            + jaasQuoted(saslPassword)
                            + ";");
        }
        p.putAll(clientOverrides);
        return p;
    }

    /**
     * Client properties for a job's Kafka sink: a producer that waits for an absent broker up to
     * {@link #BROKER_OUTAGE_RIDDEN_OUT} before its job fails over. Kafka's defaults (60 s for
     * metadata, {@code max.block.ms}; 120 s for delivery) restarted a job when the broker was away
     * for 75 s. {@code kafka.client.*} may still set both.
     */
    public Properties producerProperties(String clientId) {
        Properties p = clientProperties(clientId);
        String wait = String.valueOf(BROKER_OUTAGE_RIDDEN_OUT.toMillis());
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, wait);
        p.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, wait);
        return p;
    }

    /**
     * Client properties for a job's Kafka source: its enumerator lists partitions with an admin
     * client of these properties, and a call that waits longer than {@code default.api.timeout.ms}
     * (Kafka's 60 s) fails the job over; it waits up to {@link #BROKER_OUTAGE_RIDDEN_OUT} instead,
     * unless {@code kafka.client.*} sets it.
     */
    public Properties consumerProperties(String clientId) {
        Properties p = clientProperties(clientId);
        p.putIfAbsent(
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                String.valueOf(BROKER_OUTAGE_RIDDEN_OUT.toMillis()));
        return p;
    }

    /**
     * What {@link #clientProperties} adds to a client's own settings besides the brokers and the
     * client id: security protocol, SASL login, {@code kafka.client.*}. For the simulator's
     * clients.
     */
    public Properties securityProperties() {
        Properties p = clientProperties("");
        p.remove("bootstrap.servers");
        p.remove("client.id");
        return p;
    }

    /**
     * A JAAS option value in double quotes. Kafka parses JAAS with a {@link
     * java.io.StreamTokenizer}, which reads backslash escapes inside quotes: escaping backslashes
     * and quotes keeps any password whole.
     */
    static String jaasQuoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return "KafkaSettings{bootstrapServers="
                + bootstrapServers
                + ", topicPrefix='"
                + topicPrefix
                + "', securityProtocol="
                + securityProtocol
                + (securityProtocol.startsWith("SASL")
                        ? ", saslUsername=" + saslUsername + ", saslPassword=******"
                        : "")
                + (clientOverrides.isEmpty() ? "" : ", client=" + maskedOverrides())
                + "}";
    }

    private Map<String, String> maskedOverrides() {
        Map<String, String> shown = new TreeMap<>();
        clientOverrides.forEach(
                (k, v) -> shown.put(k, KafkaClientProperties.isSecret(k) ? "******" : v));
        return shown;
    }
}
