INSERT INTO interval_consumption (meter_id, customer_id, grid_id, segment, interval_start, interval_end, interval_minutes, kwh, source, version, superseded)
SELECT meter_id, transform(meter_id, ['x', 'M-2'], ['C-1', 'C-O\'Brien'], customer_id), transform(meter_id, ['x', 'M-2'], ['G-1', 'G-2'], grid_id), transform(meter_id, ['x', 'M-2'], ['SHOP', 'RESIDENT'], segment), interval_start, interval_end, interval_minutes, kwh, source, toUInt64(transform(meter_id, ['x', 'M-2'], ['5', '6'], '0')), superseded
FROM (SELECT * FROM interval_consumption FINAL WHERE meter_id IN ('x', 'M-2'))
WHERE customer_id = '' AND version < toUInt64(transform(meter_id, ['x', 'M-2'], ['5', '6'], '0'));

INSERT INTO consumption_anomalies (meter_id, customer_id, grid_id, segment, rule, read_time, closed_at, severity, observed_kwh, baseline_kwh, evidence, version, outage_id)
SELECT meter_id, transform(meter_id, ['x', 'M-2'], ['C-1', 'C-O\'Brien'], customer_id), transform(meter_id, ['x', 'M-2'], ['G-1', 'G-2'], grid_id), transform(meter_id, ['x', 'M-2'], ['SHOP', 'RESIDENT'], segment), rule, read_time, closed_at, severity, observed_kwh, baseline_kwh, evidence, toUInt64(transform(meter_id, ['x', 'M-2'], ['5', '6'], '0')), outage_id
FROM (SELECT * FROM consumption_anomalies FINAL WHERE meter_id IN ('x', 'M-2'))
WHERE customer_id = '' AND version < toUInt64(transform(meter_id, ['x', 'M-2'], ['5', '6'], '0'));
