//! Export batches: written once, stored byte for byte, listed, downloaded
//! again unchanged, and — deliberately, with a reason — carrying documents
//! already exported.

use super::gather::{exported_documents, pending};
use super::{ExportError, accounting_mapping};
use crate::accounting::views::{BatchView, FileView, size_text};
use crate::accounting::{
    Context, ExportFile, Mapping, SourceDocument, SourcePayment, Target, payments, resolve, write,
};
use crate::audit::{AuditAction, AuditEntry, record};
use crate::db::TenantTx;
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime, PrimitiveDateTime};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Nothing new since the last batch (within the period asked).
    Nothing,
    Written {
        batch_id: i64,
        documents: usize,
        payments: usize,
    },
}

/// Who asks, as the audit trail names them.
pub struct Actor<'a> {
    pub user_id: i64,
    pub label: &'a str,
    pub address: Option<std::net::IpAddr>,
}

/// Exports what is not yet exported (within `period`), or refuses with
/// every gap in the mapping.
pub async fn export(
    tx: &mut TenantTx,
    actor: &Actor<'_>,
    period: Option<(Date, Date)>,
    now: OffsetDateTime,
) -> Result<ExportOutcome, ExportError> {
    let mapping = accounting_mapping(tx).await?.ok_or(ExportError::NotSetUp)?;
    let found = pending(tx, period).await?;
    if found.is_empty() {
        return Ok(ExportOutcome::Nothing);
    }
    let batch_id = store(tx, actor, &mapping, period, "", &found.documents, &found.payments, now).await?;
    let detail = format!(
        "{} documents and {} payments for {}",
        found.documents.len(),
        found.payments.len(),
        mapping.target.label()
    );
    audit(tx, actor, AuditAction::AccountingExported, batch_id, &detail).await?;
    Ok(ExportOutcome::Written { batch_id, documents: found.documents.len(), payments: found.payments.len() })
}

/// Exports `invoice_ids` again — documents already exported — as a batch of
/// their own, with `reason` kept on it and in the audit trail.
pub async fn reexport(
    tx: &mut TenantTx,
    actor: &Actor<'_>,
    invoice_ids: &[i64],
    reason: &str,
    now: OffsetDateTime,
) -> Result<i64, ExportError> {
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ExportError::Invalid("say why these documents go again (at most 500 characters)".into()));
    }
    let mapping = accounting_mapping(tx).await?.ok_or(ExportError::NotSetUp)?;
    let documents = exported_documents(tx, invoice_ids).await?;
    if documents.is_empty() || documents.len() != invoice_ids.len() {
        return Err(ExportError::Invalid("only documents already exported can be exported again".into()));
    }
    let batch_id = store(tx, actor, &mapping, None, &reason, &documents, &[], now).await?;
    let numbers: Vec<&str> = documents.iter().map(|d| d.number.as_str()).collect();
    let detail = format!("{} again, because: {reason}", numbers.join(", "));
    audit(tx, actor, AuditAction::AccountingReexported, batch_id, &detail).await?;
    Ok(batch_id)
}

#[expect(clippy::too_many_arguments, reason = "one private step of the two public ones, each argument plain")]
async fn store(
    tx: &mut TenantTx,
    actor: &Actor<'_>,
    mapping: &Mapping,
    period: Option<(Date, Date)>,
    reason: &str,
    documents: &[SourceDocument],
    source_payments: &[SourcePayment],
    now: OffsetDateTime,
) -> Result<i64, ExportError> {
    let (docs, pays) = resolve(mapping, documents, source_payments).map_err(ExportError::Gaps)?;
    let context = Context { created_at: PrimitiveDateTime::new(now.date(), now.time()) };
    let mut files: Vec<ExportFile> = write(mapping, &context, &docs, &pays);
    files.extend(payments::write(&pays));
    let batch_id: i64 = sqlx::query_scalar(
        "insert into export_batches (target, period_from, period_to, mapping, created_by, reexport_reason)
         values ($1, $2, $3, $4::jsonb, $5, $6) returning export_batch_id",
    )
    .bind(mapping.target.as_str())
    .bind(period.map(|p| p.0))
    .bind(period.map(|p| p.1))
    .bind(serde_json::to_string(mapping).map_err(|e| sqlx::Error::Encode(Box::new(e)))?)
    .bind(actor.user_id)
    .bind(reason)
    .fetch_one(tx.conn())
    .await?;
    for (position, file) in files.iter().enumerate() {
        sqlx::query(
            "insert into export_batch_files (export_batch_id, position, name, bytes, sha256) values ($1, $2, $3, $4, $5)",
        )
        .bind(batch_id)
        .bind(i32::try_from(position).unwrap_or(i32::MAX))
        .bind(&file.name)
        .bind(&file.bytes)
        .bind(Sha256::digest(&file.bytes).as_slice())
        .execute(tx.conn())
        .await?;
    }
    let deliberate = !reason.is_empty();
    let ids: Vec<i64> = documents.iter().map(|d| d.invoice_id).collect();
    let reversals: Vec<bool> = documents.iter().map(|d| d.reversal).collect();
    sqlx::query(
        "insert into export_batch_documents (export_batch_id, invoice_id, as_reversal, deliberate)
         select $1, invoice_id, as_reversal, $4 from unnest($2::bigint[], $3::boolean[]) as t (invoice_id, as_reversal)",
    )
    .bind(batch_id)
    .bind(&ids)
    .bind(&reversals)
    .bind(deliberate)
    .execute(tx.conn())
    .await
    .map_err(taken)?;
    let payment_ids: Vec<i64> = source_payments.iter().map(|p| p.invoice_payment_id).collect();
    sqlx::query(
        "insert into export_batch_payments (export_batch_id, invoice_payment_id, deliberate)
         select $1, invoice_payment_id, $3 from unnest($2::bigint[]) as t (invoice_payment_id)",
    )
    .bind(batch_id)
    .bind(&payment_ids)
    .bind(deliberate)
    .execute(tx.conn())
    .await
    .map_err(taken)?;
    Ok(batch_id)
}

/// The unique index that keeps a document to one export refused this one:
/// another export took some of the same documents first.
fn taken(error: sqlx::Error) -> ExportError {
    match &error {
        sqlx::Error::Database(db) if db.code().as_deref() == Some("23505") => ExportError::Conflict(
            "another export took some of these documents a moment ago; look at the batches below and export again"
                .into(),
        ),
        _ => ExportError::Db(error),
    }
}

async fn audit(
    tx: &mut TenantTx,
    actor: &Actor<'_>,
    action: AuditAction,
    batch_id: i64,
    detail: &str,
) -> Result<(), sqlx::Error> {
    let subject = format!("Export batch {batch_id}");
    record(
        tx,
        &AuditEntry {
            actor_user_id: Some(actor.user_id),
            actor_label: actor.label,
            action,
            subject: &subject,
            detail,
            client_address: actor.address,
        },
    )
    .await
}

#[derive(sqlx::FromRow)]
struct BatchRow {
    export_batch_id: i64,
    target: String,
    created_at: OffsetDateTime,
    by: String,
    period_from: Option<Date>,
    period_to: Option<Date>,
    reexport_reason: String,
    documents: i64,
    payments: i64,
}

/// The newest batches, newest first.
pub async fn batches(
    tx: &mut TenantTx,
    reader: crate::practice::time_zones::Reader<'_>,
) -> Result<Vec<BatchView>, sqlx::Error> {
    let rows: Vec<BatchRow> = sqlx::query_as(
        "select b.export_batch_id, b.target, b.created_at, u.display_name as by, b.period_from, b.period_to,
                b.reexport_reason,
                (select count(*) from export_batch_documents d where d.export_batch_id = b.export_batch_id) as documents,
                (select count(*) from export_batch_payments p where p.export_batch_id = b.export_batch_id) as payments
         from export_batches b join users u on u.user_id = b.created_by
         order by b.export_batch_id desc limit 50",
    )
    .fetch_all(tx.conn())
    .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.export_batch_id).collect();
    let files: Vec<(i64, i32, String, i32)> = sqlx::query_as(
        "select export_batch_id, position, name, octet_length(bytes) from export_batch_files
         where export_batch_id = any($1) order by export_batch_id, position",
    )
    .bind(&ids)
    .fetch_all(tx.conn())
    .await?;
    let times: Vec<OffsetDateTime> = rows.iter().map(|r| r.created_at).collect();
    let created = reader.when(tx, &times).await?;
    Ok(rows
        .into_iter()
        .zip(created)
        .map(|(r, created)| BatchView {
            batch_id: r.export_batch_id,
            target: Target::parse(&r.target).map_or(r.target.clone(), |t| t.label().to_owned()),
            created,
            by: r.by,
            period: match (r.period_from, r.period_to) {
                (Some(from), Some(to)) => format!("{} to {}", reader.formats.date(from), reader.formats.date(to)),
                _ => "Everything not yet exported".into(),
            },
            documents: r.documents,
            payments: r.payments,
            reason: r.reexport_reason,
            files: files
                .iter()
                .filter(|f| f.0 == r.export_batch_id)
                .map(|f| FileView { position: f.1, name: f.2.clone(), size: size_text(i64::from(f.3)) })
                .collect(),
        })
        .collect())
}

/// One file of a batch, exactly as written: (name, bytes).
pub async fn batch_file(
    tx: &mut TenantTx,
    batch_id: i64,
    position: i32,
) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as("select name, bytes from export_batch_files where export_batch_id = $1 and position = $2")
        .bind(batch_id)
        .bind(position)
        .fetch_optional(tx.conn())
        .await
}
