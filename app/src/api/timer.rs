//! The timer on "my week", for firms whose plan or settings include it.
//! A timer never gets stuck: it cannot start on a submitted week, and one
//! whose week was submitted while it ran can record into today's week or
//! be discarded (`pespro::practice::timers`).

use crate::error::AppError;
use leptos::prelude::*;

/// The field a stop refused for its week's sake is reported under: the
/// timer panel then offers the two ways out.
pub const TIMER_WEEK_FIELD: &str = "timer_week";

#[cfg(feature = "ssr")]
fn timer_error(error: pespro::practice::TimerError, locked: &str) -> AppError {
    use pespro::practice::{LogTimeError, TimerError as E};
    match error {
        E::AlreadyRunning | E::NotRunning => AppError::Conflict(super::workflows::capitalised(&error.to_string())),
        E::Log(LogTimeError::EngagementNotOpen) => {
            AppError::validation("timer_engagement_id", "That engagement is not open for time.")
        }
        E::Log(LogTimeError::WeekLocked) => AppError::validation(TIMER_WEEK_FIELD, locked),
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
        .map_err(|e| {
            let locked = "This week has been submitted, so a timer can't run on it. \
                          Ask your approver to send it back to add time.";
            timer_error(e, locked)
        })?;
    tx.commit().await?;
    Ok(())
}

/// Stops the timer, recording its time on the day it started; returns the
/// minutes recorded.
#[server(endpoint = "stop_timer")]
pub async fn stop_timer() -> Result<u32, AppError> {
    let locked = "The week this timer started in has been submitted. Record its time today instead, or discard it.";
    finish(pespro::practice::RecordOn::StartDay, locked).await
}

/// The way out for a timer whose week was submitted: its time, today.
#[server(endpoint = "record_timer_today")]
pub async fn record_timer_today() -> Result<u32, AppError> {
    let locked = "This week has been submitted too. Discard the timer, or ask for a week to be sent back.";
    finish(pespro::practice::RecordOn::Today, locked).await
}

#[cfg(feature = "ssr")]
async fn finish(on: pespro::practice::RecordOn, locked: &str) -> Result<u32, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    ctx.require_feature(pespro::flags::Feature::Timer)?;
    let mut tx = ctx.tenant_tx().await?;
    let minutes = pespro::practice::stop_timer(&mut tx, user.user_id, on).await.map_err(|e| timer_error(e, locked))?;
    tx.commit().await?;
    Ok(minutes.0)
}

/// Stops the timer without recording anything; returns the minutes let go.
#[server(endpoint = "discard_timer")]
pub async fn discard_timer() -> Result<u32, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    ctx.require_feature(pespro::flags::Feature::Timer)?;
    let mut tx = ctx.tenant_tx().await?;
    let minutes = pespro::practice::discard_timer(&mut tx, user.user_id).await.map_err(|e| timer_error(e, ""))?;
    tx.commit().await?;
    Ok(minutes.0)
}
