-- The current customer master data (the 'customers' changelog), for dashboard filters (county,
-- station, grid, customer) and contact/binding KPIs. One row per customer after FINAL: the
-- version is the record's updated_at, so a replayed or older version never wins.
CREATE TABLE IF NOT EXISTS customer_directory
(
    customer_id           String,
    meter_id              String,
    grid_id               String,
    station_id            String,
    county                String,
    transformer_area      String,
    area_type             String,
    segment               String,
    read_interval_minutes UInt32,
    has_phone             UInt8,
    contact_verified      UInt8,
    sms_bound             UInt8,
    wechat_bound          UInt8,
    prepayment_agreement  UInt8,
    auto_debit_agreement  UInt8,
    active                UInt8,
    updated_at            DateTime('UTC'),
    version               UInt64 COMMENT 'updated_at in epoch milliseconds',
    written_at            DateTime('UTC') DEFAULT now()
)
ENGINE = ReplacingMergeTree(version)
ORDER BY customer_id
