//! Importing time from Harvest or Toggl exports. The upload itself is a plain
//! multipart POST handled by the server (`/import/upload`), which stores the
//! file as a batch; these functions list batches, preview one and import it.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::import::{ImportOutcome, ImportPreview};
use serde::{Deserialize, Serialize};

/// An upload, as the import page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary {
    pub batch_id: i64,
    pub file_name: String,
    /// On the reader's clock, the firm's way ("26 Nov 2026, 17:30").
    pub uploaded_at: String,
    /// Entries imported, once imported.
    pub imported: Option<i32>,
}

/// One upload: its preview (or why the file can't be read), and what the
/// import did once it ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchPage {
    pub batch_id: i64,
    pub file_name: String,
    pub uploaded_at: String,
    pub preview: Result<ImportPreview, String>,
    pub outcome: Option<ImportOutcome>,
}

#[server(endpoint = "import_batches")]
pub async fn load_batches() -> Result<Vec<BatchSummary>, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let mut tx = ctx.tenant_tx().await?;
    let rows = pespro::practice::import::recent_batches(&mut tx).await?;
    let times: Vec<time::OffsetDateTime> = rows.iter().map(|r| r.2).collect();
    let when = pespro::practice::time_zones::Reader::of(user).when(&mut tx, &times).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .zip(when)
        .map(|((batch_id, file_name, _, imported), uploaded_at)| BatchSummary {
            batch_id,
            file_name,
            uploaded_at,
            imported,
        })
        .collect())
}

#[server(endpoint = "import_batch")]
pub async fn load_batch(batch_id: i64) -> Result<BatchPage, AppError> {
    use pespro::practice::import;

    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let mut tx = ctx.tenant_tx().await?;
    let batch = import::load_batch(&mut tx, batch_id, false).await?.ok_or(AppError::NotFound)?;
    let preview = import::plan_batch(&mut tx, &batch).await?.map(|plan| plan.preview()).map_err(|e| e.to_string());
    let reader = pespro::practice::time_zones::Reader::of(user);
    let uploaded_at = reader.when(&mut tx, &[batch.uploaded_at]).await?.pop().unwrap_or_default();
    tx.commit().await?;
    Ok(BatchPage { batch_id, file_name: batch.file_name, uploaded_at, preview, outcome: batch.outcome })
}

/// Imports the batch's ready rows in one transaction. Running it again on an
/// imported batch changes nothing and returns what the import did.
#[server(endpoint = "run_import")]
pub async fn run_import(batch_id: i64) -> Result<ImportOutcome, AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};
    use pespro::practice::import;

    let ctx = super::context::RequestContext::current()?;
    let actor = ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    let mut tx = ctx.tenant_tx().await?;
    let batch = import::load_batch(&mut tx, batch_id, true).await?.ok_or(AppError::NotFound)?;
    if let Some(outcome) = batch.outcome {
        return Ok(outcome);
    }
    let plan = import::plan_batch(&mut tx, &batch).await?.map_err(|e| AppError::Conflict(e.to_string()))?;
    let outcome = import::carry_out(&mut tx, batch_id, &plan).await?;
    let detail = format!(
        "{} export: {} entries imported, {} already imported, {} rows with errors",
        plan.source.label(),
        outcome.imported,
        outcome.skipped,
        outcome.errors
    );
    let entry = AuditEntry {
        actor_user_id: Some(actor.user_id),
        actor_label: &actor.audit_label(),
        action: AuditAction::TimeImported,
        subject: &batch.file_name,
        detail: &detail,
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(outcome)
}
