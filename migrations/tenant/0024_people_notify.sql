-- Every signed-in request checks that its person is still active, still
-- holds the same credentials epoch and which role they have. Each server
-- process now keeps the firm's active people in memory for that check
-- (src/firm_data, "people"), so it must hear at once of any change to
-- them, in every process: deactivation, a new role, a changed password
-- (a new session_epoch), a new name or time zone. This sends
-- "<schema>:users" on pespro_firm_data after any statement that changes
-- users, with the function 0016 made; PostgreSQL delivers it after commit
-- and never on rollback.
create trigger users_changed
    after insert or update or delete or truncate on users
    for each statement execute function firm_data_changed();
