-- A firm's weeks may start on Sunday or Saturday as well as Monday (#19,
-- firm_settings 'week_starts_on'), so a timesheet's week_start is the first
-- day of the firm's week, whichever weekday that is, and the Monday-only
-- check 0007 put on it goes. The server computes week_start from the
-- firm's setting inside the same transaction that stores it, and the
-- setting can only change while no week has been submitted (all rows are
-- then drafts, which the change deletes and the next edit recreates), so
-- every row of a firm starts on the same weekday.
alter table timesheets drop constraint timesheets_week_start_check;

comment on column timesheets.week_start is
    'The first day of the firm''s week (firm_settings week_starts_on): a Monday, Sunday or Saturday.';
