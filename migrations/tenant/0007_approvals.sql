-- Teams, approval policies and submitted timesheets: what the approval
-- engine (pespro::workflow) needs stored. The engine itself is pure; these
-- tables hold its inputs (policies, who manages whom) and its history
-- (decisions), never derived state such as "which step are we on", which is
-- always replayed from the decisions.

-- A team has one manager. A person belongs to at most one team, and their
-- manager chain is derived from it: the team's manager, then the manager of
-- the team that manager belongs to, and so on (pespro::teams).
create table teams (
    team_id bigint generated always as identity primary key,
    name text not null check (length(name) between 1 and 80),
    manager_id bigint not null references users on delete restrict,
    created_at timestamptz not null default now()
);

create unique index teams_name_key on teams (lower(name));

create table team_members (
    user_id bigint primary key references users on delete cascade,
    team_id bigint not null references teams on delete cascade
);

-- A firm's approval rules per kind of document, as typed JSON
-- (pespro::workflow::Rule). Rows are never updated: saving a policy adds the
-- next version, and a document keeps the version it was submitted under.
-- No row for a kind means the built-in default (one approval by a manager).
create table approval_policies (
    document_kind text not null check (document_kind in ('timesheet', 'expense', 'invoice')),
    version integer not null check (version > 0),
    rules jsonb not null,
    created_by bigint references users on delete set null,
    created_at timestamptz not null default now(),
    primary key (document_kind, version)
);

-- A person's week submitted for approval. Entries stay in time_entries; the
-- week's status is copied onto them so "is this entry locked?" is a column
-- read, not a join.
create table timesheets (
    timesheet_id bigint generated always as identity primary key,
    user_id bigint not null references users on delete restrict,
    -- The Monday of the ISO week.
    week_start date not null check (extract(isodow from week_start) = 1),
    status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'rejected')),
    -- Set on submission; decisions are checked against this version.
    policy_version integer,
    -- Each submission starts a new round; only this round's decisions count.
    round integer not null default 0,
    -- The week's total when it was submitted (what thresholds compare).
    minutes integer not null default 0,
    submitted_at timestamptz,
    updated_at timestamptz not null default now(),
    unique (user_id, week_start)
);

-- The inbox reads every submitted timesheet.
create index timesheets_submitted_idx on timesheets (status) where status = 'submitted';

-- Every decision ever taken: who, when, with what role and comment. Kept
-- after a rejection or an unlock, so the history stays complete.
create table approval_decisions (
    approval_decision_id bigint generated always as identity primary key,
    document_kind text not null check (document_kind in ('timesheet', 'expense', 'invoice')),
    document_id bigint not null,
    round integer not null,
    decided_by bigint not null references users on delete restrict,
    role text not null check (role in ('employee', 'manager', 'admin')),
    approve boolean not null,
    comment text not null default '' check (length(comment) <= 2000),
    decided_at timestamptz not null default now()
);

create index approval_decisions_document_idx on approval_decisions (document_kind, document_id, round);
