package io.gridpulse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in memory, for job-graph tests on a mini-cluster in the same
 * JVM. Each instance collects into its own list, shared by all of its parallel writers.
 */
public final class CollectingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        COLLECTED.put(id, new ArrayList<>());
    }

    /** Everything written so far, in no particular order across writers. */
    @SuppressWarnings("unchecked")
    public List<T> values() {
        List<Object> values = COLLECTED.get(id);
        synchronized (values) {
            return (List<T>) List.copyOf(values);
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> values = COLLECTED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                synchronized (values) {
                    values.add(element);
                }
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
