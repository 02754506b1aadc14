-- Service KPIs per unit (grid, station, county) per local day, written by the service-kpi job.
-- One current row per (period_start, level, unit_id, kpi): the highest version. A correction or a
-- replay writes a newer version, never an extra row; read with FINAL (docs/service-kpi.md).
CREATE TABLE IF NOT EXISTS grid_kpi_daily
(
    period_start Date COMMENT 'the local day (company.zone)',
    level        String COMMENT 'GRID, STATION or COUNTY',
    unit_id      String COMMENT 'grid, station or county id; UNASSIGNED for what no grid claimed',
    kpi          String COMMENT 'complaints, verified_rate, sms_binding_rate, ... (docs/service-kpi.md)',
    better       String COMMENT 'HIGHER, LOWER or NONE (not ranked)',
    numerator    Int64,
    denominator  Int64 COMMENT '0 for counts; the sample size for percentiles',
    value        Float64,
    target       Nullable(Float64),
    version      UInt64,
    written_at   DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(period_start)
ORDER BY (period_start, level, unit_id, kpi)
