-- Notice-rule violations per grid and local month (disconnections ordered or executed without a
-- lawful notice), over the reconnect job's table: current rows only, withdrawn verdicts left out.
SELECT
    grid_id AS grid,
    toStartOfMonth(toDate(checked_at, 'Asia/Shanghai')) AS month,
    countIf(stage = 'ORDERED') AS at_order,
    countIf(stage = 'EXECUTED') AS at_execution,
    uniqExact(customer_id) AS customers
FROM
(
    SELECT customer_id, checked_at, stage
    FROM notice_rule_violations FINAL
    WHERE withdrawn = 0
) AS violations
ANY LEFT JOIN (SELECT customer_id, grid_id FROM customer_directory FINAL) AS grids USING customer_id
GROUP BY grid, month
ORDER BY month, grid
