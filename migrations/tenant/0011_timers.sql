-- A running timer: at most one per person. Stopping it turns the elapsed
-- time into an ordinary time entry and deletes the row, so a timer is never
-- a second kind of time to add up — only a way of entering it.
create table running_timers (
    user_id bigint primary key references users on delete cascade,
    engagement_id bigint not null references engagements on delete cascade,
    notes text not null default '' check (length(notes) <= 2000),
    billable boolean not null default true,
    started_at timestamptz not null default now()
);
