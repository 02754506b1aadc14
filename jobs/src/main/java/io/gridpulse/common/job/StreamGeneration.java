package io.gridpulse.common.job;

import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.streams.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Which incarnation of the input streams a run reads: a digest of the input topics' ids. Kafka
 * gives a topic a new id whenever it is created, so a {@code reset} (or any deletion and
 * re-creation of a topic) starts a new generation, and a checkpoint's offsets and state of an older
 * one are stale.
 */
public final class StreamGeneration {

    private StreamGeneration() {}

    public static String of(KafkaSettings kafka) {
        List<String> names = Topics.INPUTS.stream().map(kafka::topic).toList();
        try (Admin admin = Admin.create(kafka.clientProperties("gridpulse-generation"))) {
            Map<String, String> ids = new TreeMap<>();
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            described.forEach((name, d) -> ids.put(name, d.topicId().toString()));
            return digest(ids.toString());
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot describe the input topics " + names + ": " + e.getCause(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the input topics " + names, e);
        }
    }

    static String digest(String text) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
