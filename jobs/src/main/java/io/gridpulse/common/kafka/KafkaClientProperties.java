package io.gridpulse.common.kafka;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Which Kafka client properties {@code kafka.client.*} may pass through (TLS trust and key stores,
 * timeouts, ...): the names Kafka's own consumer, producer and admin configurations define, less
 * the ones GridPulse sets itself. Which of them carry a secret.
 */
public final class KafkaClientProperties {

    /** Set by GridPulse from its own keys or per client; a pass-through would break them. */
    private static final Set<String> OWN =
            Set.of(
                    "bootstrap.servers",
                    "client.id",
                    "group.id",
                    "security.protocol",
                    "sasl.mechanism",
                    "key.serializer",
                    "value.serializer",
                    "key.deserializer",
                    "value.deserializer");

    private KafkaClientProperties() {}

    public static Set<String> allowed() {
        Set<String> names = new HashSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        names.removeAll(OWN);
        return names;
    }

    /** Passwords, JAAS configurations, private keys and client secrets. */
    public static boolean isSecret(String name) {
        return name.contains("password")
                || name.contains("jaas")
                || name.contains("secret")
                || name.endsWith(".key");
    }
}
