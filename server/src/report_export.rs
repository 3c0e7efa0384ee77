//! A report as a file, for the report, period and grouping the page shows
//! (`?report=…&period=…`, and for the hours table `&by=…&then=…`):
//! `GET /reports/export.csv` for a spreadsheet, `GET /reports/export.pdf`
//! printed in the firm's colours with its logo. Downloads, not pages, so
//! plain routes, with the same permissions as the page: employees get only
//! their own utilization.

use crate::startup::AppState;
use app::api::context::{CurrentTenant, SignedInUser};
use axum::extract::{Extension, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::{CurrentUser, Permission};
use pespro::reports::query::ReportQuery;
use pespro::reports::{ReportKind, ReportsPage};
use std::collections::HashMap;

type Asked =
    (State<AppState>, Extension<CurrentTenant>, Option<Extension<SignedInUser>>, Query<HashMap<String, String>>);

/// The page asked for, as its reader may read it; or the answer instead.
async fn read(
    (State(state), Extension(tenant), user, Query(query)): Asked,
) -> Result<(AppState, CurrentTenant, CurrentUser, ReportsPage), Response> {
    let Some(Extension(SignedInUser(user))) = user else { return Err(Redirect::to("/sign-in").into_response()) };
    let asked = |name: &str| query.get(name).map(String::as_str);
    let query = ReportQuery::parse(asked("report"), asked("period"), asked("by"), asked("then"));
    let firm_wide = user.may(Permission::ReadFirmReports);
    if query.kind != ReportKind::Utilization && !firm_wide {
        let why = "Only the firm's managers and administrators read this report.";
        return Err(crate::plain_pages::refused(StatusCode::FORBIDDEN, "Not allowed", why));
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
    match read.await {
        Ok(page) => Ok((state, tenant, user, page)),
        Err(error) => {
            tracing::error!(%error, tenant.id = tenant.0.id.0, "could not read a report for export");
            Err(crate::plain_pages::unavailable())
        }
    }
}

fn file_name(tenant: &CurrentTenant, page: &ReportsPage, extension: &str) -> String {
    format!("{}-{}-{}.{extension}", tenant.0.slug.as_str(), page.query.kind.key(), page.today)
}

pub async fn download(
    state: State<AppState>,
    tenant: Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    query: Query<HashMap<String, String>>,
) -> Response {
    match read((state, tenant, user, query)).await {
        Ok((_, tenant, _, page)) => crate::csv_download::csv_download(page.to_csv(), &file_name(&tenant, &page, "csv")),
        Err(instead) => instead,
    }
}

pub async fn download_pdf(
    state: State<AppState>,
    tenant: Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    query: Query<HashMap<String, String>>,
) -> Response {
    let (state, tenant, user, page) = match read((state, tenant, user, query)).await {
        Ok(read) => read,
        Err(instead) => return instead,
    };
    let name = file_name(&tenant, &page, "pdf");
    let drawn = async {
        let logo = crate::invoice_pdf::firm_logo(&state, &tenant.0).await?;
        let theme = tenant.0.theme.clone();
        // Drawing is CPU work: off the async workers.
        let bytes = tokio::task::spawn_blocking(move || {
            pespro::practice::report_sheet::report_pdf(&page, user.formats, &theme, logo)
        })
        .await??;
        Ok::<_, crate::invoice_pdf::Failure>(bytes)
    };
    let bytes = match drawn.await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, tenant.id = tenant.0.id.0, "could not draw a report PDF");
            return crate::plain_pages::unavailable();
        }
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
