-- Logos uploaded on the branding page (/settings/branding).
--
-- Kept in the firm's own schema, like receipts: only the firm's role reads
-- them, and a backup of the firm carries them. Each is named by the SHA-256
-- of its bytes, which is also its address (/logo/<digest>.<ext>): a new logo
-- is a new address, so browsers may cache one for ever. The platform
-- catalog's logo_url names the one in use; earlier ones stay, so a page
-- still open with an older address keeps its picture.
create table firm_logos (
    firm_logo_id bigint generated always as identity primary key,
    digest text not null unique check (digest ~ '^[0-9a-f]{64}$'),
    content_type text not null
        check (content_type in ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')),
    -- As checked on upload: raster files as sent, SVGs as re-written.
    bytes bytea not null check (octet_length(bytes) <= 524288),
    width integer not null check (width > 0),
    height integer not null check (height > 0),
    uploaded_by bigint references users on delete set null,
    uploaded_at timestamptz not null default now()
);
