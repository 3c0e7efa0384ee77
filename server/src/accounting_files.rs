//! Accounting hand-off files as plain routes (they are downloads, not
//! pages), for managers and administrators:
//! - `GET /accounting/batches/{batch}/{position}`: one file of an export
//!   batch, exactly the bytes written then;
//! - `GET /accounting/packs/{pack}`: a month-end pack once prepared
//!   (`pespro::practice::accounting::build_pack`, started from the page).

use crate::startup::AppState;
use app::api::context::{CurrentTenant, SignedInUser};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::{CurrentUser, Permission};
use pespro::practice::accounting::{batch_file, pack_zip};

/// The signed-in person if they may export, or the answer for them.
fn allowed(user: Option<Extension<SignedInUser>>) -> Result<CurrentUser, Box<Response>> {
    let Some(Extension(SignedInUser(user))) = user else {
        return Err(Box::new(Redirect::to("/sign-in").into_response()));
    };
    if !user.may(Permission::ManageInvoices) {
        let why = "Only managers and administrators export to accounting.";
        return Err(Box::new(crate::plain_pages::refused(StatusCode::FORBIDDEN, "Not allowed", why)));
    }
    Ok(user)
}

pub async fn batch_download(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    Path((batch_id, position)): Path<(i64, i32)>,
) -> Response {
    if let Err(refused) = allowed(user) {
        return *refused;
    }
    let found = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let file = batch_file(&mut tx, batch_id, position).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(file)
    };
    let (name, bytes) = match found.await {
        Ok(Some(file)) => file,
        Ok(None) => {
            return crate::plain_pages::refused(StatusCode::NOT_FOUND, "Not found", "There is no such export file.");
        }
        Err(error) => {
            tracing::error!(%error, tenant.id = tenant.0.id.0, "could not read an export file");
            return crate::plain_pages::unavailable();
        }
    };
    // The bytes are the target's own encoding: DATEV and IIF files are
    // Windows-1252, the others UTF-8.
    let content_type = match name.rsplit('.').next() {
        Some("iif") => "text/plain; charset=windows-1252",
        _ if name.starts_with("datev-") => "text/csv; charset=windows-1252",
        _ => "text/csv; charset=utf-8",
    };
    attachment(bytes, content_type, &name)
}

pub async fn pack_download(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    Path(pack_id): Path<i64>,
) -> Response {
    if let Err(refused) = allowed(user) {
        return *refused;
    }
    let found = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let pack = pack_zip(&mut tx, pack_id).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(pack)
    };
    let (name, bytes) = match found.await {
        Ok(Some(pack)) => pack,
        Ok(None) => {
            let why = "There is no such pack ready: it may still be in preparation, or older than a week.";
            return crate::plain_pages::refused(StatusCode::NOT_FOUND, "Not found", why);
        }
        Err(error) => {
            tracing::error!(%error, tenant.id = tenant.0.id.0, "could not read a month-end pack");
            return crate::plain_pages::unavailable();
        }
    };
    let name = format!("{}-{name}", tenant.0.slug.as_str());
    attachment(bytes, "application/zip", &name)
}

fn attachment(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
