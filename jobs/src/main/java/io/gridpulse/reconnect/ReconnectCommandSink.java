package io.gridpulse.reconnect;

import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.streams.Topics;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The Kafka sink of {@code reconnect-commands}: at least once, sent as soon as a command is made.
 * Exactly-once transactions would hold every command until the next checkpoint; the command id is
 * deterministic and the head-end ignores a repeat, so a repeat after a restore is harmless.
 */
final class ReconnectCommandSink {

    private ReconnectCommandSink() {}

    static KafkaSink<ReconnectCommand> of(KafkaSettings kafka, String jobName) {
        Properties producer = kafka.producerProperties("gridpulse-" + jobName + "-commands");
        // no batching delay (the client's default lingers 5 ms), and every replica acknowledges
        producer.setProperty("linger.ms", "0");
        producer.setProperty("acks", "all");
        return KafkaSink.<ReconnectCommand>builder()
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new CommandSerializer(kafka.topic(Topics.RECONNECT_COMMANDS)))
                .build();
    }
}
