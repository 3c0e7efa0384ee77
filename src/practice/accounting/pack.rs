//! The month-end pack: one zip per period — the target's files for every
//! non-void document of the period, every invoice and credit note as PDF
//! (void ones included), the payments and a summary. Prepared in the
//! background, its progress kept in `accounting_packs` (PDFs drawn of the
//! total) so whichever server process answers can show it, and the zip
//! stored there when ready. Reading a pack marks nothing as exported.

use super::{accounting_mapping, in_period, numbered_in_period};
use crate::access::Role;
use crate::accounting::views::{PackView, size_text};
use crate::accounting::{Context, Payment, payments, resolve, summary, write};
use crate::brand::Theme;
use crate::db::{Database, TenantHandle, TenantTx};
use crate::practice::invoices::{Logo, invoice_page, invoice_pdf, pdf_file_name};
use std::io::Write;
use time::{Date, OffsetDateTime, PrimitiveDateTime};
use zip::write::SimpleFileOptions;

type Failure = Box<dyn std::error::Error + Send + Sync>;

/// Records a pack to prepare for `from`..=`to` and forgets week-old ones.
pub async fn start_pack(tx: &mut TenantTx, by: i64, from: Date, to: Date) -> Result<i64, sqlx::Error> {
    sqlx::query("delete from accounting_packs where requested_at < now() - interval '7 days'")
        .execute(tx.conn())
        .await?;
    let total = numbered_in_period(tx, from, to).await?.len();
    sqlx::query_scalar(
        "insert into accounting_packs (period_from, period_to, requested_by, total) values ($1, $2, $3, $4)
         returning accounting_pack_id",
    )
    .bind(from)
    .bind(to)
    .bind(by)
    .bind(i32::try_from(total).unwrap_or(i32::MAX))
    .fetch_one(tx.conn())
    .await
}

#[derive(sqlx::FromRow)]
struct PackRow {
    accounting_pack_id: i64,
    period_from: Date,
    period_to: Date,
    total: i32,
    done: i32,
    status: String,
    stale: bool,
    size: Option<i32>,
}

/// The firm's recent packs, newest first.
pub async fn packs(tx: &mut TenantTx) -> Result<Vec<PackView>, sqlx::Error> {
    let rows: Vec<PackRow> = sqlx::query_as(
        "select accounting_pack_id, period_from, period_to, total, done, status,
                status = 'running' and touched_at < now() - interval '1 minute' as stale, octet_length(bytes) as size
         from accounting_packs order by accounting_pack_id desc limit 5",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| PackView {
            pack_id: r.accounting_pack_id,
            period: format!("{} to {}", r.period_from, r.period_to),
            total: r.total,
            done: r.done,
            status: if r.stale { "failed".into() } else { r.status },
            size: r.size.map(|s| size_text(i64::from(s))).unwrap_or_default(),
        })
        .collect())
}

/// A ready pack: (file name, zip).
pub async fn pack_zip(tx: &mut TenantTx, pack_id: i64) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    let row: Option<(Date, Date, Vec<u8>)> = sqlx::query_as(
        "select period_from, period_to, bytes from accounting_packs
         where accounting_pack_id = $1 and status = 'ready'",
    )
    .bind(pack_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.map(|(from, to, bytes)| (format!("accounting-{from}-to-{to}.zip"), bytes)))
}

/// What drawing a pack needs besides the database.
pub struct PackJob {
    pub db: Database,
    pub tenant: TenantHandle,
    pub pack_id: i64,
    pub viewer: (i64, Role),
    pub theme: Theme,
    pub logo: Option<Logo>,
}

/// Prepares the pack, marking it ready or failed.
pub async fn build_pack(job: PackJob) {
    let outcome = prepare(&job).await;
    let status = async {
        let mut tx = job.db.tenant_tx(&job.tenant).await?;
        match &outcome {
            Ok(bytes) => {
                sqlx::query("update accounting_packs set status = 'ready', bytes = $2 where accounting_pack_id = $1")
                    .bind(job.pack_id)
                    .bind(bytes)
                    .execute(tx.conn())
                    .await?
            }
            Err(_) => {
                sqlx::query("update accounting_packs set status = 'failed' where accounting_pack_id = $1")
                    .bind(job.pack_id)
                    .execute(tx.conn())
                    .await?
            }
        };
        tx.commit().await
    };
    if let Err(error) = &outcome {
        tracing::error!(%error, pack = job.pack_id, "a month-end pack could not be prepared");
    }
    if let Err(error) = status.await {
        tracing::error!(%error, pack = job.pack_id, "a month-end pack's outcome could not be recorded");
    }
}

const README: &str = "This pack holds a period's invoicing, for the books:\r\n\
- books/: the files for your accounting system, written for every invoice and credit note of the period \
(for reference: import the batches from the Export to accounting page, which never carry a document twice);\r\n\
- invoices/: every invoice and credit note of the period as PDF, void ones included;\r\n\
- payments.csv: the money received in the period;\r\n\
- summary.csv: counts and totals per currency and tax rate.\r\n";

async fn prepare(job: &PackJob) -> Result<Vec<u8>, Failure> {
    let mut tx = job.db.tenant_tx(&job.tenant).await?;
    let (from, to): (Date, Date) =
        sqlx::query_as("select period_from, period_to from accounting_packs where accounting_pack_id = $1")
            .bind(job.pack_id)
            .fetch_one(tx.conn())
            .await?;
    let mapping = accounting_mapping(&mut tx).await?;
    let found = in_period(&mut tx, from, to).await?;
    let ids = numbered_in_period(&mut tx, from, to).await?;
    tx.commit().await?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("README.txt", deflated)?;
    zip.write_all(README.as_bytes())?;
    let now = OffsetDateTime::now_utc();
    let context = Context { created_at: PrimitiveDateTime::new(now.date(), now.time()) };
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
    let payments_file = payments::write(&received).map(|f| f.bytes);
    zip.write_all(&payments_file.unwrap_or_else(|| format!("{}\r\n", payments::HEADING.join(",")).into_bytes()))?;
    zip.start_file("summary.csv", deflated)?;
    zip.write_all(&summary::summary(&found.documents, &found.payments))?;
    // PDFs are already compressed: stored as they are.
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (done, id) in ids.into_iter().enumerate() {
        let mut tx = job.db.tenant_tx(&job.tenant).await?;
        let page = invoice_page(&mut tx, id, job.viewer, now.date()).await?;
        let name = pdf_file_name(&page);
        let (theme, logo) = (job.theme.clone(), job.logo.clone());
        // Drawing is CPU work: off the async workers.
        let bytes = tokio::task::spawn_blocking(move || invoice_pdf(&page, &theme, logo)).await??;
        zip.start_file(format!("invoices/{name}"), stored)?;
        zip.write_all(&bytes)?;
        sqlx::query("update accounting_packs set done = $2, touched_at = now() where accounting_pack_id = $1")
            .bind(job.pack_id)
            .bind(i32::try_from(done + 1).unwrap_or(i32::MAX))
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
    }
    Ok(zip.finish()?.into_inner())
}
