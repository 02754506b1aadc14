package io.gridpulse.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps every record in memory, in emission order: for tests and small runs only. */
public final class CollectingRecordSink implements RecordSink {

    /** One record as the simulator emitted it. */
    public record Sent(String topic, String key, SpecificRecord value, long timestampMillis) {}

    private final List<Sent> records = new ArrayList<>();

    @Override
    public void send(String topic, String key, SpecificRecord value, long timestampMillis) {
        records.add(new Sent(topic, key, value, timestampMillis));
    }

    /** Everything received, in emission order. */
    public List<Sent> records() {
        return Collections.unmodifiableList(records);
    }

    /** The values of one topic, in emission order. */
    public <T extends SpecificRecord> List<T> values(String topic, Class<T> type) {
        return records.stream()
                .filter(r -> r.topic().equals(topic))
                .map(r -> type.cast(r.value()))
                .toList();
    }
}
