-- Anomalies per validation rule, each anomaly counted once however often it was written.
SELECT rule, count() AS anomalies, uniqExact(meter_id) AS meters
FROM consumption_anomalies FINAL
GROUP BY rule
ORDER BY anomalies DESC, rule
