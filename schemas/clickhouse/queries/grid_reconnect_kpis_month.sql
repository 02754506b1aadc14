-- Reconnect KPIs per grid and local month, in SQL over the reconnect job's tables (the jobs stay
-- independent): arrears cases cleared, the share back on power within reconnect.target, and the
-- median minutes from clearing to power. Current rows only (FINAL); the grid is the customer's
-- grid in customer_directory now. Months are the company's calendar (company.zone).
SELECT
    grid_id AS grid,
    toStartOfMonth(toDate(cleared, 'Asia/Shanghai')) AS month,
    count() AS cleared_cases,
    countIf(reconnected_ms >= 0 AND overdue = 0) AS within_target,
    round(within_target / cleared_cases, 4) AS within_target_share,
    quantileExactIf((reconnected_ms - cleared_ms) / 60000, reconnected_ms >= 0) AS clearing_to_power_p50_min
FROM
(
    SELECT customer_id, assumeNotNull(cleared_at) AS cleared, cleared_ms, reconnected_ms, overdue
    FROM reconnect_cases FINAL
    WHERE auto_reconnect = 1 AND cleared_ms >= 0
) AS cases
ANY LEFT JOIN (SELECT customer_id, grid_id FROM customer_directory FINAL) AS grids USING customer_id
GROUP BY grid, month
ORDER BY month, grid
