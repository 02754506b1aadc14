package io.gridpulse.consumption;

import io.gridpulse.common.LateRecord;
import io.gridpulse.common.clickhouse.ClickHouseStatements;
import io.gridpulse.common.job.DimensionJoin;
import io.gridpulse.common.job.GridPulseJob;
import io.gridpulse.common.job.JobContext;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.consumption.rules.Rules;
import io.gridpulse.highbill.NotificationSerializer;
import io.gridpulse.outage.AreaWatch;
import io.gridpulse.outage.CityFact;
import io.gridpulse.outage.CityGuard;
import io.gridpulse.outage.OutageKeys;
import io.gridpulse.outage.OutageNotice;
import io.gridpulse.outage.OutageRow;
import io.gridpulse.outage.OutageSettings;
import io.gridpulse.schema.Customer;
import io.gridpulse.schema.CustomerNotification;
import io.gridpulse.schema.MeterRead;
import io.gridpulse.schema.SwitchEvent;
import io.gridpulse.streams.Topics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * The consumption job: validates every meter read (VEE) and computes interval consumption per
 * meter. It is built from the streams and sinks it is given, so {@code main} plugs in Kafka and
 * ClickHouse and tests plug in what they need.
 */
public final class ConsumptionJob {

    public static final String NAME = "consumption";

    public static final GridPulseJob JOB =
            new GridPulseJob(
                    NAME,
                    java.util.stream.Stream.concat(
                                    ConsumptionKeys.all().stream(), OutageKeys.all().stream())
                            .toList(),
                    ConsumptionJob::wire);

    private ConsumptionJob() {}

    /** Where the job's results go. */
    public record Sinks(
            Sink<IntervalConsumption> intervals,
            Sink<ConsumptionAnomaly> anomalies,
            Sink<LateRecord> lateRecords,
            Sink<OutageRow> outages,
            Sink<CustomerNotification> notifications,
            Sink<OwnerCorrection> ownerCorrections) {}

    /** Wires the job to its Kafka inputs and ClickHouse tables. */
    public static void wire(JobContext context) {
        ValidationSettings validation = ValidationSettings.of(context.config());
        // no function of this graph keeps or changes its input (see reuseObjects, and
        // ConsumptionJobGraphTest, which runs the graph both ways): without the copies the Avro
        // deep copy of every read between the source and its chained maps alone took a quarter of
        // the job's CPU (docs/profiles/consumption-e2e.md)
        context.reuseObjects();
        build(
                context.events(Topics.METER_READS, MeterRead.class),
                context.dimension(Topics.CUSTOMERS, Customer.class),
                context.dimension(Topics.SWITCH_EVENTS, SwitchEvent.class),
                validation,
                OutageSettings.of(context.config(), validation.latenessBound()),
                sinks(context));
        context.routeDeadLetters();
    }

    /** The job's ClickHouse tables and Kafka topic. */
    public static Sinks sinks(JobContext context) {
        return new Sinks(
                context.table("interval_consumption", IntervalConsumption.class),
                context.table("consumption_anomalies", ConsumptionAnomaly.class),
                context.table("late_records", LateRecord.class),
                context.table("outages", OutageRow.class),
                NotificationSerializer.sink(KafkaSettings.from(context.config()), NAME),
                ClickHouseStatements.configuredBy(
                        context.config(),
                        "owner-corrections",
                        OwnerCorrection::statements,
                        new OwnerCorrection.Serializer()));
    }

    /** The job with the default outage settings (tests, benchmarks). */
    public static void build(
            DataStream<MeterRead> reads,
            DataStream<Customer> customers,
            DataStream<SwitchEvent> switches,
            ValidationSettings settings,
            Sinks sinks) {
        build(
                reads,
                customers,
                switches,
                settings,
                OutageSettings.defaults(settings.latenessBound()),
                sinks);
    }

    public static void build(
            DataStream<MeterRead> reads,
            DataStream<Customer> customers,
            DataStream<SwitchEvent> switches,
            ValidationSettings settings,
            OutageSettings outageSettings,
            Sinks sinks) {
        DataStream<RegisterRead> registers =
                reads.map(RegisterRead::of).name("registers").uid("registers");
        DataStream<MeterUpdate> owners =
                customers
                        .map(c -> MeterUpdate.of(MeterProfile.of(c)))
                        .name("meter owners")
                        .uid("meter-owners");
        DataStream<MeterUpdate> switched =
                switches.flatMap(
                                (SwitchEvent e, Collector<MeterUpdate> out) -> {
                                    MeterUpdate u = MeterUpdate.of(e);
                                    if (u != null) {
                                        out.collect(u);
                                    }
                                })
                        .returns(MeterUpdate.class)
                        .name("executed switches")
                        .uid("executed-switches");

        // never idle downstream: the area watch waits for every validator subtask (DimensionJoin)
        SingleOutputStreamOperator<IntervalConsumption> intervals =
                DimensionJoin.process(
                                registers
                                        .keyBy(r -> r.meterId)
                                        .connect(owners.union(switched).keyBy(o -> o.meterId)),
                                new MeterReadValidator(settings, Rules.all(settings)),
                                IntervalConsumption.class,
                                "validate meter reads")
                        .uid("validate-meter-reads");

        intervals
                .sinkTo(sinks.intervals())
                .name("interval_consumption")
                .uid("sink-interval-consumption");
        SingleOutputStreamOperator<OutageRow> areaOutages =
                intervals
                        .getSideOutput(MeterReadValidator.AREA_FACTS)
                        .keyBy(f -> f.area)
                        .process(new AreaWatch(outageSettings))
                        .name("outages per transformer area")
                        .uid("area-outages");
        // one small stream per city (a count per area and tick, the rows and messages): the guard
        // against a head-end failure read as hundreds of area outages
        SingleOutputStreamOperator<OutageRow> outages =
                areaOutages
                        .map(CityFact::of)
                        .name("outage rows for the city guard")
                        .uid("city-outage-rows")
                        .union(
                                areaOutages
                                        .getSideOutput(AreaWatch.NOTICES)
                                        .map(CityFact::of)
                                        .name("notices for the city guard")
                                        .uid("city-outage-notices"),
                                areaOutages.getSideOutput(AreaWatch.CITY_TICKS))
                        .keyBy(f -> 0)
                        .process(
                                new CityGuard(
                                        outageSettings.citySilentShare(),
                                        outageSettings.cityMinAreas()))
                        .name("city-wide silence guard")
                        .uid("city-guard");
        outages.sinkTo(sinks.outages()).name("outages").uid("sink-outages");
        outages.getSideOutput(CityGuard.NOTICES)
                .map(OutageNotice::toAvro)
                .name("outage notifications")
                .uid("outage-notifications")
                .sinkTo(sinks.notifications())
                .name("customer-notifications")
                .uid("sink-outage-notifications");

        intervals
                .getSideOutput(MeterReadValidator.ANOMALIES)
                .union(areaOutages.getSideOutput(AreaWatch.CASES))
                .sinkTo(sinks.anomalies())
                .name("consumption_anomalies")
                .uid("sink-consumption-anomalies");
        intervals
                .getSideOutput(MeterReadValidator.OWNER_CORRECTIONS)
                .sinkTo(sinks.ownerCorrections())
                .name("owner corrections")
                .uid("sink-owner-corrections");
        intervals
                .getSideOutput(MeterReadValidator.LATE)
                .sinkTo(sinks.lateRecords())
                .name("late_records")
                .uid("sink-late-meter-reads");
    }
}
