-- Expenses go through the same approval engine as timesheets: like a
-- timesheet, an expense keeps the policy version it was submitted under and
-- counts its submissions in rounds; its decisions are approval_decisions
-- rows with document_kind 'expense'.
alter table expenses
    add column policy_version integer,
    add column round integer not null default 0,
    add column submitted_at timestamptz;

-- The inbox reads every submitted expense.
create index expenses_submitted_idx on expenses (status) where status = 'submitted';
