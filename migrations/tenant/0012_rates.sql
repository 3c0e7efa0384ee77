-- Hourly rates a firm sets, and the price each time entry was given (#4,
-- "rates that explain themselves"). Resolution is pespro::rates::resolve;
-- this only stores its inputs and its answer.

-- One row per rule as the firm entered it. Rules are never edited: a new
-- rate is a new row with a later effective_from, so an entry's stamped
-- rate_id keeps pointing at the rule that actually priced it.
create table rates (
    rate_id bigint generated always as identity primary key,
    kind text not null check (kind in ('billable', 'cost')),
    scope text not null
        check (scope in ('firm', 'role', 'person', 'client', 'engagement', 'engagement_person')),
    role text check (role in ('employee', 'manager', 'admin')),
    user_id bigint references users on delete restrict,
    client_id bigint references clients on delete restrict,
    engagement_id bigint references engagements on delete restrict,
    -- Minor units (cents) of `currency`, like every amount in PesPro.
    hourly_minor bigint not null check (hourly_minor between 0 and 100000000),
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    effective_from date not null,
    created_by bigint references users on delete set null,
    created_at timestamptz not null default now(),
    -- Exactly the ids the scope names are set, so a row can't say
    -- "person rate" without a person or carry a stray client id that
    -- a reader might mistake for part of the scope.
    constraint rates_role_scope check ((role is not null) = (scope = 'role')),
    constraint rates_user_scope check ((user_id is not null) = (scope in ('person', 'engagement_person'))),
    constraint rates_client_scope check ((client_id is not null) = (scope = 'client')),
    constraint rates_engagement_scope
        check ((engagement_id is not null) = (scope in ('engagement', 'engagement_person')))
);

-- Pricing an entry reads only the rules that could match it (its currency,
-- then its engagement, person, client or role); per-firm rule counts are
-- small, so one index on the common filter is enough.
create index rates_currency_idx on rates (currency, kind);

-- The price an entry got when it was logged (or last re-priced while still
-- open), and which rule supplied it with the sentence saying why, so "why
-- this rate?" is answered from the entry itself, even after the rules
-- change. Null rate columns: no rule applied (the entry needs a rate before
-- it can be invoiced). Approved entries are never re-stamped.
alter table time_entries
    add column currency char(3) check (currency ~ '^[A-Z]{3}$'),
    add column billable_rate_minor bigint,
    add column billable_rate_id bigint references rates on delete restrict,
    add column billable_rate_explanation text,
    add column cost_rate_minor bigint,
    add column cost_rate_id bigint references rates on delete restrict,
    add column cost_rate_explanation text;
