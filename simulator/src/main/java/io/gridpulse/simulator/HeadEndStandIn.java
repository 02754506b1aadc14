package io.gridpulse.simulator;

import io.gridpulse.schema.ReconnectCommand;
import io.gridpulse.streams.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Stands in for the metering head-end in realtime mode: reads GridPulse's reconnect commands from
 * Kafka as they are written and hands them to the running simulation, which answers each one with
 * the switch events a head-end reports (see {@link HeadEnd#answer}). Closes the loop of a realtime
 * demo: payment, command, power back.
 *
 * <p>It reads only commands written after it started (its own consumer group, latest offsets); an
 * unreadable record is counted and skipped, a head-end does not stop for one.
 */
public final class HeadEndStandIn implements CommandInbox, AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConcurrentLinkedQueue<ReconnectCommand> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final Thread poller;

    public HeadEndStandIn(String bootstrapServers, String commandsTopic) {
        this(bootstrapServers, commandsTopic, new Properties());
    }

    /**
     * @param kafkaSecurity client properties applied over the stand-in's own (security protocol,
     *     SASL, TLS)
     */
    public HeadEndStandIn(String bootstrapServers, String commandsTopic, Properties kafkaSecurity) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "gridpulse-simulator-head-end");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gridpulse-simulator-head-end");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        p.putAll(kafkaSecurity);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(commandsTopic));
        AvroCodec<ReconnectCommand> codec = AvroCodec.of(ReconnectCommand.class);
        poller =
                new Thread(
                        () -> {
                            try {
                                while (running.get()) {
                                    for (var r : consumer.poll(Duration.ofMillis(100))) {
                                        try {
                                            inbox.add(codec.decode(r.value()));
                                            received.incrementAndGet();
                                        } catch (Exception e) {
                                            unreadable.incrementAndGet();
                                        }
                                    }
                                }
                            } catch (WakeupException e) {
                                // closing
                            } finally {
                                consumer.close(Duration.ofSeconds(2));
                            }
                        },
                        "head-end-stand-in");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public List<ReconnectCommand> drain() {
        List<ReconnectCommand> commands = new ArrayList<>();
        for (ReconnectCommand c; (c = inbox.poll()) != null; ) {
            commands.add(c);
        }
        return commands;
    }

    /** Commands read from the topic, repeats included. */
    public long received() {
        return received.get();
    }

    /** Records on the commands topic that were not reconnect commands. */
    public long unreadable() {
        return unreadable.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        poller.join(5000);
    }
}
