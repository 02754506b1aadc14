-- Service KPIs per unit (grid, station, county) per local calendar month, written by the
-- service-kpi job; period_start is the first day of the month. Versioned like grid_kpi_daily.
CREATE TABLE IF NOT EXISTS grid_kpi_monthly
(
    period_start Date COMMENT 'first day of the local month (company.zone)',
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
PARTITION BY toYear(period_start)
ORDER BY (period_start, level, unit_id, kpi)
