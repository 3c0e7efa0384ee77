//! The firm's time zone (`/settings/regional`), for its administrators:
//! the clock everyone reads times on unless they chose their own.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirmTimeZone {
    pub zone: String,
    pub names: Vec<String>,
}

#[server(endpoint = "load_firm_time_zone")]
pub async fn load_firm_time_zone() -> Result<FirmTimeZone, AppError> {
    use pespro::practice::time_zones::{firm_zone, zone_names};
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let mut tx = ctx.tenant_tx().await?;
    let answer = FirmTimeZone { zone: firm_zone(&mut tx).await?, names: zone_names(&mut tx).await? };
    tx.commit().await?;
    Ok(answer)
}

/// Sets the firm's time zone, audited with the one it replaces.
#[server(endpoint = "set_firm_time_zone")]
pub async fn set_firm_time_zone(zone: String) -> Result<String, AppError> {
    use pespro::practice::time_zones::{is_zone, set_firm_zone};
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let zone = zone.trim().to_owned();
    let mut tx = ctx.tenant_tx().await?;
    if !is_zone(&mut tx, &zone).await? {
        return Err(AppError::validation("zone", "Choose one of the listed time zones."));
    }
    let before = set_firm_zone(&mut tx, &zone).await?;
    let detail = format!("was {before}");
    ctx.audit(&mut tx, pespro::audit::AuditAction::TimeZoneChanged, &zone, &detail).await?;
    tx.commit().await?;
    Ok(zone)
}
