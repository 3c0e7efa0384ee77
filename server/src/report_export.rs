//! `GET /reports/export.csv`: a report's numbers as CSV, for the report and
//! period the page shows (`?report=…&period=…`, and for the hours table `&by=…&then=…`). A download, not a page,
//! so a plain route; the same permissions as the page: employees download
//! only their own utilization.

use crate::startup::AppState;
use app::api::context::{CurrentTenant, SignedInUser};
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::Permission;
use pespro::reports::ReportKind;
use pespro::reports::query::ReportQuery;
use std::collections::HashMap;

pub async fn download(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(Extension(SignedInUser(user))) = user else { return Redirect::to("/sign-in").into_response() };
    let asked = |name: &str| query.get(name).map(String::as_str);
    let query = ReportQuery::parse(asked("report"), asked("period"), asked("by"), asked("then"));
    let firm_wide = user.may(Permission::ReadFirmReports);
    if query.kind != ReportKind::Utilization && !firm_wide {
        let why = "Only the firm's managers and administrators read this report.";
        return crate::plain_pages::refused(StatusCode::FORBIDDEN, "Not allowed", why);
    }
    let own = (!firm_wide).then_some(user.user_id);
    let read = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let zone = pespro::practice::time_zones::Reader::of(&user).zone;
        let today = pespro::practice::reports::today_in(&mut tx, zone).await?;
        let first = user.formats.first_day;
        let page = pespro::practice::reports::reports_page(&mut tx, query, today, first, own).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(page)
    };
    let page = match read.await {
        Ok(page) => page,
        Err(error) => {
            tracing::error!(%error, tenant.id = tenant.0.id.0, "could not read a report for export");
            return crate::plain_pages::unavailable();
        }
    };
    let name = format!("{}-{}-{}.csv", tenant.0.slug.as_str(), page.query.kind.key(), page.today);
    crate::csv_download::csv_download(page.to_csv(), &name)
}
