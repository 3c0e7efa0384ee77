//! Invoice PDFs as plain routes (they are files, not pages): the firm's own
//! copy at `/invoices/{id}/pdf` for managers and administrators, and the
//! client's at `/i/{token}/pdf`, reached from the emailed link without
//! signing in. Both are drawn on demand from the invoice as stored, in the
//! firm's colours and with its logo file when that is on this site (read
//! from the site root, `LEPTOS_SITE_ROOT`); drawing runs off the async
//! workers.

use crate::startup::AppState;
use app::api::context::{CurrentTenant, SignedInUser};
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::Permission;
use pespro::invoice::views::InvoicePage;
use pespro::practice::invoices::{
    InvoiceError, invoice_by_token, invoice_page, invoice_pdf, pdf_file_name, read_logo, uploaded_logo,
};
use std::path::PathBuf;

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

pub async fn for_firm(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    user: Option<Extension<SignedInUser>>,
    Path(invoice_id): Path<i64>,
) -> Response {
    let Some(Extension(SignedInUser(user))) = user else { return Redirect::to("/sign-in").into_response() };
    if !user.may(Permission::ManageInvoices) {
        return crate::plain_pages::refused(
            StatusCode::FORBIDDEN,
            "Not allowed",
            "Only managers and administrators see invoices.",
        );
    }
    let found = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let page = invoice_page(&mut tx, invoice_id, (user.user_id, user.role), today()).await?;
        tx.commit().await?;
        Ok::<_, InvoiceError>(page)
    };
    respond(&state, found.await, &tenant).await
}

pub async fn for_client(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Path(token): Path<String>,
) -> Response {
    let found = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let page = invoice_by_token(&mut tx, &token, today()).await?;
        tx.commit().await?;
        Ok::<_, InvoiceError>(page)
    };
    respond(&state, found.await, &tenant).await
}

async fn respond(state: &AppState, found: Result<InvoicePage, InvoiceError>, tenant: &CurrentTenant) -> Response {
    let page = match found {
        Ok(page) => page,
        Err(InvoiceError::NotFound) => {
            return crate::plain_pages::refused(
                StatusCode::NOT_FOUND,
                "Not found",
                "There is no such invoice, or the link was withdrawn.",
            );
        }
        Err(error) => {
            tracing::error!(%error, "could not read an invoice for its PDF");
            return crate::plain_pages::unavailable();
        }
    };
    let theme = tenant.0.theme.clone();
    let name = pdf_file_name(&page);
    let site_root = PathBuf::from(&*state.leptos.site_root);
    let uploaded = async {
        let mut tx = state.db.tenant_tx(tenant.0.handle()).await?;
        let logo = uploaded_logo(&mut tx, theme.logo.as_ref()).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(logo)
    };
    let uploaded = match uploaded.await {
        Ok(logo) => logo,
        Err(error) => {
            tracing::error!(%error, "could not read the firm's logo for a PDF");
            return crate::plain_pages::unavailable();
        }
    };
    let drawn = tokio::task::spawn_blocking(move || {
        // A logo file under the site is read with the drawing, off the async
        // workers: it is file I/O.
        let logo = uploaded.or_else(|| read_logo(&site_root, theme.logo.as_ref()));
        invoice_pdf(&page, &theme, logo)
    })
    .await;
    let bytes = match drawn {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(error)) => {
            tracing::error!(%error, "could not draw an invoice PDF");
            return crate::plain_pages::unavailable();
        }
        Err(error) => {
            tracing::error!(%error, "the PDF drawing task failed");
            return crate::plain_pages::unavailable();
        }
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}
