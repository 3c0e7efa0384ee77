//! The first day of the firm's weeks (`/settings/regional`), for its
//! administrators: where every week people fill in, submit and approve
//! starts. It can change only until the first week is submitted.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::first_day::FirstDay;
use serde::{Deserialize, Serialize};

/// The first day and whether it may still change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekRule {
    pub first_day: FirstDay,
    /// Why it can no longer change, once a week was submitted.
    pub fixed: Option<String>,
}

#[server(endpoint = "load_week_rule")]
pub async fn load_week_rule() -> Result<WeekRule, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let mut tx = ctx.tenant_tx().await?;
    let first_day = pespro::practice::formats::first_day(&mut tx).await?;
    let submitted = pespro::practice::formats::submitted_weeks(&mut tx).await?;
    tx.commit().await?;
    Ok(WeekRule { first_day, fixed: (submitted > 0).then(|| first_day.fixed_because(submitted)) })
}

/// Sets the first day of the firm's weeks (a `FirstDay` key), audited with
/// the one it replaces; refused once a week was submitted.
#[server(endpoint = "set_first_day")]
pub async fn set_first_day(first_day: String) -> Result<(), AppError> {
    use pespro::practice::formats::FirstDayError;
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let chosen = FirstDay::parse(&first_day)
        .ok_or_else(|| AppError::validation("first_day", "Choose one of the listed days."))?;
    let mut tx = ctx.tenant_tx().await?;
    let before = match pespro::practice::formats::set_first_day(&mut tx, chosen).await {
        Ok(before) => before,
        Err(FirstDayError::WeeksSubmitted(weeks)) => {
            let current = pespro::practice::formats::first_day(&mut tx).await?;
            return Err(AppError::validation("first_day", current.fixed_because(weeks)));
        }
        Err(FirstDayError::Db(e)) => return Err(e.into()),
    };
    if before != chosen {
        let was = format!("was {}", before.name());
        ctx.audit(&mut tx, pespro::audit::AuditAction::WeekStartChanged, chosen.name(), &was).await?;
    }
    tx.commit().await?;
    leptos_axum::redirect("/settings/regional?first_day=saved");
    Ok(())
}
