//! A firm's branding as its admins change it from the branding page. The
//! row lives in the platform catalog (`platform.tenants`: the registry
//! serves it to every request without entering the firm's schema), but it
//! is the firm's own: the change is keyed by the firm the request is for,
//! and written in the same transaction as the firm's audit entry, which the
//! caller adds to the returned tenant transaction before committing.
//! The catalog's change trigger tells every server process. An uploaded
//! logo's bytes are the firm's own data and live in its schema
//! (`firm_logos`), written in the same transaction as the catalog's address.

use crate::brand::form::Branding;
use crate::brand::logo::{CheckedLogo, LogoKind};
use crate::brand::{DEFAULT_ACCENT, DEFAULT_PRIMARY, DisplayName, LogoUrl, Theme};
use crate::colour::HexColour;
use crate::db::{Database, TenantHandle, TenantTx};

#[derive(sqlx::FromRow)]
struct ThemeRow {
    display_name: String,
    primary_colour: String,
    accent_colour: String,
    logo_url: Option<String>,
}

impl ThemeRow {
    fn into_theme(self) -> Option<Theme> {
        Some(Theme {
            display_name: DisplayName::parse(&self.display_name).ok()?,
            primary: HexColour::parse(&self.primary_colour).unwrap_or(DEFAULT_PRIMARY),
            accent: HexColour::parse(&self.accent_colour).unwrap_or(DEFAULT_ACCENT),
            logo: self.logo_url.as_deref().and_then(|url| LogoUrl::parse(url).ok()),
        })
    }
}

const THEME_COLUMNS: &str = "display_name, primary_colour, accent_colour, logo_url";

/// The firm's branding as stored now (the registry's copy may be a
/// notification behind, and the page shows what a save would change).
pub async fn stored_theme(db: &Database, firm: &TenantHandle) -> Result<Option<Theme>, sqlx::Error> {
    let row: Option<ThemeRow> =
        sqlx::query_as(&format!("select {THEME_COLUMNS} from platform.tenants where tenant_id = $1"))
            .bind(firm.tenant_id().0)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.and_then(ThemeRow::into_theme))
}

/// Stores `branding` for `firm` and hands back the transaction, now
/// confined to the firm, with the theme as it was before: the caller
/// writes the audit entry and commits both. The old row is locked first,
/// so two admins saving at once are told each other's change in order.
pub async fn save_theme(
    db: &Database,
    firm: &TenantHandle,
    branding: &Branding,
) -> Result<Option<(TenantTx, Theme)>, sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let before: Option<ThemeRow> =
        sqlx::query_as(&format!("select {THEME_COLUMNS} from platform.tenants where tenant_id = $1 for update"))
            .bind(firm.tenant_id().0)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(before) = before.and_then(ThemeRow::into_theme) else {
        return Ok(None);
    };
    sqlx::query(
        "update platform.tenants
         set display_name = $2, primary_colour = $3, accent_colour = $4, updated_at = now()
         where tenant_id = $1",
    )
    .bind(firm.tenant_id().0)
    .bind(branding.display_name.as_str())
    .bind(branding.primary.to_string())
    .bind(branding.accent.to_string())
    .execute(&mut *tx)
    .await?;
    Ok(Some((TenantTx::enter_after(tx, firm).await?, before)))
}

/// Where a stored logo is served, on the firm's own host.
pub fn logo_address(logo: &CheckedLogo) -> String {
    format!("{}{}", crate::brand::logo::LOGO_PATH_PREFIX, logo.file_name())
}

/// Which of the firm's two pictures: the logo, or the tab icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrandImage {
    Logo,
    Icon,
}

/// Makes `logo` the firm's logo or icon: the catalog names its address, and
/// the firm's schema keeps its bytes (once: the same file uploaded again is
/// the same row). Hands back the transaction, confined to the firm, and
/// the address in use before, for the caller's audit entry and commit.
pub async fn save_image(
    db: &Database,
    firm: &TenantHandle,
    image: BrandImage,
    logo: &CheckedLogo,
    uploaded_by: i64,
) -> Result<Option<(TenantTx, Option<String>)>, sqlx::Error> {
    let Some((mut tx, before)) = set_image_url(db, firm, image, Some(&logo_address(logo))).await? else {
        return Ok(None);
    };
    sqlx::query(
        "insert into firm_logos (digest, content_type, bytes, width, height, uploaded_by)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (digest) do nothing",
    )
    .bind(logo.digest())
    .bind(logo.kind.content_type())
    .bind(&logo.bytes)
    .bind(i32::try_from(logo.width).unwrap_or(i32::MAX))
    .bind(i32::try_from(logo.height).unwrap_or(i32::MAX))
    .bind(uploaded_by)
    .execute(tx.conn())
    .await?;
    Ok(Some((tx, before)))
}

/// Back to the monogram (logo) or to the logo (icon). The stored files
/// stay (see the migration).
pub async fn remove_image(
    db: &Database,
    firm: &TenantHandle,
    image: BrandImage,
) -> Result<Option<(TenantTx, Option<String>)>, sqlx::Error> {
    set_image_url(db, firm, image, None).await
}

async fn set_image_url(
    db: &Database,
    firm: &TenantHandle,
    image: BrandImage,
    url: Option<&str>,
) -> Result<Option<(TenantTx, Option<String>)>, sqlx::Error> {
    let id = firm.tenant_id().0;
    let mut tx = db.pool().begin().await?;
    let before: Option<(Option<String>,)> = match image {
        BrandImage::Logo => sqlx::query_as("select logo_url from platform.tenants where tenant_id = $1 for update"),
        BrandImage::Icon => sqlx::query_as("select icon_url from platform.tenants where tenant_id = $1 for update"),
    }
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((before,)) = before else { return Ok(None) };
    match image {
        BrandImage::Logo => {
            sqlx::query("update platform.tenants set logo_url = $2, updated_at = now() where tenant_id = $1")
        }
        BrandImage::Icon => {
            sqlx::query("update platform.tenants set icon_url = $2, updated_at = now() where tenant_id = $1")
        }
    }
    .bind(id)
    .bind(url)
    .execute(&mut *tx)
    .await?;
    Ok(Some((TenantTx::enter_after(tx, firm).await?, before)))
}

/// A stored logo of this firm, by its digest: its type and bytes.
pub struct StoredLogo {
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct LogoRow {
    content_type: String,
    bytes: Vec<u8>,
}

pub async fn stored_logo(tx: &mut TenantTx, digest: &str) -> Result<Option<StoredLogo>, sqlx::Error> {
    let row: Option<LogoRow> = sqlx::query_as("select content_type, bytes from firm_logos where digest = $1")
        .bind(digest)
        .fetch_optional(tx.conn())
        .await?;
    Ok(row.and_then(|row| Some(StoredLogo { kind: LogoKind::from_content_type(&row.content_type)?, bytes: row.bytes })))
}
