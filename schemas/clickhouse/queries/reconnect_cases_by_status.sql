-- Disconnection cases of the reconnect job by status, for the demo summary: cases, distinct
-- reconnect commands, overdue and review counts, and the median time from clearing to power
-- (event time, minutes; 0 when no case of the status has both).
SELECT
    status,
    count() AS cases,
    uniqExactIf(command_id, command_id != '') AS commands,
    countIf(overdue = 1) AS overdue,
    countIf(review = 1) AS review,
    intDiv(toInt64(quantileExactIf(0.5)(reconnected_ms - cleared_ms, cleared_ms >= 0 AND reconnected_ms >= 0)), 60000) AS clearing_to_power_p50_min
FROM reconnect_cases FINAL
GROUP BY status
ORDER BY status
