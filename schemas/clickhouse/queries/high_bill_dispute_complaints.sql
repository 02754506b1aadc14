-- Bill-dispute complaints (category BILLING, kind COMPLAINT or REPORT: 投诉举报) per grid and
-- local month they were opened in, split by whether the customer had been alerted about the bill
-- in dispute: a complaint counts as alerted when the customer was sent a high-bill alert for the
-- billing period whose bill was the newest one when the complaint was opened, i.e. opened from the
-- period's end until one cycle later. Alerts decided but withheld (opted out, no binding) reached
-- nobody: those customers count as not alerted. The grid is the ticket's (where it was
-- dispatched). Latest ticket revisions and alerts only (FINAL): a replay never doubles a count.
SELECT
    grid_id AS grid,
    toStartOfMonth(toDate(opened_at, 'Asia/Shanghai')) AS month,
    count() AS billing_complaints,
    sum(alerted) AS from_alerted,
    billing_complaints - from_alerted AS from_not_alerted,
    uniqExactIf(customer_id, alerted = 1) AS alerted_complainants,
    uniqExactIf(customer_id, alerted = 0) AS not_alerted_complainants
FROM
(
    SELECT
        grid_id,
        opened_at,
        customer_id,
        toUInt8(ticket_id IN
        (
            SELECT ticket_id
            FROM
            (
                SELECT ticket_id, customer_id, toDate(opened_at, 'Asia/Shanghai') AS opened_day
                FROM service_tickets FINAL
                WHERE category = 'BILLING' AND kind IN ('COMPLAINT', 'REPORT') AND customer_id != ''
            ) AS complaints
            ALL INNER JOIN
            (
                SELECT customer_id, period_start, period_end
                FROM high_bill_alerts FINAL
                WHERE sent = 1
            ) AS alerts USING customer_id
            WHERE opened_day >= period_end AND opened_day < addMonths(period_end, (toYear(period_end) * 12 + toMonth(period_end)) - (toYear(period_start) * 12 + toMonth(period_start)))
        )) AS alerted
    FROM service_tickets FINAL
    WHERE category = 'BILLING' AND kind IN ('COMPLAINT', 'REPORT')
)
GROUP BY grid, month
ORDER BY month, grid
