-- Time people record against engagements, in whole minutes (the unit every
-- total and every invoice line is computed in; hours are only a display).
create table time_entries (
    time_entry_id bigint generated always as identity primary key,
    user_id bigint not null references users on delete restrict,
    engagement_id bigint not null references engagements on delete restrict,
    work_date date not null,
    minutes integer not null check (minutes between 1 and 1440),
    billable boolean not null default true,
    notes text not null default '' check (length(notes) <= 2000),
    -- draft → submitted → approved; approval workflows move it on (#4).
    status text not null default 'draft' check (status in ('draft', 'submitted', 'approved')),
    created_at timestamptz not null default now()
);

-- "My week" reads one person's entries for seven days: the hottest query
-- in the product, answered from this index alone plus the joins below it.
create index time_entries_user_date_idx on time_entries (user_id, work_date);
create index time_entries_engagement_id_idx on time_entries (engagement_id);
