-- What an impersonation grant allows beyond acting as the person: changing
-- the firm's money and approval rules (workflow policies, rates, imports,
-- reopening weeks) is refused while impersonating unless the staff member
-- asked for it on the console, where it is recorded with the reason.
alter table platform.impersonation_grants
    add column may_change_money_rules boolean not null default false;
