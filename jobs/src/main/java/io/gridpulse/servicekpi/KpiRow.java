package io.gridpulse.servicekpi;

/**
 * One KPI of one unit in one period; a row of {@code grid_kpi_daily} or {@code grid_kpi_monthly},
 * keyed by (period_start, level, unit_id, kpi) and versioned: the row with the highest version is
 * the current one.
 *
 * @param periodStart the local day, or the first day of the local month, {@code yyyy-MM-dd}
 * @param level GRID, STATION or COUNTY
 * @param unitId the grid, station or county
 * @param kpi see {@link Kpi}
 * @param better HIGHER, LOWER or NONE (not ranked)
 * @param numerator what was counted (complaints, bound customers, reads received, seconds for a
 *     percentile)
 * @param denominator what it is divided by (customers, complaints, reads expected); 0 for counts
 * @param value the KPI: numerator, or numerator / denominator (per 10,000 customers for {@code
 *     complaints_per_10k}); 0 when the denominator is 0
 * @param target the target the KPI is held against, or null
 * @param version increases with every new emission of the row, also across restores
 */
public record KpiRow(
        String periodStart,
        String level,
        String unitId,
        String kpi,
        String better,
        long numerator,
        long denominator,
        double value,
        Double target,
        long version) {}
