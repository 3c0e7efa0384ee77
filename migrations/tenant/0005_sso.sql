-- The firm's own OpenID Connect provider, if it has one. One row at most:
-- the `singleton` key makes a second insert an update.
create table sso_settings (
    singleton boolean primary key default true check (singleton),
    -- Shown on the sign-in button: "Sign in with <provider_name>".
    provider_name text not null,
    issuer_url text not null,
    client_id text not null,
    -- Sealed with the server's key (pespro::secrets); never sent to a browser.
    client_secret_sealed bytea not null,
    -- Lowercase domains the provider may vouch for; at least one.
    allowed_domains text[] not null check (cardinality(allowed_domains) > 0),
    -- Role given to people created on their first single sign-on.
    default_role text not null check (default_role in ('employee', 'manager', 'admin')),
    -- When set, password sign-in is refused except for the break-glass account.
    require_sso boolean not null default false,
    break_glass_email text,
    updated_at timestamptz not null default now()
);

-- The provider's stable id for a person (`sub`), once they have signed in
-- through it. Matching on it, not the email, survives an address change.
alter table users add column sso_subject text;
create unique index users_sso_subject_key on users (sso_subject);
