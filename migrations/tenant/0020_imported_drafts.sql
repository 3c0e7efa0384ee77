-- Imports keep the source's approvals (#19): a Harvest row approved there
-- arrives approved, as before, and stays out of its week's timesheet (no
-- decision on the week changes it); a row not approved there arrives as a
-- draft and belongs to its week like time logged here. `import_batch_id`
-- alone can no longer tell the two apart, so the first kind is marked.
alter table time_entries add column approved_at_import boolean not null default false;

-- Every entry imported so far arrived approved.
update time_entries set approved_at_import = true where import_batch_id is not null;
