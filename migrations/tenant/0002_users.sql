-- The firm's people. Roles are fixed (see pespro::access); what a firm
-- configures is who holds them.
create table users (
    user_id bigint generated always as identity primary key,
    email text not null check (length(email) between 3 and 254),
    display_name text not null check (length(display_name) between 1 and 100),
    role text not null check (role in ('employee', 'manager', 'admin')),
    -- Argon2id PHC string; null until the person sets a password (invited,
    -- or signing in only through the firm's identity provider).
    password_hash text,
    active boolean not null default true,
    -- Bumped whenever the person's credentials change. A session remembers
    -- the epoch it began in and is worthless once it differs, so changing a
    -- password signs the person out everywhere else.
    session_epoch integer not null default 0,
    created_at timestamptz not null default now(),
    deactivated_at timestamptz
);

-- One account per address within a firm, whatever the case.
create unique index users_email_key on users (lower(email));
