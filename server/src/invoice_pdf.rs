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
use pespro::practice::invoices::Logo;
use pespro::practice::invoices::{InvoiceError, invoice_by_token, invoice_page, invoice_pdf, pdf_file_name, pdf_logo};

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
    let name = pdf_file_name(&page);
    let drawn = async {
        let logo = firm_logo(state, &tenant.0).await?;
        draw(page, tenant.0.theme.clone(), logo).await
    };
    let bytes = match drawn.await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, tenant.id = tenant.0.id.0, "could not draw an invoice PDF");
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

pub(crate) type Failure = Box<dyn std::error::Error + Send + Sync>;

/// The firm's logo for its PDFs (invoices and printed reports): the
/// uploaded one, or a file under the site.
pub(crate) async fn firm_logo(state: &AppState, firm: &pespro::tenancy::Tenant) -> Result<Option<Logo>, Failure> {
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    let logo = pdf_logo(&mut tx, std::path::Path::new(&*state.leptos.site_root), firm.theme.logo.as_ref()).await?;
    tx.commit().await?;
    Ok(logo)
}

/// Draws `page` off the async workers (drawing is CPU work).
async fn draw(page: InvoicePage, theme: pespro::brand::Theme, logo: Option<Logo>) -> Result<Vec<u8>, Failure> {
    Ok(tokio::task::spawn_blocking(move || invoice_pdf(&page, &theme, logo)).await??)
}
