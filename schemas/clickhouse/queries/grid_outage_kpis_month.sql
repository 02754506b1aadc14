-- Outage KPIs per grid and local month for the monthly review, in SQL over the outages table (the
-- jobs stay independent): power outages (classified by the registers), the minutes the power was
-- off (opened_at to closed_at), customers affected (customers_off) and customer-minutes off, and the collection
-- failures that were told apart. Current rows only (FINAL). Months are the company's calendar
-- (company.zone); an outage counts in the month it was detected.
SELECT
    grid_id AS grid,
    toStartOfMonth(toDate(detected_at, 'Asia/Shanghai')) AS month,
    countIf(cause = 'POWER_OUTAGE') AS power_outages,
    sumIf(intDiv(toUInt32(assumeNotNull(closed_at)) - toUInt32(opened_at), 60), cause = 'POWER_OUTAGE') AS outage_minutes,
    sumIf(customers_affected, cause = 'POWER_OUTAGE') AS customers_off,
    sumIf(customers_affected * intDiv(toUInt32(assumeNotNull(closed_at)) - toUInt32(opened_at), 60), cause = 'POWER_OUTAGE') AS customer_minutes_off,
    countIf(cause = 'COLLECTION_FAILURE') AS collection_failures
FROM outages FINAL
WHERE status = 'CLASSIFIED'
GROUP BY grid, month
ORDER BY month, grid
