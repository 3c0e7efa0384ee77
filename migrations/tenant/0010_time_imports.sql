-- Imports of time from other tools' exports (Harvest, Toggl; see
-- pespro::import).
--
-- The uploaded file is kept in its batch row (text, at most 10 MiB, checked
-- at upload): the preview is worked out from it again on every view, so it
-- reflects people invited since, and the import reads exactly the file that
-- was previewed.
create table import_batches (
    import_batch_id bigint generated always as identity primary key,
    file_name text not null check (length(file_name) <= 255),
    content text not null,
    uploaded_by bigint not null references users on delete restrict,
    uploaded_at timestamptz not null default now(),
    -- Set once the batch is imported, with what happened, for the summary.
    imported_at timestamptz,
    imported_count integer,
    skipped_count integer,
    error_count integer
);

-- Duplicates are refused by a unique key on the entries themselves rather
-- than in a separate ledger: the check and the insert are then one statement
-- (`on conflict do nothing`), safe against two imports at once, and the key
-- goes wherever the entry goes. It is the row's content key (neither tool
-- exports an entry id), so the same file, or a newer export overlapping an
-- older one, adds only entries not already here. Time logged in PesPro has
-- no key; the partial index ignores it.
alter table time_entries
    add column import_key text,
    add column import_batch_id bigint references import_batches on delete set null;

create unique index time_entries_import_key on time_entries (import_key) where import_key is not null;
