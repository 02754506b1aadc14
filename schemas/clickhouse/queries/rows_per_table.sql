-- Rows per GridPulse table after deduplication, for the demo summary.
SELECT 'interval_consumption' AS table_name, count() AS row_count FROM interval_consumption FINAL
UNION ALL SELECT 'consumption_anomalies', count() FROM consumption_anomalies FINAL
UNION ALL SELECT 'late_records', count() FROM late_records FINAL
UNION ALL SELECT 'rejected_records', count() FROM rejected_records FINAL
UNION ALL SELECT 'grid_kpi_daily', count() FROM grid_kpi_daily FINAL
UNION ALL SELECT 'grid_kpi_monthly', count() FROM grid_kpi_monthly FINAL
