//! Accounting hand-off files as plain routes (they are downloads, not
//! pages), for managers and administrators:
//! - `GET /accounting/batches/{batch}/{position}`: one file of an export
//!   batch, exactly the bytes written then;
//! - `GET /accounting/pack?from=&to=`: the month-end pack, a zip streamed as
//!   it is written — the target's files for the period, every invoice and
//!   credit note as PDF, the payments and a summary. Reading it marks
//!   nothing as exported (batches do that).

use crate::startup::AppState;
use crate::zip_stream::{self, Chunk, Failure, Pending};
use app::api::context::{ClientAddress, CurrentTenant, SignedInUser};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use pespro::access::{CurrentUser, Permission};
use pespro::accounting::{Context, Payment, payments, resolve, summary, write};
use pespro::practice::accounting::{accounting_mapping, batch_file, in_period, numbered_in_period};
use pespro::practice::invoices::{invoice_page, pdf_file_name};
use pespro::tenancy::Tenant;
use std::io::Write;
use std::sync::Arc;
use time::Date;
use tokio::sync::mpsc;
use zip::write::SimpleFileOptions;

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
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    // The bytes are the target's own encoding: DATEV and IIF files are
    // Windows-1252, the others UTF-8.
    let content_type = match name.rsplit('.').next() {
        Some("iif") => "text/plain; charset=windows-1252",
        _ if name.starts_with("datev-") => "text/csv; charset=windows-1252",
        _ => "text/csv; charset=utf-8",
    };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[derive(serde::Deserialize)]
pub struct PackAsk {
    from: String,
    to: String,
}

pub async fn pack(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    user: Option<Extension<SignedInUser>>,
    Query(ask): Query<PackAsk>,
) -> Response {
    let user = match allowed(user) {
        Ok(user) => user,
        Err(refused) => return *refused,
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let (Ok(from), Ok(to)) = (Date::parse(&ask.from, &format), Date::parse(&ask.to, &format)) else {
        let why = "Give the period as from=2026-11-01&to=2026-11-30.";
        return crate::plain_pages::refused(StatusCode::BAD_REQUEST, "Which period?", why);
    };
    if to < from {
        return crate::plain_pages::refused(
            StatusCode::BAD_REQUEST,
            "Which period?",
            "The period ends before it starts.",
        );
    }
    if let Err(error) = audit(&state, &tenant.0, &user, address, from, to).await {
        tracing::error!(%error, tenant.id = tenant.0.id.0, "could not record the month-end pack");
        return crate::plain_pages::unavailable();
    }
    let (sender, receiver) = mpsc::channel::<Chunk>(4);
    let firm = tenant.0.clone();
    tokio::spawn(async move {
        if let Err(error) = write_pack(&state, &firm, &user, from, to, &sender).await {
            tracing::error!(%error, tenant.id = firm.id.0, "the month-end pack stopped part-way");
            let _ = sender.send(Err(std::io::Error::other("the pack stopped part-way"))).await;
        }
    });
    zip_stream::response(receiver, &format!("{}-accounting-{from}-to-{to}.zip", tenant.0.slug.as_str()))
}

async fn audit(
    state: &AppState,
    firm: &Tenant,
    user: &CurrentUser,
    address: Option<std::net::IpAddr>,
    from: Date,
    to: Date,
) -> Result<(), sqlx::Error> {
    let detail = format!("month-end pack, {from} to {to}");
    let entry = pespro::audit::AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: pespro::audit::AuditAction::AccountingPackDownloaded,
        subject: "",
        detail: &detail,
        client_address: address,
    };
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    pespro::audit::record(&mut tx, &entry).await?;
    tx.commit().await
}

const README: &str = "This pack holds a period's invoicing, for the books:\r\n\
- books/: the files for your accounting system, written for every invoice and credit note of the period \
(for reference: import the batches from the Export to accounting page, which never carry a document twice);\r\n\
- invoices/: every invoice and credit note of the period as PDF, void ones included;\r\n\
- payments.csv: the money received in the period;\r\n\
- summary.csv: counts and totals per currency and tax rate.\r\n";

async fn write_pack(
    state: &AppState,
    firm: &Arc<Tenant>,
    user: &CurrentUser,
    from: Date,
    to: Date,
    out: &mpsc::Sender<Chunk>,
) -> Result<(), Failure> {
    let pending = Pending::default();
    let mut zip = zip::ZipWriter::new_stream(pending.clone());
    let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    let mapping = accounting_mapping(&mut tx).await?;
    let found = in_period(&mut tx, from, to).await?;
    let ids = numbered_in_period(&mut tx, from, to).await?;
    tx.commit().await?;
    zip.start_file("README.txt", deflated)?;
    zip.write_all(README.as_bytes())?;
    let now = time::OffsetDateTime::now_utc();
    let context = Context { created_at: time::PrimitiveDateTime::new(now.date(), now.time()) };
    let books = match &mapping {
        None => Err("The accounting system is not set up yet (Settings, Accounting).\r\n".to_owned()),
        Some(mapping) => match resolve(mapping, &found.documents, &found.payments) {
            Ok((docs, pays)) => Ok(write(mapping, &context, &docs, &pays)),
            Err(gaps) => Err(gaps
                .iter()
                .map(|g| match g.line {
                    Some(line) => format!("{}, line {line}: {}\r\n", g.document, g.missing),
                    None => format!("{}\r\n", g.missing),
                })
                .collect()),
        },
    };
    match books {
        Ok(files) => {
            for file in files {
                zip.start_file(format!("books/{}", file.name), deflated)?;
                zip.write_all(&file.bytes)?;
            }
        }
        Err(missing) => {
            zip.start_file("books/MISSING-MAPPINGS.txt", deflated)?;
            zip.write_all(format!("No files for the books until these are mapped:\r\n{missing}").as_bytes())?;
        }
    }
    let received: Vec<Payment> = found
        .payments
        .iter()
        .map(|p| Payment {
            invoice_number: p.invoice_number.clone(),
            customer: p.client_name.clone(),
            debtor: String::new(),
            paid_on: p.paid_on,
            amount_minor: p.amount_minor,
            currency: p.currency,
            reference: p.reference.clone(),
        })
        .collect();
    zip.start_file("payments.csv", deflated)?;
    zip.write_all(
        &payments::write(&received).map(|f| f.bytes).unwrap_or_else(|| payments::HEADING.join(",").into_bytes()),
    )?;
    zip.start_file("summary.csv", deflated)?;
    zip.write_all(&summary::summary(&found.documents, &found.payments))?;
    pending.send(out).await?;
    let logo = crate::invoice_pdf::firm_logo(state, firm).await?;
    let today = time::OffsetDateTime::now_utc().date();
    // PDFs are already compressed: stored as they are.
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for id in ids {
        let mut tx = state.db.tenant_tx(firm.handle()).await?;
        let page = invoice_page(&mut tx, id, (user.user_id, user.role), today).await?;
        tx.commit().await?;
        let name = pdf_file_name(&page);
        let bytes = crate::invoice_pdf::draw(page, firm.theme.clone(), logo.clone()).await?;
        zip.start_file(format!("invoices/{name}"), stored)?;
        zip.write_all(&bytes)?;
        pending.send(out).await?;
    }
    zip.finish()?;
    pending.send(out).await
}
