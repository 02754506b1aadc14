-- The monthly ranking of grids (对标) for every ranked KPI, best first: rank 1 is the best grid.
-- "Better" comes from each row's better column (set by the job from one list, the Kpi enum);
-- ties go to the lower grid id. A plain view over grid_kpi_monthly FINAL, so it is always
-- current and correct before merges; no aggregate is stored on insert.
CREATE VIEW IF NOT EXISTS grid_kpi_ranking AS
SELECT
    period_start,
    kpi,
    better,
    r.1 AS grid_id,
    r.3 AS value,
    rank
FROM
(
    SELECT
        period_start,
        kpi,
        better,
        arraySort(x -> (x.2, x.1), groupArray((unit_id, if(better = 'LOWER', value, -value), value))) AS ranked
    FROM grid_kpi_monthly FINAL
    WHERE level = 'GRID' AND better != 'NONE' AND unit_id != 'UNASSIGNED'
    GROUP BY period_start, kpi, better
)
ARRAY JOIN ranked AS r, arrayEnumerate(ranked) AS rank
