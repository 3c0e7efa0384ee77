-- Each person's own time zone (#19): the times they read — the audit log,
-- the hour their daily digest goes — are in it. Null means the firm's
-- (firm_settings 'time_zone', "UTC" from provisioning until an
-- administrator changes it). Names are PostgreSQL's own
-- (pg_timezone_names), checked by the server before they are stored, and
-- local times are computed here with `at time zone`: one time zone
-- database, the one PostgreSQL keeps up to date.
alter table users add column time_zone text;
