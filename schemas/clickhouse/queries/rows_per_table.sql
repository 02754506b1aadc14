-- Rows per GridPulse table after deduplication, for the demo summary.
SELECT 'interval_consumption' AS table_name, count() AS row_count FROM interval_consumption FINAL WHERE superseded = 0
UNION ALL SELECT 'consumption_anomalies', count() FROM consumption_anomalies FINAL
UNION ALL SELECT 'late_records', count() FROM late_records FINAL
UNION ALL SELECT 'rejected_records', count() FROM rejected_records FINAL
