-- Energy measured over all meters, each interval counted once.
SELECT sum(kwh) AS kwh, uniqExact(meter_id) AS meters
FROM interval_consumption FINAL
WHERE superseded = 0
