-- GridPulse users on current ClickHouse (SQL-driven access control; 18.16 has none: there the
-- same users live in deploy/local/clickhouse/users.xml.template).
--   gridpulse_writer  the jobs and `./gridpulse setup` (migrations): reads and writes database gridpulse
--   gridpulse_reader  Grafana and reports: SELECT only, and readonly = 2 so no query can write
-- Run as an administrator through deploy/clickhouse/create-users.sh, which puts the passwords from
-- GRIDPULSE_WRITER_PASSWORD / GRIDPULSE_READER_PASSWORD in place of @WRITER_PASSWORD@ and
-- @READER_PASSWORD@ on the way to clickhouse-client's standard input (never on a command line).
CREATE DATABASE IF NOT EXISTS gridpulse;

CREATE SETTINGS PROFILE IF NOT EXISTS gridpulse_readonly SETTINGS readonly = 2, max_execution_time = 60;

CREATE USER IF NOT EXISTS gridpulse_writer IDENTIFIED WITH sha256_password BY '@WRITER_PASSWORD@'
    DEFAULT DATABASE gridpulse;
GRANT SELECT, INSERT, CREATE TABLE, CREATE VIEW, ALTER, DROP TABLE, TRUNCATE, OPTIMIZE, SHOW ON gridpulse.* TO gridpulse_writer;

CREATE USER IF NOT EXISTS gridpulse_reader IDENTIFIED WITH sha256_password BY '@READER_PASSWORD@'
    DEFAULT DATABASE gridpulse SETTINGS PROFILE gridpulse_readonly;
GRANT SELECT, SHOW ON gridpulse.* TO gridpulse_reader;
