package io.gridpulse;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.clickhouse.SqlResources;
import io.gridpulse.common.config.GridPulseConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** While jobs run locally, prints every few seconds how many rows each ClickHouse table holds. */
final class Progress implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final Thread thread;

    private Progress(Thread thread) {
        this.thread = thread;
    }

    static Progress start(GridPulseConfig config, PrintStream out) {
        Thread thread =
                new Thread(
                        () -> {
                            try (var ch =
                                    ClickHouseQueries.connect(
                                            ClickHouseSettings.from(config),
                                            "gridpulse-progress")) {
                                String rowsPerTable = SqlResources.query("rows_per_table");
                                boolean failing = false;
                                while (!Thread.currentThread().isInterrupted()) {
                                    Thread.sleep(EVERY.toMillis());
                                    Map<String, String> rows;
                                    try {
                                        rows =
                                                ch.rows(rowsPerTable).stream()
                                                        .collect(
                                                                Collectors.toMap(
                                                                        r -> r.get("table_name"),
                                                                        r -> r.get("row_count"),
                                                                        (a, b) -> a,
                                                                        TreeMap::new));
                                    } catch (RuntimeException e) {
                                        // one line per outage, and the display goes on after it
                                        if (!failing) {
                                            out.println(
                                                    "progress: cannot read ClickHouse: "
                                                            + e.getMessage()
                                                                    .lines()
                                                                    .findFirst()
                                                                    .orElse(""));
                                        }
                                        failing = true;
                                        continue;
                                    }
                                    failing = false;
                                    out.println(
                                            "["
                                                    + LocalTime.now()
                                                            .truncatedTo(ChronoUnit.SECONDS)
                                                    + "] rows: "
                                                    + rows);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "gridpulse-progress");
        thread.setDaemon(true);
        thread.start();
        return new Progress(thread);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
