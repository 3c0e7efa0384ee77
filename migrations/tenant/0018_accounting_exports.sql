-- Accounting hand-off (#12): batches of finalized invoices, credit notes and
-- payments written for the firm's accounting system. The firm's mapping
-- (target, accounts, tax codes) is one JSON value in firm_settings under
-- 'accounting'; the rules and writers are pure Rust in pespro::accounting.

create table export_batches (
    export_batch_id bigint generated always as identity primary key,
    target text not null check (target in ('xero', 'quickbooks_online', 'quickbooks_desktop', 'datev', 'journal')),
    -- The period asked for; both null for "everything not yet exported".
    period_from date,
    period_to date check (period_to >= period_from),
    -- The mapping as it was used, so the batch explains itself later.
    mapping jsonb not null,
    created_by bigint not null references users on delete restrict,
    created_at timestamptz not null default now(),
    -- Why documents already exported were deliberately exported again
    -- (empty for an ordinary batch).
    reexport_reason text not null default '' check (length(reexport_reason) <= 500)
);

-- The files exactly as written: downloading a batch again gives these bytes.
create table export_batch_files (
    export_batch_id bigint not null references export_batches on delete restrict,
    position integer not null,
    name text not null check (name ~ '^[A-Za-z0-9._-]{1,120}$'),
    bytes bytea not null,
    sha256 bytea not null check (octet_length(sha256) = 32),
    primary key (export_batch_id, position)
);

-- Which documents a batch carried, as themselves or as the reversal of a
-- void that followed their export.
create table export_batch_documents (
    export_batch_id bigint not null references export_batches on delete restrict,
    invoice_id bigint not null references invoices on delete restrict,
    as_reversal boolean not null default false,
    deliberate boolean not null default false,
    primary key (export_batch_id, invoice_id, as_reversal)
);

-- Never twice by accident: PostgreSQL itself refuses a second ordinary
-- export of a document (or of its reversal), whatever code path tries and
-- however two exports race; only a deliberate re-export (with a reason, on
-- the batch) may carry it again.
create unique index export_batch_documents_once
    on export_batch_documents (invoice_id, as_reversal) where not deliberate;

create table export_batch_payments (
    export_batch_id bigint not null references export_batches on delete restrict,
    invoice_payment_id bigint not null references invoice_payments on delete restrict,
    deliberate boolean not null default false,
    primary key (export_batch_id, invoice_payment_id)
);

create unique index export_batch_payments_once
    on export_batch_payments (invoice_payment_id) where not deliberate;

-- Month-end packs, prepared in the background with their progress here (so
-- any server process can show it and serve the zip); kept a week.
create table accounting_packs (
    accounting_pack_id bigint generated always as identity primary key,
    period_from date not null,
    period_to date not null check (period_to >= period_from),
    requested_by bigint not null references users on delete restrict,
    requested_at timestamptz not null default now(),
    -- Invoices and credit notes to draw as PDF, and drawn so far.
    total integer not null check (total >= 0),
    done integer not null default 0 check (done between 0 and total),
    status text not null default 'running' check (status in ('running', 'ready', 'failed')),
    -- Bumped with every PDF drawn: a pack running but not heard of for a
    -- minute was abandoned (its server process stopped) and shows as failed.
    touched_at timestamptz not null default now(),
    bytes bytea,
    constraint accounting_packs_ready_has_bytes check ((status = 'ready') = (bytes is not null))
);
