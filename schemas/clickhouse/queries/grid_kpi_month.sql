-- The one query pattern for the service KPIs (docs/service-kpi.md): FINAL on the table, a filter
-- on the leading key columns (period_start, level). Correct before merges: FINAL keeps the row
-- with the highest version of each (period_start, level, unit_id, kpi). grid_kpi_daily alike.
SELECT toString(period_start) AS period, level, unit_id, kpi, better, numerator, denominator, value, target
FROM grid_kpi_monthly FINAL
WHERE period_start = toDate('2026-03-01') AND level = 'GRID'
ORDER BY unit_id, kpi
