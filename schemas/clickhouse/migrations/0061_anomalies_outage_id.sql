-- MISSING_READS and ZERO_CONSUMPTION cases inside an inferred power outage are no read-quality
-- flag: the case names the outage instead (severity INFO). Flags are the rows with outage_id = ''.
ALTER TABLE consumption_anomalies ADD COLUMN outage_id String DEFAULT '' COMMENT 'the power outage the case lies in; empty for a read-quality flag'
