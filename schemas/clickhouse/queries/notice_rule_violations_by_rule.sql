-- Notice-rule violations still standing, by rule and stage, for the demo summary.
SELECT rule, stage, count() AS violations, uniqExact(customer_id) AS customers
FROM notice_rule_violations FINAL
WHERE withdrawn = 0
GROUP BY rule, stage
ORDER BY rule, stage
