-- Platform staff: the people who run PesPro itself, not members of any firm.
-- They sign in only on the admin host, always with a password and a TOTP
-- code (RFC 6238), and may impersonate a firm's person for support, with a
-- stated reason, through a short-lived single-use grant. No tenant role is
-- granted anything here (see 0001), so no firm can read who the staff are.
create table platform.staff (
    staff_id bigint generated always as identity primary key,
    email text not null,
    display_name text not null,
    -- Argon2id PHC string, as for a firm's people.
    password_hash text not null,
    -- The TOTP key (base32) sealed with the server key (pespro::secrets),
    -- set when enrolment is confirmed (null before). It is shown once, on
    -- the enrolment page, and never sent to a client again.
    totp_secret bytea,
    totp_enrolled_at timestamptz,
    -- The 30-second step of the last accepted code: a code is refused unless
    -- its step is later, so an observed code cannot be replayed.
    last_totp_step bigint,
    created_at timestamptz not null default now(),
    check ((totp_secret is null) = (totp_enrolled_at is null))
);

-- One account per address, whatever its case.
create unique index staff_email_key on platform.staff (lower(email));

-- What staff did: sign-ins (and refusals, with the email typed), TOTP
-- enrolment, impersonation start and end. The firm's own audit_events gets
-- its copy of impersonation too, so each side can read its own trail.
create table platform.platform_audit_events (
    platform_audit_event_id bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    staff_id bigint references platform.staff on delete set null,
    -- The staff email, or the one typed in a refused attempt.
    actor_label text not null,
    action text not null,
    tenant_id bigint references platform.tenants on delete set null,
    -- A person in tenant_id's schema (no foreign key can reach there).
    user_id bigint,
    reason text not null default '',
    detail text not null default '',
    client_address inet
);

create index platform_audit_events_staff_id_idx on platform.platform_audit_events (staff_id);
create index platform_audit_events_tenant_id_idx on platform.platform_audit_events (tenant_id);

-- A staff member's permission to become one person of one firm, handed to
-- the firm's host in a link. Only the SHA-256 of the random token is kept;
-- it works once (used_at) and only briefly (expires_at).
create table platform.impersonation_grants (
    token_hash text primary key,
    staff_id bigint not null references platform.staff on delete cascade,
    tenant_id bigint not null references platform.tenants on delete cascade,
    user_id bigint not null,
    reason text not null check (length(reason) between 1 and 500),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz
);

create index impersonation_grants_staff_id_idx on platform.impersonation_grants (staff_id);
create index impersonation_grants_tenant_id_idx on platform.impersonation_grants (tenant_id);
