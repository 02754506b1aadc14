-- The latest month's ranking of grids for the ranked KPIs, best first (demo summary).
SELECT toString(period_start) AS month, kpi, better, grid_id, value, rank
FROM grid_kpi_ranking
WHERE period_start = (SELECT max(period_start) FROM grid_kpi_monthly)
ORDER BY kpi, rank
