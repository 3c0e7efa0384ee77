-- Single-use links sent by email: password resets now, invitations next.
-- Only a SHA-256 of the token is stored, so a leaked table opens nothing.
create table account_tokens (
    token_hash text primary key,
    user_id bigint not null references users on delete cascade,
    purpose text not null check (purpose in ('reset_password', 'invitation')),
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
);

create index account_tokens_user_id_idx on account_tokens (user_id);
