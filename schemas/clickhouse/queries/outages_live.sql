-- Live outages for the control room: every inferred outage not yet classified (status OPEN or
-- CLOSED: reads resumed, registers still to be judged) and those classified in the last day, newest
-- first. Current rows only (FINAL). minutes_off counts to now() while the outage is open.
SELECT
    outage_id,
    transformer_area,
    grid_id,
    status,
    cause,
    confidence,
    reclassified,
    opened_at,
    detected_at,
    closed_at,
    intDiv(toUInt32(ifNull(closed_at, now())) - toUInt32(opened_at), 60) AS minutes_off,
    meters_silent,
    meters_watched,
    customers_affected
FROM outages FINAL
WHERE status != 'CLASSIFIED' OR detected_at >= now() - 86400
ORDER BY detected_at DESC, transformer_area
LIMIT 200
