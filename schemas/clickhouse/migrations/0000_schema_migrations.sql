-- The migration history: one row per applied file, with its checksum. The runner runs this one
-- first, before it reads the history; IF NOT EXISTS makes that safe on every run.
CREATE TABLE IF NOT EXISTS schema_migrations
(
    version    String,
    checksum   String,
    applied_at DateTime('UTC') DEFAULT now()
)
ENGINE = MergeTree
ORDER BY version
