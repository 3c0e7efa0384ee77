-- Feature flags and plan entitlements: what each firm pays for, and what
-- PesPro staff changed for one firm. Flag resolution itself is a pure
-- function (pespro::flags); these are two of its inputs. The third, the
-- firm's own narrowing, lives in the firm's `firm_settings` (key
-- `flag.<key>`), where the firm's role can write it.
--
-- Both are read into every server's in-memory tenant registry, so a request
-- knows its firm's plan and overrides without a platform query (firm roles
-- cannot read this schema at all).

-- Existing firms start on Team, the plan PesPro sells by default.
alter table platform.tenants
    add column plan text not null default 'team' check (plan in ('starter', 'team', 'enterprise'));

-- One staff override per firm and flag, replacing the plan's value (up or
-- down): a trial of a feature, a negotiated seat count. The value uses the
-- flags' stored form ('on', 'off', 'unlimited' or a whole number), checked
-- against the flag's kind by the code; a value of the wrong kind is ignored
-- by the resolution, so a bad row can never switch on a paid feature.
create table platform.tenant_flag_overrides (
    tenant_id bigint not null references platform.tenants on delete cascade,
    flag_key text not null check (flag_key ~ '^[a-z][a-z0-9_]*$'),
    value text not null check (value ~ '^(on|off|unlimited|[0-9]{1,9})$'),
    -- Why, in the staff member's words: shown on the console and recorded
    -- in both audit trails.
    reason text not null check (length(btrim(reason)) between 1 and 500),
    set_by_staff_id bigint references platform.staff on delete set null,
    -- The staff email at the time, kept when the account is deleted.
    set_by text not null,
    set_at timestamptz not null default now(),
    primary key (tenant_id, flag_key)
);

-- A change of override reloads every server's registry, as a change of plan
-- does through tenants_changed (0001).
create trigger tenant_flag_overrides_changed
    after insert or update or delete on platform.tenant_flag_overrides
    for each statement execute function platform.notify_tenants_changed();
