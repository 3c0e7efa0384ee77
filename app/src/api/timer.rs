//! The timer on "my week", for firms whose plan or settings include it.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn timer_error(error: pespro::practice::TimerError) -> AppError {
    use pespro::practice::{LogTimeError, TimerError as E};
    match error {
        E::AlreadyRunning | E::NotRunning => AppError::Conflict(super::workflows::capitalised(&error.to_string())),
        E::Log(LogTimeError::EngagementNotOpen) => {
            AppError::validation("timer_engagement_id", "That engagement is not open for time.")
        }
        E::Log(LogTimeError::WeekLocked) => {
            AppError::Conflict("That week has been submitted; the time can't be added to it.".into())
        }
        E::Log(LogTimeError::Db(db)) | E::Db(db) => db.into(),
    }
}

#[server(endpoint = "start_timer")]
pub async fn start_timer(
    timer_engagement_id: i64,
    timer_notes: String,
    billable: Option<String>,
) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    ctx.require_feature(pespro::flags::Feature::Timer)?;
    let notes = pespro::my_week::check_notes(&timer_notes).map_err(|e| AppError::validation("timer_notes", e))?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::start_timer(&mut tx, user.user_id, timer_engagement_id, &notes, billable.is_some())
        .await
        .map_err(timer_error)?;
    tx.commit().await?;
    Ok(())
}

/// Stops the timer; returns the minutes recorded.
#[server(endpoint = "stop_timer")]
pub async fn stop_timer() -> Result<u32, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    ctx.require_feature(pespro::flags::Feature::Timer)?;
    let mut tx = ctx.tenant_tx().await?;
    let minutes = pespro::practice::stop_timer(&mut tx, user.user_id).await.map_err(timer_error)?;
    tx.commit().await?;
    Ok(minutes.0)
}
