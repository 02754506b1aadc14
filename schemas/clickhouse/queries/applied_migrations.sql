-- Migrations applied to this database so far.
SELECT version, checksum
FROM schema_migrations
ORDER BY version
