//! The firm's logo and tab icon: uploaded from the branding page (a multipart form post,
//! with or without JavaScript: server functions take no files), removed, and
//! served from the firm's own host at an address named by the hash of its
//! bytes, so browsers keep it for a year and a new logo is a new address.
//! Uploading and removing sit behind the same host, same-origin, session and
//! person middleware as every page; serving needs no sign-in (the sign-in
//! page shows the logo) and reads only the requesting host's firm's schema,
//! so another firm's logo address finds nothing here.

use crate::startup::AppState;
use app::api::context::{ClientAddress, CurrentTenant, SignedInUser};
use axum::extract::{Extension, Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::{CurrentUser, Permission};
use pespro::audit::{AuditAction, AuditEntry};
use pespro::brand::logo::{CheckedLogo, MAX_LOGO_BYTES, check_icon, check_logo, parse_logo_file};
use pespro::brand::logo_problem::LogoProblem;
use pespro::db::TenantTx;
use pespro::tenancy::BrandImage;

/// The file plus the multipart framing around it.
pub const BODY_LIMIT: usize = MAX_LOGO_BYTES + 64 * 1024;
const PAGE: &str = "/settings/branding";

/// What one of the two pictures is called in the form, the page's address
/// and the audit trail.
fn name(image: BrandImage) -> &'static str {
    match image {
        BrandImage::Logo => "logo",
        BrandImage::Icon => "icon",
    }
}

fn image_named(named: &str) -> Option<BrandImage> {
    [BrandImage::Logo, BrandImage::Icon].into_iter().find(|image| name(*image) == named)
}

/// Where uploads post (`app`'s `LOGO_UPLOAD_PATH` and `ICON_UPLOAD_PATH`).
pub const UPLOAD_ROUTE: &str = "/settings/branding/{image}";
/// Where removals post (`LOGO_REMOVE_PATH`, `ICON_REMOVE_PATH`).
pub const REMOVE_ROUTE: &str = "/settings/branding/{image}/remove";

/// `POST /settings/branding/{logo|icon}`: a new logo or tab icon.
pub async fn upload(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    user: Option<Extension<SignedInUser>>,
    Path(named): Path<String>,
    multipart: Multipart,
) -> Response {
    let Some(image) = image_named(&named) else { return not_found() };
    let user = match admin(user) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let bytes = match read_logo_field(multipart, name(image)).await {
        Ok(bytes) => bytes,
        Err(problem) => return back(image, problem),
    };
    let check = match image {
        BrandImage::Logo => check_logo,
        BrandImage::Icon => check_icon,
    };
    // A whole decode, or an SVG parse: not on the async workers.
    let checked = match tokio::task::spawn_blocking(move || check(&bytes)).await {
        Ok(Ok(checked)) => checked,
        Ok(Err(error)) => return back(image, error.problem()),
        Err(error) => {
            tracing::error!(%error, "the logo check stopped");
            return crate::plain_pages::unavailable();
        }
    };
    let saved = async {
        let Some((mut tx, before)) =
            pespro::tenancy::save_image(&state.db, tenant.0.handle(), image, &checked, user.user_id).await?
        else {
            return Ok(false);
        };
        let after = pespro::tenancy::logo_address(&checked);
        let detail = describe(image, before.as_deref(), &after, &checked);
        record(&mut tx, &user, address, name(image), &detail).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    };
    finish(&state, image, saved.await, "saved").await
}

/// `POST /settings/branding/{logo|icon}/remove`: back to the monogram, or
/// (the icon) to the logo.
pub async fn remove(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    user: Option<Extension<SignedInUser>>,
    Path(named): Path<String>,
) -> Response {
    let Some(image) = image_named(&named) else { return not_found() };
    let user = match admin(user) {
        Ok(user) => user,
        Err(refused) => return refused.into_response(),
    };
    let removed = async {
        let Some((mut tx, before)) = pespro::tenancy::remove_image(&state.db, tenant.0.handle(), image).await? else {
            return Ok(false);
        };
        let instead = if image == BrandImage::Logo { "monogram" } else { "the logo" };
        let detail = format!("{} {} → {instead}", name(image), before.as_deref().unwrap_or("none"));
        record(&mut tx, &user, address, name(image), &detail).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(true)
    };
    finish(&state, image, removed.await, "removed").await
}

/// `GET /logo/<digest>.<extension>` on a firm's host.
pub async fn serve(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Path(file): Path<String>,
) -> Response {
    let Some((digest, kind)) = parse_logo_file(&file) else { return not_found() };
    let found = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let logo = pespro::tenancy::stored_logo(&mut tx, digest).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(logo)
    };
    let logo = match found.await {
        Ok(Some(logo)) if logo.kind == kind => logo,
        Ok(_) => return not_found(),
        Err(error) => {
            tracing::error!(%error, "could not read a logo");
            return crate::plain_pages::unavailable();
        }
    };
    let mut response = logo.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind.content_type()));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // The address is the content's hash: it can never mean other bytes.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    // Opened on its own, an SVG is a document: it may run nothing and load
    // nothing (the upload already removed anything that could).
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    response
}

fn not_found() -> Response {
    crate::plain_pages::refused(StatusCode::NOT_FOUND, "Not found", "There is no such logo.")
}

/// Why a request may not change the logo.
enum NotAdmin {
    SignIn,
    Forbidden,
}

impl IntoResponse for NotAdmin {
    fn into_response(self) -> Response {
        match self {
            Self::SignIn => Redirect::to("/sign-in").into_response(),
            Self::Forbidden => {
                let why = "Only the firm's administrators change its branding.";
                crate::plain_pages::refused(StatusCode::FORBIDDEN, "Not allowed", why)
            }
        }
    }
}

fn admin(user: Option<Extension<SignedInUser>>) -> Result<CurrentUser, NotAdmin> {
    let Some(Extension(SignedInUser(user))) = user else { return Err(NotAdmin::SignIn) };
    if user.may(Permission::ManageFirmSettings) { Ok(user) } else { Err(NotAdmin::Forbidden) }
}

/// The `field`'s bytes, read in chunks and abandoned past the limit.
async fn read_logo_field(mut multipart: Multipart, wanted: &str) -> Result<Vec<u8>, LogoProblem> {
    while let Ok(Some(mut field)) = multipart.next_field().await {
        if field.name() != Some(wanted) {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| LogoProblem::TooLarge)? {
            if bytes.len() + chunk.len() > MAX_LOGO_BYTES {
                return Err(LogoProblem::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        return if bytes.is_empty() { Err(LogoProblem::Missing) } else { Ok(bytes) };
    }
    Err(LogoProblem::Missing)
}

fn describe(image: BrandImage, before: Option<&str>, after: &str, logo: &CheckedLogo) -> String {
    let none = if image == BrandImage::Logo { "monogram" } else { "the logo" };
    format!(
        "{} {} → {} ({}, {}×{})",
        name(image),
        before.unwrap_or(none),
        after,
        logo.kind.content_type(),
        logo.width,
        logo.height
    )
}

async fn record(
    tx: &mut TenantTx,
    user: &CurrentUser,
    address: Option<std::net::IpAddr>,
    subject: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: AuditAction::BrandingChanged,
        subject,
        detail,
        client_address: address,
    };
    pespro::audit::record(tx, &entry).await
}

/// After the change: this process's registry reloaded (the admin's next page
/// shows it; others follow the catalog's notification), then back to the page.
async fn finish(state: &AppState, image: BrandImage, outcome: Result<bool, sqlx::Error>, done: &str) -> Response {
    match outcome {
        Ok(true) => {
            if let Err(error) = state.registry.reload(&state.db).await {
                tracing::warn!(%error, "the registry will show the new logo on the catalog's notification");
            }
            Redirect::to(&format!("{PAGE}?{}={done}", name(image))).into_response()
        }
        Ok(false) => not_found(),
        Err(error) => {
            tracing::error!(%error, "could not change the firm's logo");
            crate::plain_pages::unavailable()
        }
    }
}

fn back(image: BrandImage, problem: LogoProblem) -> Response {
    Redirect::to(&format!("{PAGE}?{}_problem={}", name(image), problem.code())).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_s_forms_post_where_the_routes_listen() {
        for (image, upload, remove) in [
            ("logo", app::LOGO_UPLOAD_PATH, app::LOGO_REMOVE_PATH),
            ("icon", app::ICON_UPLOAD_PATH, app::ICON_REMOVE_PATH),
        ] {
            assert_eq!(UPLOAD_ROUTE.replace("{image}", image), upload);
            assert_eq!(REMOVE_ROUTE.replace("{image}", image), remove);
            assert!(image_named(image).is_some());
        }
        assert_eq!(image_named("favicon"), None);
    }
}
