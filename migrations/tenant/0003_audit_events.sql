-- The firm's audit trail (pespro::audit): sign-ins, sign-outs, role changes,
-- deactivations and, as they are built, every change to people and
-- settings. Rows are only added.
create table audit_events (
    audit_event_id bigint generated always as identity primary key,
    occurred_at timestamptz not null default now(),
    -- The person, when known; kept as text too, so the trail still reads
    -- after an account is gone (and names the email a failed attempt typed).
    actor_user_id bigint references users on delete set null,
    actor_label text not null,
    action text not null,
    -- Whom or what the action was about (a person's email), and how.
    subject text not null default '',
    detail text not null default '',
    client_address inet
);
