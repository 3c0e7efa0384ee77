-- The schema every firm gets. It runs as the firm's own role with the firm's
-- schema as search_path, so nothing here names a schema: the same file builds
-- every firm, and the firm's role owns what it creates.

-- Firm-wide settings, one JSON value per key (defaults are written when the
-- firm is provisioned).
create table firm_settings (
    setting_key text primary key,
    value jsonb not null,
    updated_at timestamptz not null default now()
);

create table clients (
    client_id bigint generated always as identity primary key,
    name text not null check (length(name) between 1 and 120),
    currency char(3) not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
    archived_at timestamptz,
    created_at timestamptz not null default now()
);

-- Names are unique per firm regardless of case, so "ACME" and "Acme" are one.
create unique index clients_name_key on clients (lower(name));

-- Engagements are the projects or matters a firm works on for a client.
create table engagements (
    engagement_id bigint generated always as identity primary key,
    client_id bigint not null references clients on delete restrict,
    code text not null unique,
    name text not null check (length(name) between 1 and 200),
    status text not null default 'active' check (status in ('active', 'closed')),
    created_at timestamptz not null default now()
);

create index engagements_client_id_idx on engagements (client_id);
