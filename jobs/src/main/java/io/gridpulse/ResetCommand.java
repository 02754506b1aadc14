package io.gridpulse;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.ClickHouseSettings;
import io.gridpulse.common.config.CommonKeys;
import io.gridpulse.common.config.GridPulseConfig;
import io.gridpulse.common.kafka.KafkaSettings;
import io.gridpulse.common.kafka.TopicSetup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code reset}: deletes GridPulse's topics, its ClickHouse database and its checkpoints. It asks
 * first unless {@code --yes} is given, refuses without a terminal to ask on, and never drops a
 * database that is not GridPulse's to drop.
 */
final class ResetCommand {

    /** Databases every ClickHouse server has, whatever the configuration says. */
    static final Set<String> SYSTEM_DATABASES =
            Set.of("default", "system", "information_schema", "_temporary_and_external_tables");

    private ResetCommand() {}

    /**
     * @param answers where the confirmation is read from; null when there is no terminal
     * @return 0 done, 2 refused before anything was deleted
     */
    static int run(GridPulseConfig config, boolean yes, BufferedReader answers, PrintStream err)
            throws InterruptedException, IOException {
        ClickHouseSettings clickHouse = ClickHouseSettings.from(config);
        String database = clickHouse.database();
        if (SYSTEM_DATABASES.contains(database.toLowerCase(Locale.ROOT))) {
            err.println(
                    "gridpulse: reset refuses to drop the system database '"
                            + database
                            + "' (clickhouse.database): give GridPulse a database of its own");
            return 2;
        }
        KafkaSettings kafka = KafkaSettings.from(config);
        String what =
                "the GridPulse topics at "
                        + kafka.bootstrapServers()
                        + (config.get(CommonKeys.KAFKA_TOPIC_PREFIX).isEmpty()
                                ? ""
                                : " (prefix " + config.get(CommonKeys.KAFKA_TOPIC_PREFIX) + ")")
                        + ", the ClickHouse database "
                        + quote(database)
                        + " at "
                        + config.get(CommonKeys.CLICKHOUSE_URL)
                        + " and the checkpoints under "
                        + config.get(CommonKeys.CHECKPOINT_DIR);
        if (!yes) {
            if (answers == null) {
                err.println(
                        "gridpulse: reset deletes "
                                + what
                                + ". No terminal to ask on: run it with --yes to confirm.");
                return 2;
            }
            err.print("This deletes " + what + ". Type 'yes' to go on: ");
            err.flush();
            String answer = answers.readLine();
            if (answer == null || !answer.strip().equalsIgnoreCase("yes")) {
                err.println("gridpulse: reset cancelled, nothing deleted");
                return 2;
            }
        }
        TopicSetup.deleteAll(kafka);
        try (var admin =
                ClickHouseQueries.connect(clickHouse.withDatabase("default"), "gridpulse-setup")) {
            admin.execute("DROP DATABASE IF EXISTS " + quote(database));
        }
        deleteCheckpoints(config.get(CommonKeys.CHECKPOINT_DIR), err);
        return 0;
    }

    /** A ClickHouse identifier in back quotes, with back quotes and backslashes escaped. */
    static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    private static void deleteCheckpoints(String checkpointDir, PrintStream err) {
        URI uri = URI.create(checkpointDir);
        if (!"file".equals(uri.getScheme())) {
            err.println(
                    "warning: checkpoints under "
                            + checkpointDir
                            + " are not on a local disk and were kept; they are refused on"
                            + " resume, since they belong to the streams before this reset");
            return;
        }
        Path dir = Path.of(uri);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(p -> !p.equals(dir))
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoints in " + dir, e);
        }
        err.println("checkpoints deleted: " + dir);
    }
}
