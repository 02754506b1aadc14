-- Energy and interval count per meter, correct before merges (FINAL keeps the newest version of each row; superseded rows no longer exist).
SELECT meter_id, sum(kwh) AS kwh, count() AS intervals
FROM interval_consumption FINAL
WHERE superseded = 0
GROUP BY meter_id
ORDER BY meter_id
