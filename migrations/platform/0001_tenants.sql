-- The control plane: the firms living on this platform, the hostnames they
-- answer on, and the migration state of each firm's own schema.
--
-- The `platform` schema itself and `platform.platform_migrations` are created
-- by the migration runner before this file runs (it needs them to record it).
-- No tenant role is ever granted anything here: a firm's transaction cannot
-- read the list of firms, let alone another firm's theme or hostnames.
revoke all on schema platform from public;

create table platform.tenants (
    tenant_id bigint generated always as identity primary key,
    slug text not null unique,
    display_name text not null,
    status text not null default 'active' check (status in ('active', 'suspended')),
    -- Both names are derived from tenant_id by the provisioning code, never
    -- from user input, and are unique across the database.
    schema_name text not null unique,
    role_name text not null unique,
    -- The highest tenant migration applied to schema_name. Comparing it with
    -- the embedded migration list is what makes a no-op run a single query.
    schema_version integer not null default 0,
    primary_colour text not null check (primary_colour ~ '^#[0-9a-f]{6}$'),
    accent_colour text not null check (accent_colour ~ '^#[0-9a-f]{6}$'),
    logo_url text,
    -- Who the firm's first administrator will be once sign-in exists.
    admin_email text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create index tenants_behind_idx on platform.tenants (schema_version);

-- Custom domains a firm answers on, besides <slug>.<base domain>.
create table platform.tenant_hostnames (
    hostname text primary key check (hostname = lower(hostname)),
    tenant_id bigint not null references platform.tenants on delete cascade,
    created_at timestamptz not null default now()
);

create index tenant_hostnames_tenant_id_idx on platform.tenant_hostnames (tenant_id);

-- One row per firm and tenant migration: when it ran, how long it took, and
-- the error if it failed (finished_at stays null until it succeeds).
create table platform.tenant_migrations (
    tenant_id bigint not null references platform.tenants on delete cascade,
    version integer not null,
    name text not null,
    checksum text not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    duration_ms bigint,
    error text,
    primary key (tenant_id, version)
);

-- Every server process keeps the firms in memory and reloads them when told
-- on this channel, so a new firm or hostname is served at once everywhere.
create function platform.notify_tenants_changed() returns trigger
language plpgsql as $$
begin
    perform pg_notify('pespro_tenants', tg_table_name);
    return null;
end;
$$;

create trigger tenants_changed
    after insert or update or delete on platform.tenants
    for each statement execute function platform.notify_tenants_changed();

create trigger tenant_hostnames_changed
    after insert or update or delete on platform.tenant_hostnames
    for each statement execute function platform.notify_tenants_changed();
