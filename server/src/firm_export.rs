//! `GET /settings/export/download`: all of a firm's data as one zip, for
//! its administrators (never while a staff member is impersonating). The
//! zip is written as it streams — each CSV straight from PostgreSQL's
//! `COPY`, each receipt as stored — so memory stays flat however large the
//! firm. What the files hold is docs/export-format.md, which the zip
//! carries as README.md. Starting an export is in the firm's audit trail.

use crate::startup::AppState;
use crate::zip_stream::{self, Chunk, Failure, Pending};
use app::api::context::{ClientAddress, CurrentTenant, SignedInUser};
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use futures::StreamExt;
use pespro::access::Permission;
use pespro::audit::{AuditAction, AuditEntry, record};
use pespro::practice::export::{EXPORT_FILES, copy_out, receipts};
use pespro::tenancy::Tenant;
use std::io::Write;
use tokio::sync::mpsc;
use zip::write::SimpleFileOptions;

pub const EXPORT_PATH: &str = "/settings/export/download";
const README: &str = include_str!("../../docs/export-format.md");

pub async fn download(
    State(state): State<AppState>,
    Extension(tenant): Extension<CurrentTenant>,
    Extension(ClientAddress(address)): Extension<ClientAddress>,
    user: Option<Extension<SignedInUser>>,
) -> Response {
    let Some(Extension(SignedInUser(user))) = user else { return Redirect::to("/sign-in").into_response() };
    if !user.may(Permission::ExportFirmData) {
        let why = "Only the firm's administrators export its data, and never while acting for support.";
        return crate::plain_pages::refused(StatusCode::FORBIDDEN, "Not allowed", why);
    }
    if let Err(error) = audit(&state, &tenant.0, &user, address).await {
        tracing::error!(%error, "could not record the start of an export");
        return crate::plain_pages::unavailable();
    }
    let (sender, receiver) = mpsc::channel::<Chunk>(4);
    let firm = tenant.0.clone();
    tokio::spawn(async move {
        if let Err(error) = write_zip(&state, &firm, &sender).await {
            tracing::error!(%error, tenant.id = firm.id.0, "the export stopped part-way");
            let _ = sender.send(Err(std::io::Error::other("the export stopped part-way"))).await;
        }
    });
    zip_stream::response(receiver, &format!("{}-export.zip", tenant.0.slug.as_str()))
}

async fn audit(
    state: &AppState,
    firm: &Tenant,
    user: &pespro::access::CurrentUser,
    address: Option<std::net::IpAddr>,
) -> Result<(), sqlx::Error> {
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: AuditAction::DataExported,
        subject: "",
        detail: "all of the firm's data, as a zip",
        client_address: address,
    };
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    record(&mut tx, &entry).await?;
    tx.commit().await
}

async fn write_zip(state: &AppState, firm: &Tenant, to: &mpsc::Sender<Chunk>) -> Result<(), Failure> {
    let pending = Pending::default();
    let mut zip = zip::ZipWriter::new_stream(pending.clone());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("README.md", options)?;
    zip.write_all(README.as_bytes())?;
    let mut tx = state.db.tenant_tx(firm.handle()).await?;
    for file in EXPORT_FILES {
        zip.start_file(file.name, options)?;
        let mut rows = copy_out(&mut tx, file).await?;
        while let Some(chunk) = rows.next().await {
            zip.write_all(&chunk?)?;
            pending.send(to).await?;
        }
    }
    // Receipts are already compressed (PDF, JPEG, PNG, WebP): stored as they are.
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut files = receipts(&mut tx);
    while let Some(receipt) = files.next().await {
        let receipt = receipt?;
        zip.start_file(receipt.file_name(), stored)?;
        zip.write_all(&receipt.content)?;
        pending.send(to).await?;
    }
    drop(files);
    tx.commit().await?;
    zip.finish()?;
    pending.send(to).await
}
