-- Each server process keeps some of a firm's slowly-changing data in memory
-- (src/firm_data) and must drop it the moment it changes, in every process.
-- This trigger tells them: any statement that changes firm_settings sends
-- "<schema>:firm_settings" on the channel pespro_firm_data. PostgreSQL
-- delivers it only after the transaction commits, and never on rollback,
-- so a process never drops data for a change that did not happen, nor hears
-- of one before it can read it. A table whose data a new cache keeps gets
-- the same trigger in a later migration.

create function firm_data_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('pespro_firm_data', tg_table_schema || ':' || tg_table_name);
    return null;
end
$$;

create trigger firm_settings_changed
    after insert or update or delete or truncate on firm_settings
    for each statement execute function firm_data_changed();
