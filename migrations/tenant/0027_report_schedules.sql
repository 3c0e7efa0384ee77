-- Saved reports e-mailed on a schedule (#18). A schedule keeps the report's
-- address parts (which report, its rolling period, the hours table's
-- groupings), so each e-mail covers the newest "last month" or "last 4
-- weeks". The mail worker's sweep sends those whose `next_send_on` has come
-- (on the firm's clock) and moves it on in the same transaction, taking
-- rows `for update skip locked` so two server processes never both send.
create table report_schedules (
    report_schedule_id bigserial primary key,
    name text not null check (length(name) between 1 and 120),
    report text not null,
    period text not null,
    -- The hours table's groupings; null for the other reports.
    group_by text,
    then_by text,
    cadence text not null check (cadence in ('weekly', 'monthly')),
    next_send_on date not null,
    last_sent_at timestamptz,
    created_by bigint references users on delete set null,
    created_at timestamptz not null default now()
);

-- Who receives it. Only people who may read every report are offered, and
-- the worker sends only to those still active with that role when it runs.
create table report_schedule_recipients (
    report_schedule_id bigint not null references report_schedules on delete cascade,
    user_id bigint not null references users on delete cascade,
    primary key (report_schedule_id, user_id)
);

create index report_schedules_due_idx on report_schedules (next_send_on);
