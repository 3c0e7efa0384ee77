-- Reports (#18). Utilization measures time against each person's weekly
-- capacity: their own when set (a part-timer's 20 hours), else the firm's
-- (`firm_settings` key `weekly_capacity_minutes`; 40 hours when unset).
-- Null means "the firm's", so changing the firm's default moves everyone
-- who has no capacity of their own.
alter table users add column weekly_capacity_minutes integer
    check (weekly_capacity_minutes between 0 and 10080);

-- Reports and the console's activity chart read a whole firm's time by
-- date range, not one person's week: without this every such read scans
-- all of a firm's entries, however short the period.
create index time_entries_work_date_idx on time_entries (work_date);
