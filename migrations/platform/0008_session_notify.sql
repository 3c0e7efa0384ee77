-- Each server process keeps the sessions it serves in memory
-- (src/session_cache) and must drop one the moment it changes or ends, in
-- every process: a signed-out or rotated session must not be usable on any
-- of them. This trigger tells them: every update or deletion of a session
-- sends the SHA-256 of its id (never the id itself, which is a bearer
-- secret) on the channel pespro_sessions, delivered after commit.
--
-- The table is the one tower-sessions' PostgreSQL store makes at startup
-- (same columns); it is made here too so the trigger has a table to hang on
-- before any server has started, and the store's own `if not exists` then
-- finds it. Inserts need no word: no process can hold a session that did
-- not exist. Deleting expired sessions needs none either: no process
-- serves an expired one from memory.

create schema if not exists tower_sessions;

create table if not exists tower_sessions.session (
    id text primary key not null,
    data bytea not null,
    expiry_date timestamptz not null
);

create function platform.session_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and old.expiry_date <= now() then
        return null;
    end if;
    perform pg_notify('pespro_sessions', encode(sha256(convert_to(old.id, 'UTF8')), 'hex'));
    return null;
end
$$;

create trigger session_changed
    after update or delete on tower_sessions.session
    for each row execute function platform.session_changed();
