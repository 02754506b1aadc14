package io.gridpulse.drills;

import io.gridpulse.highbill.HighBillJob;
import io.gridpulse.servicekpi.ServiceKpiJob;
import io.gridpulse.simulator.SimulationConfig;
import io.gridpulse.testing.DrillStack;
import io.gridpulse.testing.GridPulseProcess;
import io.gridpulse.testing.MiniClusters;
import io.gridpulse.testing.SimulatedCity;
import io.gridpulse.testing.TestStack;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drill {@code kpi-faults}: the service-KPI and high-bill jobs run unbounded as {@code ./gridpulse
 * run service-kpi highbill} (a process of its own) on a simulated March while ClickHouse is stopped
 * (60 s in the drill, 15 s in {@code ./gridpulse test}) with the first half of the month arriving,
 * and then while the broker is stopped and started again on the same data (75 s, 10 s); the second
 * half goes on the topics once the jobs' consumers are back, then clock records move event time
 * past every deadline of March. Afterwards every daily and monthly KPI figure of March equals
 * {@code KpiReference} (computed from the raw records), every {@code high_bill_alerts} row and the
 * notifications on their topic equal the uninterrupted bounded run of the same records on a clean
 * stack, every record on every input topic is counted by each job, and the run reported no restart
 * and no stack trace.
 */
@Timeout(1500)
class KpiFaultsDrillITCase {

    /** Runs the high-bill reference, bounded, in this JVM. */
    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.twoSlots();

    /**
     * Local midnight of 2026-03-01 (Asia/Shanghai): the city is the whole of March, every unit has
     * data every day (the job writes a unit's day when something happened in it).
     */
    private static final Instant MARCH_1 = Instant.parse("2026-02-28T16:00:00Z");

    /**
     * Looser alert rules than the defaults (30 % and 20 CNY over the base, from day 7), so that a
     * city of a month and a few hundred customers has tens of alerts to keep; the reference runs
     * with the same.
     */
    private static final Map<String, String> ALERTS_WITHIN_DAYS =
            Map.of(
                    "highbill.alert.first.days", "3",
                    "highbill.alert.share", "0.10",
                    "highbill.alert.floor", "5");

    /** Time the jobs' Kafka consumers are given to reconnect after the broker restart. */
    private static final Duration RECONNECTED = Duration.ofSeconds(15);

    @TempDir Path dir;

    @Test
    void shouldKeepEveryKpiAndAlertExactThroughAClickHouseOutageAndABrokerRestart()
            throws Exception {
        boolean full = CityDrill.full();
        int outageSeconds = full ? 60 : 15;
        int brokerDownSeconds = full ? 75 : 10;
        SimulationConfig simulated =
                new SimulationConfig(full ? 240 : 120, 31, SimulatedCity.SEED, MARCH_1);
        try (DrillStack services = DrillStack.up("kpi-faults", 2)) {
            CityDrill drill =
                    CityDrill.onOwnServices(
                            "kpi-faults",
                            services,
                            dir.resolve("checkpoints"),
                            List.of(ServiceKpiJob.NAME, HighBillJob.NAME),
                            ALERTS_WITHIN_DAYS);
            TestStack clean =
                    CityDrill.ownStack(
                            "kpifaultsref", services, dir.resolve("reference"), ALERTS_WITHIN_DAYS);
            // the references first, on a machine the drill's jobs do not share yet
            CityDrill.Halves city = drill.feedWithReferences(simulated, clean);
            try (GridPulseProcess job = drill.run(Map.of())) {
                drill.awaitCheckpoint(job, ServiceKpiJob.NAME, null, Duration.ofMinutes(6));
                drill.awaitCheckpoint(job, HighBillJob.NAME, null, Duration.ofMinutes(6));

                // ClickHouse away while the first half of the city's records arrive
                long stopped = System.nanoTime();
                services.stop("clickhouse");
                city.first().run();
                long left = outageSeconds * 1000L - (System.nanoTime() - stopped) / 1_000_000;
                Thread.sleep(Math.max(0, left));
                services.start();
                drill.figures.put(
                        "clickhouse_outage_s", (System.nanoTime() - stopped) / 1_000_000_000);
                CityDrill.await(
                        () -> drill.kpiRows() > 0,
                        Duration.ofMinutes(6),
                        "KPI rows written after the outage; see " + job.log());

                // the broker away once the first half is read (a partition left behind when it
                // stops finds event time moved on by the others when it is back:
                // docs/reliability.md); the rest of the city arrives once it is back
                CityDrill.await(
                        () -> drill.lag() == 0,
                        Duration.ofMinutes(6),
                        "the first half read; see " + job.log());
                drill.figures.put("kpi_rows_at_broker_stop", drill.kpiRows());
                long brokerStopped = System.nanoTime();
                services.stop("kafka");
                Thread.sleep(brokerDownSeconds * 1000L);
                services.start();
                drill.figures.put(
                        "broker_down_s", (System.nanoTime() - brokerStopped) / 1_000_000_000);
                // the rest of the city once the jobs' consumers are back: a source that reconnects
                // first carries event time past records the others have yet to read
                // (docs/reliability.md)
                Thread.sleep(RECONNECTED.toMillis());
                city.rest().run();
                CityDrill.await(
                        () -> drill.lag() == 0,
                        Duration.ofMinutes(6),
                        "the rest of the city read; see " + job.log());
                drill.sendClocks(job, city.clock());

                drill.awaitDrained(job, Duration.ofMinutes(10));
                drill.assertExact();
                drill.assertEveryRecordAccounted();
                drill.assertNoRestartsOrStackTraces(job);
                drill.figures.put("incident_lines", CityDrill.linesWith(job, "failing (").size());
            }
            drill.report();
        }
    }
}
