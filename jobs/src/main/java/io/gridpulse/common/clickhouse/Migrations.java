package io.gridpulse.common.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies the ordered migrations of {@code schemas/clickhouse/migrations} to a database, each once:
 * an applied migration is recorded in {@code schema_migrations} with a checksum, and a recorded
 * migration whose file changed afterwards stops the run (write a new migration instead).
 */
public final class Migrations {

    private static final String HISTORY = "schema_migrations";

    /** The migration that creates {@link #HISTORY}; it runs before the history is read. */
    static final String HISTORY_MIGRATION = "0000_schema_migrations.sql";

    private Migrations() {}

    /**
     * Creates the database if needed and applies what is missing; returns the files applied now.
     */
    public static List<String> apply(ClickHouseSettings settings) {
        try (var admin =
                new ClickHouseQueries(settings.newClient("gridpulse-migrations", "default"))) {
            admin.execute("CREATE DATABASE IF NOT EXISTS " + settings.database());
        }
        Map<String, String> migrations = SqlResources.folder("migrations");
        try (var db = ClickHouseQueries.connect(settings, "gridpulse-migrations")) {
            SqlResources.statements(migrations.get(HISTORY_MIGRATION)).forEach(db::execute);
            Map<String, String> applied =
                    db.rows(SqlResources.query("applied_migrations")).stream()
                            .collect(
                                    Collectors.toMap(
                                            r -> r.get("version"),
                                            r -> r.get("checksum"),
                                            (a, b) -> a));
            List<String> appliedNow = new ArrayList<>();
            for (var migration : migrations.entrySet()) {
                String version = migration.getKey();
                String checksum = sha256(migration.getValue());
                if (applied.containsKey(version)) {
                    if (!applied.get(version).equals(checksum)) {
                        throw new IllegalStateException(
                                "migration "
                                        + version
                                        + " changed after it was applied to "
                                        + settings.database()
                                        + "; add a new migration instead of editing an applied one");
                    }
                    continue;
                }
                for (String statement : SqlResources.statements(migration.getValue())) {
                    db.execute(statement);
                }
                db.execute(
                        "INSERT INTO "
                                + HISTORY
                                + " (version, checksum) VALUES ('"
                                + version
                                + "', '"
                                + checksum
                                + "')");
                appliedNow.add(version);
            }
            return appliedNow;
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
