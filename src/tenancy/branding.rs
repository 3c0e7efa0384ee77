//! A firm's branding as its admins change it from the branding page. The
//! row lives in the platform catalog (`platform.tenants`: the registry
//! serves it to every request without entering the firm's schema), but it
//! is the firm's own: the change is keyed by the firm the request is for,
//! and written in the same transaction as the firm's audit entry, which the
//! caller adds to the returned tenant transaction before committing.
//! The catalog's change trigger tells every server process.

use crate::brand::form::Branding;
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
