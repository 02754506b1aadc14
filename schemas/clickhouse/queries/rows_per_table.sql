-- Rows per GridPulse table after deduplication, for the demo summary.
SELECT 'interval_consumption' AS table_name, count() AS row_count FROM interval_consumption FINAL WHERE superseded = 0
UNION ALL SELECT 'consumption_anomalies', count() FROM consumption_anomalies FINAL
UNION ALL SELECT 'late_records', count() FROM late_records FINAL
UNION ALL SELECT 'rejected_records', count() FROM rejected_records FINAL
UNION ALL SELECT 'grid_kpi_daily', count() FROM grid_kpi_daily FINAL
UNION ALL SELECT 'grid_kpi_monthly', count() FROM grid_kpi_monthly FINAL
UNION ALL SELECT 'reconnect_cases', count() FROM reconnect_cases FINAL
UNION ALL SELECT 'notice_rule_violations', count() FROM notice_rule_violations FINAL
UNION ALL SELECT 'payments', count() FROM payments FINAL
UNION ALL SELECT 'switch_events', count() FROM switch_events FINAL
UNION ALL SELECT 'high_bill_alerts', count() FROM high_bill_alerts FINAL
UNION ALL SELECT 'customer_directory', count() FROM customer_directory FINAL
UNION ALL SELECT 'job_metrics', count() FROM job_metrics FINAL
