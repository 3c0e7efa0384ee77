-- Custom domains a firm adds itself and proves through DNS (src/domains).
--
-- Until now a hostname was added only by an operator (`pespro tenant
-- add-host`), who had checked ownership some other way; such rows stay as
-- they were: verified, vouched for by the operator, never looked at by DNS.
-- A firm's own domain starts pending with a random token (the TXT record's
-- value) and is served only once DNS proved it (verified, then active once
-- the edge holds a certificate for it).
alter table platform.tenant_hostnames
    add column status text not null default 'verified'
        check (status in ('pending', 'verified', 'active', 'failed')),
    add column added_by text not null default 'operator' check (added_by in ('operator', 'firm')),
    add column token text,
    -- Checks since the domain was last proven, and since when it is not.
    add column attempts integer not null default 0,
    add column unproven_since timestamptz,
    -- When the background check looks again; null: only "Check now".
    add column next_check_at timestamptz,
    add column checked_at timestamptz,
    -- Why the last check did not prove it, as shown to the firm.
    add column reason text,
    -- The address links and redirects use (only while served).
    add column is_primary boolean not null default false,
    add constraint tenant_hostnames_firm_has_token check (added_by = 'operator' or token is not null);

-- Several firms may claim a name while none has proved it (so nobody can
-- hold a domain hostage by adding it first); only one can be served. The
-- unique index is what decides a race between two proofs.
alter table platform.tenant_hostnames drop constraint tenant_hostnames_pkey;
alter table platform.tenant_hostnames add primary key (hostname, tenant_id);
create unique index tenant_hostnames_served_once on platform.tenant_hostnames (hostname)
    where status in ('verified', 'active');
create unique index tenant_hostnames_one_primary on platform.tenant_hostnames (tenant_id) where is_primary;

-- The background check's queue: due firm domains, oldest first.
create index tenant_hostnames_due_idx on platform.tenant_hostnames (next_check_at)
    where next_check_at is not null;

-- Every check writes its row; only what changes what is served (status,
-- primary) should make every process reload its firms.
drop trigger tenant_hostnames_changed on platform.tenant_hostnames;
create trigger tenant_hostnames_added_or_removed
    after insert or delete on platform.tenant_hostnames
    for each statement execute function platform.notify_tenants_changed();
create trigger tenant_hostnames_served_changed
    after update on platform.tenant_hostnames
    for each row
    when (old.status is distinct from new.status or old.is_primary is distinct from new.is_primary
          or old.hostname is distinct from new.hostname or old.tenant_id is distinct from new.tenant_id)
    execute function platform.notify_tenants_changed();
