-- What firms record about a client beyond its name, and how an engagement
-- is billed and budgeted: what the client page and the engagement page edit.
-- Existing rows get neutral defaults (empty text, hourly, no budget), which
-- is what they meant before these columns existed.

alter table clients
    add column billing_address text not null default '' check (length(billing_address) <= 500),
    add column tax_id text not null default '' check (length(tax_id) <= 40),
    add column notes text not null default '' check (length(notes) <= 2000);

alter table engagements
    add column billing_model text not null default 'hourly'
        check (billing_model in ('hourly', 'fixed_fee', 'retainer', 'non_billable')),
    -- The engagement's own currency; null means the client's.
    add column currency char(3) check (currency ~ '^[A-Z]{3}$'),
    -- A budget is in hours or in money, never both (see pespro::engagement).
    add column budget_minutes integer check (budget_minutes > 0),
    add column budget_minor bigint check (budget_minor > 0),
    -- The fixed fee, or the retainer's amount per period.
    add column fee_minor bigint check (fee_minor >= 0),
    add column retainer_period text check (retainer_period in ('month', 'quarter', 'year')),
    add column starts_on date,
    add column ends_on date,
    add column owner_id bigint references users on delete set null,
    add constraint engagements_one_budget check (budget_minutes is null or budget_minor is null),
    add constraint engagements_dates_in_order check (ends_on is null or starts_on is null or ends_on >= starts_on);

-- Who works on an engagement (the owner is responsible for it; members are
-- the people staffed on it).
create table engagement_members (
    engagement_id bigint not null references engagements on delete cascade,
    user_id bigint not null references users on delete cascade,
    primary key (engagement_id, user_id)
);
