-- "My week" and the expenses page offer the firm's open engagements, with
-- their clients' names, on every view. Each server process now keeps that
-- list in memory (src/firm_data, "engagements"), so it must hear of any
-- change to engagements (a new one, a new name or code, one closed or
-- deleted) or to clients (renamed, archived) in every process. These send
-- "<schema>:engagements" and "<schema>:clients" on pespro_firm_data after
-- any statement that changes them, with the function 0016 made; PostgreSQL
-- delivers them after commit and never on rollback.
create trigger engagements_changed
    after insert or update or delete or truncate on engagements
    for each statement execute function firm_data_changed();

create trigger clients_changed
    after insert or update or delete or truncate on clients
    for each statement execute function firm_data_changed();
