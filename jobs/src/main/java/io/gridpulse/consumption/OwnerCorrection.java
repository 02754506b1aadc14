package io.gridpulse.consumption;

import io.gridpulse.common.clickhouse.ClickHouseQueries;
import io.gridpulse.common.clickhouse.JsonEachRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The owner of a meter came after rows of the meter were written without one ({@code UNASSIGNED})
 * and left its window, where the validation can no longer write them again: its interval rows and
 * cases still without an owner are written again with it, in ClickHouse, under {@code version}.
 *
 * <p>A new customer's meter often reads before the customer is entered, and in a live run a meter
 * may read for days before its record comes. The rows still in the window are written again by the
 * validation itself (with higher versions); these are the older ones.
 *
 * @param version higher than any version the meter's rows had before the owner came, lower than any
 *     it gets after: rows written since are left alone
 */
public record OwnerCorrection(
        String meterId, String customerId, String gridId, String segment, long version) {

    /** Whether its statements write this row again: a row of the meter without an owner, older. */
    public boolean corrects(String rowMeterId, String rowCustomerId, long rowVersion) {
        return meterId.equals(rowMeterId) && rowCustomerId.isEmpty() && rowVersion < version;
    }

    /** The row as its statements leave it in ClickHouse. */
    public IntervalConsumption applyTo(IntervalConsumption row) {
        return corrects(row.meterId(), row.customerId(), row.version())
                ? row.withOwner(customerId, gridId, segment, version)
                : row;
    }

    /** The case as its statements leave it in ClickHouse. */
    public ConsumptionAnomaly applyTo(ConsumptionAnomaly row) {
        return corrects(row.meterId(), row.customerId(), row.version())
                ? row.withOwner(customerId, gridId, segment, version)
                : row;
    }

    /** Meters per statement: one SQL text of tens of kilobytes at most. */
    static final int METERS_PER_STATEMENT = 500;

    /** The tables whose rows carry a meter's owner, with the row type that names their columns. */
    private static final Map<String, List<String>> TABLES =
            Map.of(
                    "interval_consumption",
                    new JsonEachRow<>(IntervalConsumption.class).columns(),
                    "consumption_anomalies",
                    new JsonEachRow<>(ConsumptionAnomaly.class).columns());

    /**
     * {@code INSERT … SELECT} statements that write every row of these meters still without an
     * owner (and with a version below the correction's) again with the owner, per table. Run twice,
     * they write the same rows. A meter corrected twice in one batch keeps its newest correction.
     */
    public static List<String> statements(List<OwnerCorrection> corrections) {
        Map<String, OwnerCorrection> newest = new LinkedHashMap<>();
        for (OwnerCorrection c : corrections) {
            newest.merge(c.meterId, c, (a, b) -> b.version >= a.version ? b : a);
        }
        List<OwnerCorrection> all = List.copyOf(newest.values());
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < all.size(); from += METERS_PER_STATEMENT) {
            List<OwnerCorrection> chunk =
                    all.subList(from, Math.min(all.size(), from + METERS_PER_STATEMENT));
            for (String table : List.of("interval_consumption", "consumption_anomalies")) {
                statements.add(statement(table, TABLES.get(table), chunk));
            }
        }
        return statements;
    }

    private static String statement(
            String table, List<String> columns, List<OwnerCorrection> chunk) {
        String meters = array(chunk, OwnerCorrection::meterId);
        String version =
                "toUInt64(transform(meter_id, "
                        + meters
                        + ", "
                        + array(chunk, c -> Long.toString(c.version))
                        + ", '0'))";
        String values =
                columns.stream()
                        .map(
                                column ->
                                        switch (column) {
                                            case "customer_id" ->
                                                    owner(meters, chunk, column, c -> c.customerId);
                                            case "grid_id" ->
                                                    owner(meters, chunk, column, c -> c.gridId);
                                            case "segment" ->
                                                    owner(meters, chunk, column, c -> c.segment);
                                            case "version" -> version;
                                            default -> column;
                                        })
                        .collect(Collectors.joining(", "));
        // FINAL within meter_id, the head of the sorting key; the owner is judged on the newest row
        return "INSERT INTO "
                + table
                + " ("
                + String.join(", ", columns)
                + ")\nSELECT "
                + values
                + "\nFROM (SELECT * FROM "
                + table
                + " FINAL WHERE meter_id IN ("
                + meters.substring(1, meters.length() - 1)
                + "))\nWHERE customer_id = '' AND version < "
                + version;
    }

    private static String owner(
            String meters,
            List<OwnerCorrection> chunk,
            String column,
            java.util.function.Function<OwnerCorrection, String> value) {
        return "transform(meter_id, " + meters + ", " + array(chunk, value) + ", " + column + ")";
    }

    private static String array(
            List<OwnerCorrection> chunk, java.util.function.Function<OwnerCorrection, String> f) {
        return chunk.stream()
                .map(c -> ClickHouseQueries.literal(f.apply(c)))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Keeps corrections in checkpoints until their statements ran. */
    public static final class Serializer
            implements SimpleVersionedSerializer<OwnerCorrection>, java.io.Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(OwnerCorrection c) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(128);
            out.writeUTF(c.meterId);
            out.writeUTF(c.customerId);
            out.writeUTF(c.gridId);
            out.writeUTF(c.segment);
            out.writeLong(c.version);
            return out.getCopyOfBuffer();
        }

        @Override
        public OwnerCorrection deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("unknown version " + version + " of an owner correction");
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            return new OwnerCorrection(
                    in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
        }
    }
}
