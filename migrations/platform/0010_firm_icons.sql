-- A firm's tab icon (favicon), uploaded on the branding page beside its
-- logo. Like `logo_url` it names a file in the firm's own `firm_logos`
-- (`/logo/<sha256>.<ext>`); null shows the logo, or the platform's icon.
alter table platform.tenants add column icon_url text;
