//! The reports page's numbers. Everyone signed in may open it; those who
//! may not read the firm's reports (employees) get their own utilization
//! and are refused the others.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::reports::ReportsPage;

/// The values are raw, as in the page's address: what does not read is
/// the default (`ReportQuery::parse`).
#[server(endpoint = "reports")]
pub async fn load_reports(
    report: Option<String>,
    period: Option<String>,
    by: Option<String>,
    then: Option<String>,
) -> Result<ReportsPage, AppError> {
    use pespro::access::Permission;
    use pespro::reports::{ReportKind, query::ReportQuery};
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(Permission::ViewPractice)?;
    let query = ReportQuery::parse(report.as_deref(), period.as_deref(), by.as_deref(), then.as_deref());
    if query.kind != ReportKind::Utilization {
        ctx.authorize(Permission::ReadFirmReports)?;
    }
    let own = (!user.may(Permission::ReadFirmReports)).then_some(user.user_id);
    let reader = pespro::practice::time_zones::Reader::of(user);
    let mut tx = ctx.tenant_tx().await?;
    let today = pespro::practice::reports::today_in(&mut tx, reader.zone).await?;
    let page = pespro::practice::reports::reports_page(&mut tx, query, today, user.formats.first_day, own).await?;
    tx.commit().await?;
    Ok(page)
}
