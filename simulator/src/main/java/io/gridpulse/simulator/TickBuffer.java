package io.gridpulse.simulator;

import io.gridpulse.streams.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecord;

/**
 * Collects the records of one five-minute tick and hands them to the sink shuffled, so a consumer
 * sees real disorder, bounded by the tick: everything of a tick is emitted before anything of the
 * next, hence no record is more than five minutes older than one emitted before it. Ticks with more
 * records than the buffer holds are shuffled in consecutive batches, which keeps memory flat
 * however large the city.
 */
final class TickBuffer {

    private static final int CAPACITY = 32_768;

    private final RecordSink sink;
    private final long seed;
    private final String[] topics = new String[CAPACITY];
    private final String[] keys = new String[CAPACITY];
    private final SpecificRecord[] values = new SpecificRecord[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private int size;
    private long tick;
    private int batch;
    private long total;

    TickBuffer(RecordSink sink, long seed) {
        this.sink = sink;
        this.seed = seed;
        Topics.INPUTS.forEach(topic -> counts.put(topic, new long[1]));
    }

    void startTick(long tick) {
        this.tick = tick;
        this.batch = 0;
    }

    void emit(String topic, String key, SpecificRecord value, long eventTime) {
        if (size == CAPACITY) {
            flush();
        }
        topics[size] = topic;
        keys[size] = key;
        values[size] = value;
        times[size] = eventTime;
        size++;
        counts.computeIfAbsent(topic, t -> new long[1])[0]++;
        total++;
    }

    void endTick() {
        flush();
    }

    /** Records emitted so far per input topic. */
    Map<String, Long> counts() {
        Map<String, Long> copy = new LinkedHashMap<>();
        counts.forEach((topic, count) -> copy.put(topic, count[0]));
        return copy;
    }

    long total() {
        return total;
    }

    private void flush() {
        SplittableRandom random = Seeds.random(seed, Seeds.SHUFFLE, tick * 1_000 + batch++);
        for (int i = size - 1; i > 0; i--) {
            swap(i, random.nextInt(i + 1));
        }
        for (int i = 0; i < size; i++) {
            sink.send(topics[i], keys[i], values[i], times[i]);
            values[i] = null;
        }
        size = 0;
    }

    private void swap(int i, int j) {
        String topic = topics[i];
        topics[i] = topics[j];
        topics[j] = topic;
        String key = keys[i];
        keys[i] = keys[j];
        keys[j] = key;
        SpecificRecord value = values[i];
        values[i] = values[j];
        values[j] = value;
        long time = times[i];
        times[i] = times[j];
        times[j] = time;
    }
}
