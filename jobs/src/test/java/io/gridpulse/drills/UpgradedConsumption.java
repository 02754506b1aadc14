package io.gridpulse.drills;

import io.gridpulse.GridPulse;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.job.EmbeddedCluster;
import io.gridpulse.common.job.ExecutionSetup;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.consumption.ConsumptionJob;
import io.gridpulse.consumption.ValidationSettings;
import io.gridpulse.outage.OutageSettings;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.streams.Topics;
import java.nio.file.Path;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The next version of the consumption job for the {@code upgrade} drill: the job's graph as {@link
 * ConsumptionJob#wire} builds it, with one operator added in front of it (a keyed, stateful {@link
 * LatestReadPerMeter} with a uid of its own), started from the savepoint of the released job with
 * every piece of its state required to find its operator ({@code allowNonRestoredState} off). Run
 * as a process ({@code UpgradedConsumption SAVEPOINT}), configured like {@code run}.
 */
public final class UpgradedConsumption {

    /** The added operator's name, as the job's REST plan lists it. */
    static final String ADDED_OPERATOR = "latest read per meter";

    private UpgradedConsumption() {}

    public static void main(String[] args) throws Exception {
        GridPulseConfig config = GridPulseConfig.load(null, GridPulse.keys());
        Path savepoint = Path.of(args[0]);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        EmbeddedCluster.configuration(config));
        ExecutionSetup.apply(env, config, ConsumptionJob.NAME);
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        env.configure(restore);
        System.err.println(
                ConsumptionJob.NAME
                        + ": resuming from "
                        + savepoint
                        + " with an added operator ("
                        + ADDED_OPERATOR
                        + ")");
        wire(new JobContext(env, config, ConsumptionJob.NAME, false));
        env.execute("gridpulse-" + ConsumptionJob.NAME + "-next");
    }

    /** {@link ConsumptionJob#wire}, its reads passing through the added operator first. */
    static void wire(JobContext context) {
        ValidationSettings validation = ValidationSettings.of(context.config());
        DataStream<MeterRead> reads =
                context.events(Topics.METER_READS, MeterRead.class)
                        .keyBy(MeterRead::getMeterId)
                        .process(new LatestReadPerMeter())
                        .name(ADDED_OPERATOR)
                        .uid("latest-read-per-meter");
        ConsumptionJob.build(
                reads,
                context.dimension(Topics.CUSTOMERS, Customer.class),
                context.dimension(Topics.SWITCH_EVENTS, SwitchEvent.class),
                validation,
                OutageSettings.of(context.config(), validation.latenessBound()),
                ConsumptionJob.sinks(context));
        context.routeDeadLetters();
    }

    /**
     * What a next version might add: each meter's latest read time (a "last heard from" per meter),
     * kept in keyed state that the released job's savepoint does not have. Every read passes
     * through unchanged.
     */
    static final class LatestReadPerMeter
            extends KeyedProcessFunction<String, MeterRead, MeterRead> {

        private transient ValueState<Long> latest;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            latest =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>("latest-read-ms", Long.class));
        }

        @Override
        public void processElement(MeterRead read, Context ctx, Collector<MeterRead> out)
                throws Exception {
            long at = read.getReadTime().toEpochMilli();
            Long seen = latest.value();
            if (seen == null || at > seen) {
                latest.update(at);
            }
            out.collect(read);
        }
    }
}
