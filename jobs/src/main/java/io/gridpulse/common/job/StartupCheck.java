package io.gridpulse.common.job;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * Checks before a run or a setup that Kafka and ClickHouse answer, and fails within {@code
 * startup.check.timeout} with the address it tried, instead of letting a job retry for minutes
 * against a service that is not there.
 */
public final class StartupCheck {

    private StartupCheck() {}

    /** A service that did not answer; the message names it, its address and the cause. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    public static void run(GridPulseConfig config) {
        Duration timeout = config.get(CommonKeys.STARTUP_CHECK_TIMEOUT);
        kafka(KafkaSettings.from(config), timeout);
        clickHouse(ClickHouseSettings.from(config), config.get(CommonKeys.CLICKHOUSE_URL), timeout);
    }

    static void kafka(KafkaSettings kafka, Duration timeout) {
        Properties p = kafka.clientProperties("gridpulse-startup-check");
        int ms = (int) timeout.toMillis();
        p.setProperty("request.timeout.ms", String.valueOf(ms));
        p.setProperty("default.api.timeout.ms", String.valueOf(ms));
        // half the budget per attempt, so a slow SASL handshake on a loaded broker (over 5 s at
        // load 40) still ends in its own error, not a bare timeout; and a second attempt fits
        p.setProperty("socket.connection.setup.timeout.ms", String.valueOf(Math.max(ms / 2, 1)));
        p.setProperty("socket.connection.setup.timeout.max.ms", String.valueOf(ms));
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new Unreachable(
                    "Kafka does not answer at "
                            + kafka.bootstrapServers()
                            + " within "
                            + timeout.toSeconds()
                            + " s (kafka.bootstrap.servers): "
                            + rootCause(e));
        }
    }

    /** A query, not client-v2's ping: its ping reports ClickHouse 18.16 as down. */
    static void clickHouse(ClickHouseSettings settings, String url, Duration timeout) {
        var answer =
                CompletableFuture.runAsync(
                        () -> {
                            try (var ch =
                                    ClickHouseQueries.connect(
                                            settings.withDatabase("default"),
                                            "gridpulse-startup-check")) {
                                ch.value("SELECT 1");
                            }
                        });
        try {
            answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            answer.cancel(true);
            throw new Unreachable(
                    "ClickHouse does not answer at "
                            + url
                            + " within "
                            + timeout.toSeconds()
                            + " s (clickhouse.url): "
                            + rootCause(e));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
