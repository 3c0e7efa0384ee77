//! "My week": the signed-in person's time for one week, and logging time.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::my_week::{EngagementChoice, MyWeek};
use serde::{Deserialize, Serialize};

/// The page's data: the week, and what time can be logged against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWeekPage {
    pub week: MyWeek,
    /// Today, by the server's clock: the form's default date when the
    /// shown week is this week.
    pub today: time::Date,
    pub engagements: Vec<EngagementChoice>,
    /// Whether the week was submitted, and how far its approval has got.
    pub approval: pespro::timesheet::WeekApproval,
    /// `Some` when the firm has the timer: the running timer, if any.
    pub timer: Option<pespro::timer::TimerPanel>,
    /// The log-time form as typed, when this load follows its refusal
    /// without JavaScript (`refused_form`).
    pub typed_entry: Option<TypedEntry>,
    /// The grid's entry row as typed, likewise.
    pub typed_row: Option<pespro::week_grid::WeekRowForm>,
}

/// The log-time form as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedEntry {
    pub engagement_id: i64,
    pub work_date: String,
    pub duration: String,
    pub billable: bool,
    pub notes: String,
}

#[cfg(feature = "ssr")]
const ENTRY_FORM: &str = "log_time";
#[cfg(feature = "ssr")]
const ROW_FORM: &str = "week_row";

/// `week` as `2026-W48`; absent or unreadable means this week.
#[server(endpoint = "my_week")]
pub async fn load_my_week(week: Option<String>) -> Result<MyWeekPage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let today = time::OffsetDateTime::now_utc().date();
    let first_day = user.formats.first_day;
    let week = week
        .as_deref()
        .and_then(|raw| pespro::week::Week::parse(raw, first_day))
        .unwrap_or_else(|| pespro::week::Week::of(today, first_day));
    let typed_entry = super::refused_form::take(&ctx, ENTRY_FORM).await;
    let typed_row = super::refused_form::take(&ctx, ROW_FORM)
        .await
        .filter(|row: &pespro::week_grid::WeekRowForm| row.week == week.to_string());
    let mut tx = ctx.tenant_tx().await?;
    let entries = pespro::practice::week_entries(&mut tx, user.user_id, week).await?;
    let engagements = pespro::practice::open_engagements(&mut tx).await?;
    let approval =
        pespro::practice::week_approval(&mut tx, user.user_id, week, pespro::practice::time_zones::Reader::of(user))
            .await
            .map_err(super::approvals::timesheet_error)?;
    let timer = match user.has(pespro::flags::Feature::Timer) {
        true => {
            Some(pespro::timer::TimerPanel { running: pespro::practice::running_timer(&mut tx, user.user_id).await? })
        }
        false => None,
    };
    tx.commit().await?;
    Ok(MyWeekPage {
        week: pespro::my_week::group(week, entries),
        today,
        engagements,
        approval,
        timer,
        typed_entry,
        typed_row,
    })
}

/// Records time for the signed-in person. Returns the new entry's id.
#[server(endpoint = "log_time")]
pub async fn log_time(
    engagement_id: i64,
    work_date: String,
    duration: String,
    billable: Option<String>,
    notes: String,
) -> Result<i64, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let typed = TypedEntry { engagement_id, work_date, duration, billable: billable.is_some(), notes };
    let logged = record_entry(&ctx, user.user_id, &typed).await;
    super::refused_form::kept_if_refused(&ctx, ENTRY_FORM, &typed, logged).await
}

#[cfg(feature = "ssr")]
async fn record_entry(ctx: &super::context::RequestContext, user_id: i64, typed: &TypedEntry) -> Result<i64, AppError> {
    use pespro::my_week::{check_minutes, check_notes, parse_date};
    use pespro::practice::{LogTimeError, NewTimeEntry};

    let work_date = parse_date(&typed.work_date).map_err(|e| AppError::validation("work_date", e))?;
    let minutes = pespro::money::Minutes::parse(&typed.duration)
        .map_err(|e| e.to_string())
        .and_then(|m| check_minutes(m).map_err(|e| e.to_string()))
        .map_err(|e| AppError::validation("duration", e))?;
    let notes = check_notes(&typed.notes).map_err(|e| AppError::validation("notes", e))?;
    let entry =
        NewTimeEntry { engagement_id: typed.engagement_id, work_date, minutes, billable: typed.billable, notes };
    let mut tx = ctx.tenant_tx().await?;
    let id = pespro::practice::log_time(&mut tx, user_id, &entry).await.map_err(|e| match e {
        LogTimeError::EngagementNotOpen => AppError::validation("engagement_id", e),
        LogTimeError::WeekLocked => AppError::validation("work_date", e),
        LogTimeError::Db(db) => db.into(),
    })?;
    tx.commit().await?;
    Ok(id)
}

/// Logs a row of the week grid: one entry per filled day, all or none.
#[server(endpoint = "log_week_row")]
pub async fn log_week_row(form: pespro::week_grid::WeekRowForm) -> Result<usize, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let logged = record_row(&ctx, user.user_id, &form).await;
    super::refused_form::kept_if_refused(&ctx, ROW_FORM, &form, logged).await
}

#[cfg(feature = "ssr")]
async fn record_row(
    ctx: &super::context::RequestContext,
    user_id: i64,
    form: &pespro::week_grid::WeekRowForm,
) -> Result<usize, AppError> {
    use pespro::practice::{LogTimeError, NewTimeEntry};
    use pespro::week_grid::day_field;

    let first_day = ctx.user.as_ref().map(|u| u.formats.first_day).unwrap_or_default();
    let week = pespro::week::Week::parse(&form.week, first_day)
        .ok_or_else(|| AppError::validation("week", "Unknown week."))?;
    let engagement_id = form
        .engagement_id
        .parse::<i64>()
        .map_err(|_| AppError::validation("engagement_id", "Choose an engagement."))?;
    let pespro::week_grid::ParsedRow { cells, notes } =
        pespro::week_grid::parse_row(form).map_err(|(field, e)| AppError::validation(field, e))?;
    let mut tx = ctx.tenant_tx().await?;
    for &(day, minutes) in &cells {
        let entry = NewTimeEntry {
            engagement_id,
            work_date: week.dates()[day],
            minutes,
            billable: form.billable.is_some(),
            notes: notes.clone(),
        };
        pespro::practice::log_time(&mut tx, user_id, &entry).await.map_err(|e| match e {
            LogTimeError::EngagementNotOpen => AppError::validation("engagement_id", e),
            LogTimeError::WeekLocked => AppError::validation(day_field(day), e),
            LogTimeError::Db(db) => db.into(),
        })?;
    }
    tx.commit().await?;
    Ok(cells.len())
}
