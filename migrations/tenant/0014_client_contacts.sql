-- The people at a client a firm deals with (pespro::contact). Only the
-- name is required; an empty email, phone or role is stored as ''.
-- Removing a client's contact deletes the row: nothing refers to it yet.
create table client_contacts (
    client_contact_id bigint generated always as identity primary key,
    client_id bigint not null references clients on delete cascade,
    name text not null check (length(name) between 1 and 120),
    email text not null default '' check (length(email) <= 254),
    phone text not null default '' check (length(phone) <= 40),
    role text not null default '' check (length(role) <= 80),
    created_at timestamptz not null default now()
);

-- The client page lists a client's contacts.
create index client_contacts_client_idx on client_contacts (client_id);
