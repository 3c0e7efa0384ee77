//! Saved reports e-mailed on a schedule (`/reports/scheduled`), for those
//! who read every report (managers and administrators): list, save the
//! report on screen with its period and groupings, stop one. Saving and
//! stopping are audited.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::reports::schedule::{ScheduleForm, SchedulesPage};

#[server(endpoint = "load_report_schedules")]
pub async fn load_report_schedules() -> Result<SchedulesPage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ReadFirmReports)?;
    let mut tx = ctx.tenant_tx().await?;
    let page = pespro::practice::report_schedules::schedules_page(&mut tx).await?;
    tx.commit().await?;
    Ok(page)
}

/// The report is named as in the page's address (`ReportQuery::parse`).
#[server(endpoint = "schedule_report")]
pub async fn schedule_report(
    report: String,
    period: String,
    by: Option<String>,
    then: Option<String>,
    form: ScheduleForm,
) -> Result<(), AppError> {
    use pespro::practice::report_schedules::{ScheduleError, save_schedule};
    use pespro::reports::query::ReportQuery;
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ReadFirmReports)?;
    let query = ReportQuery::parse(Some(&report), Some(&period), by.as_deref(), then.as_deref());
    let schedule = pespro::reports::schedule::parse_schedule(&form).map_err(|(f, why)| AppError::validation(f, why))?;
    let mut tx = ctx.tenant_tx().await?;
    let zone = pespro::practice::time_zones::firm_zone(&mut tx).await?;
    let today = pespro::practice::reports::today_in(&mut tx, &zone).await?;
    save_schedule(&mut tx, user.user_id, query, &schedule, today, user.formats.first_day).await.map_err(
        |e| match e {
            ScheduleError::NotAReader => AppError::validation("recipients", "Choose people from the list."),
            ScheduleError::Db(e) => AppError::from(e),
        },
    )?;
    let detail = format!("{}, {} people, {}", schedule.cadence.key(), schedule.recipients.len(), query.address(""));
    ctx.audit(&mut tx, pespro::audit::AuditAction::ReportScheduled, &schedule.name, &detail).await?;
    tx.commit().await?;
    leptos_axum::redirect("/reports/scheduled?saved=1");
    Ok(())
}

#[server(endpoint = "unschedule_report")]
pub async fn unschedule_report(schedule_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ReadFirmReports)?;
    let mut tx = ctx.tenant_tx().await?;
    let name = pespro::practice::report_schedules::remove_schedule(&mut tx, schedule_id).await?;
    let name = name.ok_or(AppError::NotFound)?;
    ctx.audit(&mut tx, pespro::audit::AuditAction::ReportUnscheduled, &name, "").await?;
    tx.commit().await?;
    leptos_axum::redirect("/reports/scheduled");
    Ok(())
}
