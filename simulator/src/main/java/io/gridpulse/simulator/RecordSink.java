package io.gridpulse.simulator;

import org.apache.avro.specific.SpecificRecord;

/**
 * Where the simulator's records go: Kafka in production ({@link KafkaRecordSink}), a list in tests
 * ({@link CollectingRecordSink}). Records arrive in emission order, which is event-time order up to
 * the simulator's bounded disorder.
 */
@FunctionalInterface
public interface RecordSink extends AutoCloseable {

    /**
     * Accepts one record.
     *
     * @param topic logical topic name from {@link io.gridpulse.streams.Topics}
     * @param key the topic key (customer, meter or ticket id)
     * @param value the record
     * @param timestampMillis its event time, epoch milliseconds
     */
    void send(String topic, String key, SpecificRecord value, long timestampMillis);

    /** Blocks until everything sent so far is stored. */
    default void flush() {}

    @Override
    default void close() {}
}
