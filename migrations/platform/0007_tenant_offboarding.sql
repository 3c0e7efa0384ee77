-- When a firm was suspended: `pespro tenant delete` removes a firm only after
-- it has stayed suspended for the retention period (30 days unless the
-- operator says otherwise). Resuming clears it. Firms suspended before this
-- migration count from now.
alter table platform.tenants add column suspended_at timestamptz;
update platform.tenants set suspended_at = now() where status = 'suspended';
