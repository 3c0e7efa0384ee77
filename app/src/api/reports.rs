//! The reports page's numbers. Everyone signed in may open it; those who
//! may not read the firm's reports (employees) get their own utilization
//! and are refused the others.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::reports::ReportsPage;

/// `report` and `period` are raw, as in the page's address: what does not
/// read is the default (utilization over the last twelve weeks).
#[server(endpoint = "reports")]
pub async fn load_reports(report: Option<String>, period: Option<String>) -> Result<ReportsPage, AppError> {
    use pespro::access::Permission;
    use pespro::reports::{ReportKind, period::PeriodChoice};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(Permission::ViewPractice)?;
    let kind = report.as_deref().and_then(ReportKind::parse).unwrap_or_default();
    if kind != ReportKind::Utilization {
        ctx.authorize(Permission::ReadFirmReports)?;
    }
    let own = (!user.may(Permission::ReadFirmReports)).then_some(user.user_id);
    let choice = period.as_deref().and_then(PeriodChoice::parse).unwrap_or_default();
    let reader = pespro::practice::time_zones::Reader::of(user);
    let mut tx = ctx.tenant_tx().await?;
    let today = pespro::practice::reports::today_in(&mut tx, reader.zone).await?;
    let page =
        pespro::practice::reports::reports_page(&mut tx, kind, choice, today, user.formats.first_day, own).await?;
    tx.commit().await?;
    Ok(page)
}
