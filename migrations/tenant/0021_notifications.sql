-- Notifications (#19): what waits for someone, what happened to what they
-- submitted, who accepted their invitation. One row per person told; the
-- header counts the unread ones and the notifications page lists them.
-- Email follows each person's choice: at once, in a daily digest, or never.
-- `emailed_at` is when their email was dealt with (sent, or not wanted):
-- rows still null are what the mail worker has left to do, so a message
-- interrupted by a crash or a refused SMTP server is sent on a later pass.

-- How each person wants to hear by email.
alter table users add column email_notifications text not null default 'immediate'
    check (email_notifications in ('immediate', 'daily', 'none'));

-- Who invited them, to tell that person when they join.
alter table users add column invited_by bigint references users on delete set null;

create table notifications (
    notification_id bigserial primary key,
    -- The person told.
    user_id bigint not null references users on delete cascade,
    kind text not null check (kind in (
        'week_waiting', 'week_approved', 'week_sent_back',
        'expense_waiting', 'expense_approved', 'expense_sent_back',
        'invitation_accepted')),
    -- Who did what caused it (the submitter, the approver, the new member).
    actor_id bigint references users on delete set null,
    -- What it is about, as named when it happened ("2026-W48",
    -- "Taxi to the client, 42.00 USD"): names change, a notice does not.
    about text not null,
    -- Where to look, a path within the firm's site.
    link text not null,
    -- The reason given when something was sent back.
    comment text not null default '',
    created_at timestamptz not null default now(),
    read_at timestamptz,
    emailed_at timestamptz,
    -- Failed sends so far; the worker gives up after a few.
    email_attempts integer not null default 0
);

-- A person's list, newest first, and their unread count.
create index notifications_by_person on notifications (user_id, created_at desc);
-- What the mail worker still has to deal with.
create index notifications_not_emailed on notifications (created_at) where emailed_at is null;

-- The header's unread counts are kept in each server's memory
-- (src/firm_data): any change drops them, as for firm_settings (0016).
create trigger notifications_changed
    after insert or update or delete or truncate on notifications
    for each statement execute function firm_data_changed();

-- New notifications wake the mail worker of some server process (any one:
-- rows are taken with `skip locked`). The payload is the firm's schema.
create function notifications_added() returns trigger language plpgsql as $$
begin
    perform pg_notify('pespro_mail', tg_table_schema);
    return null;
end
$$;

create trigger notifications_to_mail
    after insert on notifications
    for each statement execute function notifications_added();

-- Joining (a first password or single sign-on sets joined_at, whichever
-- path it took) tells whoever invited them. The table is named with the
-- firm's schema: a script or a restore may run without the tenant
-- transaction's search_path.
create function invitation_accepted() returns trigger language plpgsql as $$
begin
    execute format('insert into %I.notifications (user_id, kind, actor_id, about, link)
                    values ($1, ''invitation_accepted'', $2, $3, ''/people'')', tg_table_schema)
        using new.invited_by, new.user_id, new.display_name;
    return null;
end
$$;

create trigger invitation_accepted
    after update of joined_at on users
    for each row
    when (old.joined_at is null and new.joined_at is not null and new.invited_by is not null)
    execute function invitation_accepted();
