package io.gridpulse.common.clickhouse;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL through {@code client-v2} in a way ClickHouse 18.16 answers too: the format is written
 * into the SQL (18.16 ignores the format header) and results are read as text.
 */
public final class ClickHouseQueries implements AutoCloseable {

    /**
     * Decimals stay exact: a kWh sum read as a double would not compare equal to the ground truth.
     */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final long TIMEOUT_SECONDS = 300;

    private final Client client;

    public ClickHouseQueries(Client client) {
        this.client = client;
    }

    public static ClickHouseQueries connect(ClickHouseSettings settings, String clientName) {
        return new ClickHouseQueries(settings.newClient(clientName));
    }

    /** Runs a statement that returns nothing worth reading (DDL, INSERT … SELECT). */
    public void execute(String sql) {
        text(sql);
    }

    /** The server's answer as text, e.g. for {@code FORMAT PrettyCompact}. */
    public String text(String sql) {
        try (var response = client.query(sql).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            return new String(response.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw new ClickHouseQueryException(sql, e.getCause());
        } catch (Exception e) {
            throw new ClickHouseQueryException(sql, e);
        }
    }

    /** The rows of a SELECT, each column as text (numbers too), in column order. */
    public List<Map<String, String>> rows(String select) {
        String sql = stripTrailingSemicolon(select) + "\nFORMAT JSONEachRow";
        List<Map<String, String>> rows = new ArrayList<>();
        try (var response = client.query(sql).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                var reader =
                        new BufferedReader(
                                new InputStreamReader(
                                        response.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                JsonNode node = JSON.readTree(line);
                node.fields().forEachRemaining(f -> row.put(f.getKey(), f.getValue().asText()));
                rows.add(row);
            }
            return rows;
        } catch (ExecutionException e) {
            throw new ClickHouseQueryException(sql, e.getCause());
        } catch (Exception e) {
            throw new ClickHouseQueryException(sql, e);
        }
    }

    /** The single value of a one-row, one-column SELECT. */
    public String value(String select) {
        List<Map<String, String>> rows = rows(select);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("expected one value from: " + select + ", got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    /** {@code value} as a ClickHouse string literal, quotes and backslashes escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String stripTrailingSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() {
        client.close();
    }

    /** A query the server refused or that could not be run; names the query. */
    public static final class ClickHouseQueryException extends RuntimeException {
        ClickHouseQueryException(String sql, Throwable cause) {
            super(
                    "ClickHouse query failed: " + cause.getMessage() + "\n--- query ---\n" + sql,
                    cause);
        }
    }
}
