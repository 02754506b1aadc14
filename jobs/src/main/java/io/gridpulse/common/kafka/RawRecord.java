package io.gridpulse.common.kafka;

import java.util.Objects;

/**
 * A Kafka record exactly as it was read: coordinates, timestamp and bytes. Decoding happens in the
 * next operator, so a record that cannot be read can still be sent to the dead-letter topic whole.
 */
public class RawRecord {

    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public byte[] key;
    public byte[] value;

    public RawRecord() {}

    public RawRecord(
            String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord r
                && r.topic.equals(topic)
                && r.partition == partition
                && r.offset == offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }
}
