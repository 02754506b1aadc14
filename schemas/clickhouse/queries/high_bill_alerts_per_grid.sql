-- High-bill alerts per grid and billing period: decided, sent, withheld (opted out or no binding),
-- and the mean projected rise over the base. Each alert counted once however often it was written.
SELECT
    grid_id,
    period,
    count() AS alerts,
    sum(sent) AS sent_alerts,
    count() - sum(sent) AS withheld_alerts,
    round(avg(toFloat64(projected_bill) / greatest(toFloat64(base_bill), 0.01) - 1) * 100, 1) AS mean_rise_pct
FROM high_bill_alerts FINAL
GROUP BY grid_id, period
ORDER BY grid_id, period
