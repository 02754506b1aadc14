package io.gridpulse.tools.bench;

import io.gridpulse.common.LateRecord;
import io.gridpulse.consumption.ConsumptionAnomaly;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.consumption.IntervalConsumption;
import io.gridpulse.consumption.ValidationSettings;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * State of a large city in the consumption job's keyed validator: every meter gets a customer and a
 * few reads (generated in-process, not through Kafka), then the reads slow to a city's live pace
 * and checkpoints are taken: the first (full) one, then steady ones. Run once per state backend.
 */
final class StateBench {

    /** Reads per meter before the checkpoints: enough for a baseline and an expiry timer each. */
    static final int READS_PER_METER = 3;

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(10);

    /** What one backend measured. */
    record Result(
            String backend,
            int meters,
            double loadSeconds,
            long fullStateBytes,
            double firstCheckpointSeconds,
            long firstCheckpointBytes,
            double steadyCheckpointSeconds,
            long steadyCheckpointBytes,
            long heapBytes) {

        double stateBytesPerMeter() {
            return (double) fullStateBytes / meters;
        }

        /** Heap the state took; 0 where it is off-heap and the difference is below the noise. */
        double heapBytesPerMeter() {
            return Math.max(0.0, (double) heapBytes / meters);
        }
    }

    private StateBench() {}

    /**
     * @param backend {@code hashmap} (heap) or {@code rocksdb} (with incremental checkpoints)
     * @param settle the pause after the load (reads in flight, the last watermark) and between the
     *     checkpoints
     */
    static Result run(
            String backend, int meters, int parallelism, String checkpointDir, Duration settle)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, !"hashmap".equals(backend));
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        // RocksDB's block cache and write buffers come from managed memory: with 256 MB a million
        // meters' state did not fit, every read went to the SST files and loading 3 M reads took
        // over 10 minutes; 1 GB is what a 4-slot TaskManager of the sizing gives it
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(1024));
        long load = (long) meters * READS_PER_METER;
        // a city of this size reading every 15 minutes
        double livePace = Math.max(100, meters / 900.0);
        try (BenchCluster cluster = BenchCluster.start(conf, parallelism)) {
            long heapBefore = Machine.heapUsedAfterGc();
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            // only the checkpoints this benchmark triggers
            env.enableCheckpointing(Duration.ofHours(1).toMillis());
            DataStream<MeterRead> reads =
                    env.fromSource(
                                    new DataGeneratorSource<>(
                                            i -> SyntheticCity.read(i, meters),
                                            Long.MAX_VALUE,
                                            new LoadThenTrickle<>(load, livePace),
                                            TypeInformation.of(MeterRead.class)),
                                    WatermarkStrategy.<MeterRead>forBoundedOutOfOrderness(
                                                    Duration.ofMinutes(10))
                                            .withTimestampAssigner(
                                                    (r, ts) -> r.getReadTime().toEpochMilli()),
                                    "synthetic meter reads")
                            .setParallelism(1);
            DataStream<Customer> customers =
                    env.fromSource(
                                    new DataGeneratorSource<>(
                                            SyntheticCity::customer,
                                            meters,
                                            TypeInformation.of(Customer.class)),
                                    WatermarkStrategy.noWatermarks(),
                                    "synthetic customers")
                            .setParallelism(1);
            ConsumptionJob.build(
                    reads,
                    customers,
                    SyntheticCity.noSwitchEvents(customers),
                    ValidationSettings.defaults(),
                    new ConsumptionJob.Sinks(
                            new DiscardingSink<IntervalConsumption>(),
                            new DiscardingSink<ConsumptionAnomaly>(),
                            new DiscardingSink<LateRecord>(),
                            new DiscardingSink<io.gridpulse.outage.OutageRow>(),
                            new DiscardingSink<io.gridpulse.schema.CustomerNotification>(),
                            new DiscardingSink<io.gridpulse.consumption.OwnerCorrection>()));
            SyntheticCity.READS_EMITTED.set(0);
            long start = System.nanoTime();
            JobID job = cluster.submit(env, "gridpulse-bench-state-" + backend);
            awaitLoaded(load, start);
            // the reads still in the network buffers, and the last round's watermark
            Thread.sleep(settle.toMillis());
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            CompletedCheckpointStats first = cluster.checkpoint(job);
            long heapBytes = Machine.heapUsedAfterGc() - heapBefore;
            Thread.sleep(settle.toMillis());
            cluster.checkpoint(job);
            Thread.sleep(settle.toMillis());
            CompletedCheckpointStats steady = cluster.checkpoint(job);
            cluster.cancel(job);
            return new Result(
                    backend,
                    meters,
                    loadSeconds,
                    first.getStateSize(),
                    first.getEndToEndDuration() / 1000.0,
                    first.getCheckpointedSize(),
                    steady.getEndToEndDuration() / 1000.0,
                    steady.getCheckpointedSize(),
                    heapBytes);
        }
    }

    private static void awaitLoaded(long load, long startNanos) throws InterruptedException {
        while (SyntheticCity.READS_EMITTED.get() < load) {
            if (System.nanoTime() - startNanos > LOAD_TIMEOUT.toNanos()) {
                throw new IllegalStateException(
                        "the state benchmark generated only "
                                + SyntheticCity.READS_EMITTED.get()
                                + " of "
                                + load
                                + " reads in "
                                + LOAD_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }
}
