-- Invoicing (#11): invoices and their lines, the counters that number them,
-- payments, a firm's tax rates, and the links that mark time and expenses
-- as invoiced. The rules (numbering, taxes, statuses) are pure Rust in
-- pespro::invoice; these tables store their inputs and answers.

-- A short code per client, for invoice numbers such as INV/ACME/007. Existing
-- clients get one from their name and id (unique by construction); new
-- clients get the same from the trigger below unless one is given.
alter table clients
    add column code text check (code ~ '^[A-Z0-9-]{1,12}$'),
    -- Which taxes apply: the firm's default set, the client's own set
    -- (client_tax_rates), or none.
    add column tax_mode text not null default 'firm' check (tax_mode in ('firm', 'own', 'exempt')),
    add column invoice_notes text not null default '' check (length(invoice_notes) <= 1000);

update clients
set code = left(upper(regexp_replace(name, '[^A-Za-z0-9]', '', 'g')), 6) || client_id;

create function clients_default_code() returns trigger language plpgsql as $$
begin
    if new.code is null then
        new.code := left(upper(regexp_replace(new.name, '[^A-Za-z0-9]', '', 'g')), 6) || new.client_id;
    end if;
    return new;
end
$$;

create trigger clients_default_code before insert on clients
    for each row execute function clients_default_code();

alter table clients alter column code set not null;
create unique index clients_code_key on clients (code);

-- A retainer's included hours per period, and whether time beyond them is
-- billed (the fee per period is engagements.fee_minor).
alter table engagements
    add column retainer_minutes integer check (retainer_minutes > 0),
    add column bill_overage boolean not null default false;

-- Named rates in thousandths of a percent (20 % = 20000). Rows are archived,
-- never deleted: invoices copy the name and rate they used.
create table tax_rates (
    tax_rate_id bigint generated always as identity primary key,
    name text not null check (length(name) between 1 and 40),
    rate_thousandths integer not null check (rate_thousandths between 0 and 100000),
    -- Part of the firm's default set (for clients with tax_mode 'firm').
    is_default boolean not null default false,
    archived_at timestamptz,
    created_at timestamptz not null default now()
);

create table client_tax_rates (
    client_id bigint not null references clients on delete cascade,
    tax_rate_id bigint not null references tax_rates on delete restrict,
    primary key (client_id, tax_rate_id)
);

create table invoices (
    invoice_id bigint generated always as identity primary key,
    kind text not null default 'invoice' check (kind in ('invoice', 'credit_note')),
    -- A credit note names the invoice it corrects.
    credits_invoice_id bigint references invoices on delete restrict,
    client_id bigint not null references clients on delete restrict,
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    status text not null default 'draft' check (status in
        ('draft', 'awaiting_approval', 'approved', 'sent', 'partially_paid', 'paid', 'void')),
    -- Assigned when approved, inside that transaction (invoice_counters).
    number text,
    period_from date not null,
    period_to date not null check (period_to >= period_from),
    issued_on date,
    due_on date,
    -- pespro::invoice::PaymentTerms and settings as they were when drafted.
    terms jsonb not null,
    design text not null check (design in ('classic', 'modern', 'compact')),
    show_hours boolean not null default true,
    show_rates boolean not null default true,
    notes text not null default '' check (length(notes) <= 1000),
    footer text not null default '' check (length(footer) <= 500),
    payment_details text not null default '' check (length(payment_details) <= 500),
    -- The tax rates that apply, copied when drafted: [{name, rate}].
    taxes jsonb not null default '[]',
    -- Kept in step with the lines by every write (pespro::invoice::tax::totals).
    subtotal_minor bigint not null default 0,
    tax_minor bigint not null default 0,
    total_minor bigint not null default 0,
    paid_minor bigint not null default 0 check (paid_minor >= 0),
    created_by bigint not null references users on delete restrict,
    -- Who submitted it for approval (the engine's submitter; the drafter
    -- may not approve either).
    submitted_by bigint references users on delete restrict,
    -- The approval engine's bookkeeping, as on timesheets and expenses.
    policy_version integer,
    round integer not null default 0,
    submitted_at timestamptz,
    approved_at timestamptz,
    sent_at timestamptz,
    voided_at timestamptz,
    void_reason text not null default '' check (length(void_reason) <= 500),
    -- What the draft left out and why (entries without a rate, a fee
    -- already invoiced), shown on the draft: one sentence per line.
    left_out text not null default '' check (length(left_out) <= 2000),
    -- SHA-256 of the client's link token (the token itself is only ever in
    -- the email); cleared to revoke the link.
    client_token_sha256 bytea unique,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint invoices_numbered_when_final check ((number is null) = (status in ('draft', 'awaiting_approval'))),
    constraint invoices_paid_at_most_total check (paid_minor <= greatest(total_minor, 0))
);

-- A number is never given twice within a series.
create unique index invoices_number_key on invoices (kind, number);
create index invoices_client_idx on invoices (client_id);
-- The list filters by status; the receivables page reads open invoices.
create index invoices_status_idx on invoices (status, invoice_id desc);

create table invoice_lines (
    invoice_line_id bigint generated always as identity primary key,
    invoice_id bigint not null references invoices on delete cascade,
    position integer not null,
    kind text not null check (kind in ('time', 'expense', 'fixed_fee', 'retainer', 'overage', 'free')),
    engagement_id bigint references engagements on delete restrict,
    description text not null check (length(description) between 1 and 300),
    detail text not null default '' check (length(detail) <= 300),
    -- Time in minutes, anything else in hundredths of a unit.
    quantity_minutes integer check (quantity_minutes >= 0),
    quantity_hundredths bigint check (quantity_hundredths > 0),
    rate_minor bigint,
    amount_minor bigint not null,
    -- The work's value at its rates (for realization); amount differs only
    -- with a reason.
    worked_minor bigint not null default 0,
    adjustment_reason text not null default '' check (length(adjustment_reason) <= 300),
    taxable boolean not null default true,
    constraint invoice_lines_one_quantity check ((quantity_minutes is null) <> (quantity_hundredths is null))
);

create index invoice_lines_invoice_idx on invoice_lines (invoice_id, position);

-- Time and expenses billed by a line. A draft holds them too, so two drafts
-- never bill the same work; deleting the draft or voiding the invoice
-- releases them.
alter table time_entries add column invoice_line_id bigint references invoice_lines on delete set null;
alter table expenses add column invoice_line_id bigint references invoice_lines on delete set null;
create index time_entries_invoice_line_idx on time_entries (invoice_line_id) where invoice_line_id is not null;
create index expenses_invoice_line_idx on expenses (invoice_line_id) where invoice_line_id is not null;

-- Invoiced work is final: the database itself refuses to change or delete
-- an entry or expense while a line bills it (whatever code path tries).
create function invoiced_work_is_final() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.invoice_line_id is not null then
            raise exception 'invoiced work cannot be deleted' using errcode = 'P0001', hint = 'invoiced';
        end if;
        return old;
    end if;
    -- Linking and unlinking are how invoicing marks and releases work.
    if old.invoice_line_id is not null and new.invoice_line_id is not distinct from old.invoice_line_id then
        raise exception 'invoiced work cannot be changed' using errcode = 'P0001', hint = 'invoiced';
    end if;
    return new;
end
$$;

create trigger time_entries_invoiced_final before update or delete on time_entries
    for each row execute function invoiced_work_is_final();
create trigger expenses_invoiced_final before update or delete on expenses
    for each row execute function invoiced_work_is_final();

-- One row per counter (pespro::invoice::NumberPattern::counter_key). The
-- finalizing transaction increments its row and keeps it locked until it
-- commits, so numbers are consecutive and a rollback gives the number back.
create table invoice_counters (
    series text not null check (series in ('invoice', 'credit_note')),
    counter_key text not null,
    last_value bigint not null check (last_value > 0),
    primary key (series, counter_key)
);

create table invoice_payments (
    invoice_payment_id bigint generated always as identity primary key,
    invoice_id bigint not null references invoices on delete restrict,
    paid_on date not null,
    amount_minor bigint not null check (amount_minor > 0),
    -- 'credit_note': a credit note applied to what the invoice still owed.
    method text not null check (method in ('bank_transfer', 'card', 'cheque', 'cash', 'other', 'credit_note')),
    reference text not null default '' check (length(reference) <= 100),
    recorded_by bigint not null references users on delete restrict,
    recorded_at timestamptz not null default now()
);

create index invoice_payments_invoice_idx on invoice_payments (invoice_id);

