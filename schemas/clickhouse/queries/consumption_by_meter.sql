-- Energy and interval count per meter, correct before merges (FINAL collapses replayed rows).
SELECT meter_id, sum(kwh) AS kwh, count() AS intervals
FROM interval_consumption FINAL
GROUP BY meter_id
ORDER BY meter_id
