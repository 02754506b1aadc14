package io.gridpulse.common.job;

import io.gridpulse.common.config.ConfigKey;
import java.util.List;

/**
 * One domain job of GridPulse. Each is its own Flink job: its own job graph, consumer group,
 * checkpoint folder and restart budget, so a slow sink in one never stalls another's checkpoint.
 *
 * @param name the job's name: {@code run NAME}, the consumer group {@code gridpulse-NAME}, the
 *     checkpoint folder {@code <job.checkpoint.dir>/NAME}
 * @param keys the configuration keys the job reads besides the common ones
 * @param wiring builds the job's graph from its Kafka inputs and ClickHouse tables
 */
public record GridPulseJob(String name, List<ConfigKey<?>> keys, Wiring wiring) {

    /** Builds a job's graph in the environment the context holds. */
    @FunctionalInterface
    public interface Wiring {
        void wire(JobContext context);
    }
}
