-- Expenses: what people spent for an engagement, with an optional receipt.

create table expenses (
    expense_id bigint generated always as identity primary key,
    user_id bigint not null references users,
    engagement_id bigint not null references engagements,
    spent_on date not null,
    -- Minor units of `currency` (cents for EUR), never floating point.
    amount_minor bigint not null check (amount_minor > 0),
    currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
    -- The fixed list of pespro::expenses::ExpenseCategory.
    category text not null
        check (category in ('travel', 'meals', 'lodging', 'supplies', 'software', 'other')),
    billable boolean not null default true,
    notes text not null default '' check (length(notes) <= 500),
    -- Every expense starts as a draft; the approval engine (issue #4,
    -- part 7) moves it on.
    status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'rejected')),
    created_at timestamptz not null default now()
);

-- "My expenses", newest first.
create index expenses_user_idx on expenses (user_id, spent_on desc, expense_id desc);
create index expenses_engagement_idx on expenses (engagement_id);

-- The receipt's bytes live in the firm's own schema, so the same role and
-- schema isolation that guards every other row guards them; a separate
-- table keeps listing expenses from reading files. The type is what the
-- server detected from the bytes, never what the browser claimed.
create table expense_receipts (
    expense_id bigint primary key references expenses on delete cascade,
    content_type text not null
        check (content_type in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
    content bytea not null check (octet_length(content) between 1 and 5242880),
    uploaded_at timestamptz not null default now()
);
