//! Time imports in the database: an uploaded file kept as a batch, the
//! firm as the import plan needs it, and carrying the plan out in the
//! caller's transaction (one transaction for the whole file: it all lands,
//! or nothing does).

use crate::db::TenantTx;
use crate::import::{Directory, FileError, ImportOutcome, Plan, Target};
use crate::week::Week;
use std::collections::HashSet;
use time::{Date, OffsetDateTime};

/// Keeps an uploaded file (already decoded to text) and returns its batch id.
pub async fn store_batch(tx: &mut TenantTx, user_id: i64, file_name: &str, content: &str) -> Result<i64, sqlx::Error> {
    let file_name: String = file_name.chars().take(255).collect();
    sqlx::query_scalar(
        "insert into import_batches (file_name, content, uploaded_by) values ($1, $2, $3) returning import_batch_id",
    )
    .bind(file_name)
    .bind(content)
    .bind(user_id)
    .fetch_one(tx.conn())
    .await
}

#[derive(sqlx::FromRow)]
struct BatchRow {
    file_name: String,
    content: String,
    uploaded_at: OffsetDateTime,
    imported_count: Option<i32>,
    skipped_count: Option<i32>,
    error_count: Option<i32>,
}

/// An uploaded file and, once imported, what the import did.
#[derive(Debug, Clone)]
pub struct Batch {
    pub import_batch_id: i64,
    pub file_name: String,
    pub content: String,
    pub uploaded_at: OffsetDateTime,
    pub outcome: Option<ImportOutcome>,
}

/// The batch, or none when this firm has no such batch. `lock` holds it for
/// the transaction, so two imports of one batch run one after the other.
pub async fn load_batch(tx: &mut TenantTx, import_batch_id: i64, lock: bool) -> Result<Option<Batch>, sqlx::Error> {
    let row: Option<BatchRow> = sqlx::query_as(if lock {
        "select file_name, content, uploaded_at, imported_count, skipped_count, error_count
         from import_batches where import_batch_id = $1 for update"
    } else {
        "select file_name, content, uploaded_at, imported_count, skipped_count, error_count
         from import_batches where import_batch_id = $1"
    })
    .bind(import_batch_id)
    .fetch_optional(tx.conn())
    .await?;
    let count = |n: Option<i32>| usize::try_from(n.unwrap_or_default()).unwrap_or_default();
    Ok(row.map(|r| Batch {
        import_batch_id,
        outcome: r.imported_count.map(|_| ImportOutcome {
            imported: count(r.imported_count),
            skipped: count(r.skipped_count),
            errors: count(r.error_count),
        }),
        file_name: r.file_name,
        content: r.content,
        uploaded_at: r.uploaded_at,
    }))
}

/// Recent uploads, newest first: (id, file name, uploaded at, imported count).
pub async fn recent_batches(tx: &mut TenantTx) -> Result<Vec<(i64, String, OffsetDateTime, Option<i32>)>, sqlx::Error> {
    sqlx::query_as(
        "select import_batch_id, file_name, uploaded_at, imported_count
         from import_batches order by import_batch_id desc limit 20",
    )
    .fetch_all(tx.conn())
    .await
}

/// The firm's people, clients and engagements, and which of `keys` were
/// imported before.
pub async fn directory(tx: &mut TenantTx, keys: &[String]) -> Result<Directory, sqlx::Error> {
    let people = sqlx::query_as("select user_id, email, display_name from users").fetch_all(tx.conn()).await?;
    let clients = sqlx::query_as("select client_id, name from clients").fetch_all(tx.conn()).await?;
    let engagements =
        sqlx::query_as("select engagement_id, client_id, code, name from engagements").fetch_all(tx.conn()).await?;
    let imported: Vec<String> = sqlx::query_scalar("select import_key from time_entries where import_key = any($1)")
        .bind(keys)
        .fetch_all(tx.conn())
        .await?;
    let locked: Vec<(i64, Date)> =
        sqlx::query_as("select user_id, week_start from timesheets where status in ('submitted', 'approved')")
            .fetch_all(tx.conn())
            .await?;
    Ok(Directory {
        people,
        clients,
        engagements,
        imported_keys: imported.into_iter().collect::<HashSet<_>>(),
        locked_weeks: locked.into_iter().map(|(user_id, start)| (user_id, Week::starting(start))).collect(),
        first_day: super::formats::first_day(tx).await?,
    })
}

/// Parses the batch's file and plans it against the firm as it is now.
pub async fn plan_batch(tx: &mut TenantTx, batch: &Batch) -> Result<Result<Plan, FileError>, sqlx::Error> {
    let file = match crate::import::parse(&batch.content) {
        Ok(file) => file,
        Err(error) => return Ok(Err(error)),
    };
    let keys: Vec<String> = file.rows.iter().map(|r| r.key.clone()).collect();
    let firm = directory(tx, &keys).await?;
    Ok(Ok(crate::import::plan(&file, &firm)))
}

/// Creates the plan's clients and engagements and inserts its entries.
///
/// Entries the source approved — and all of an export that cannot say
/// (Toggl) — are stored as `approved`: past work that the other tool's
/// users already recorded (and often billed); sending months of history
/// through approval would flood the approvers' inboxes, and approved
/// entries are locked against accidental edits and re-pricing. An admin can
/// unlock one with a reason like any approved entry. Entries the source had
/// not approved (Harvest's "Approved" = No) stay drafts in their person's
/// week, to be submitted there like time logged here; the plan refuses
/// those whose week is already submitted.
///
/// A row whose key another import inserted meanwhile is skipped by the
/// unique index, and counted as skipped.
pub async fn carry_out(tx: &mut TenantTx, import_batch_id: i64, plan: &Plan) -> Result<ImportOutcome, sqlx::Error> {
    // It may add clients and engagements (see `firm_data`).
    tx.wrote("clients");
    tx.wrote("engagements");
    let mut client_ids = Vec::with_capacity(plan.new_clients.len());
    for name in &plan.new_clients {
        let inserted = sqlx::query_scalar(
            "insert into clients (name) values ($1) on conflict ((lower(name))) do nothing returning client_id",
        )
        .bind(name.as_str())
        .fetch_optional(tx.conn())
        .await?;
        client_ids.push(match inserted {
            Some(id) => id,
            // Someone added it since the plan was made: use theirs. (A
            // statement of its own, so it sees what they committed.)
            None => {
                sqlx::query_scalar("select client_id from clients where lower(name) = lower($1)")
                    .bind(name.as_str())
                    .fetch_one(tx.conn())
                    .await?
            }
        });
    }
    let resolve = |target: Target, new: &[i64]| match target {
        Target::Existing(id) => id,
        Target::New(index) => new[index],
    };
    let mut engagement_ids = Vec::with_capacity(plan.new_engagements.len());
    for engagement in &plan.new_engagements {
        let inserted = sqlx::query_scalar(
            "insert into engagements (client_id, code, name) values ($1, $2, $3)
             on conflict (code) do nothing returning engagement_id",
        )
        .bind(resolve(engagement.client, &client_ids))
        .bind(&engagement.code)
        .bind(&engagement.name)
        .fetch_optional(tx.conn())
        .await?;
        engagement_ids.push(match inserted {
            Some(id) => id,
            // The code was taken since the plan was made; the file named
            // that code (or the plan chose it), so the entries go there.
            None => {
                sqlx::query_scalar("select engagement_id from engagements where code = $1")
                    .bind(&engagement.code)
                    .fetch_one(tx.conn())
                    .await?
            }
        });
    }
    let entries = &plan.entries;
    let inserted: Vec<(i64, String)> = sqlx::query_as(
        "insert into time_entries
             (user_id, engagement_id, work_date, minutes, billable, notes, status, import_key, import_batch_id)
         select u, e, d, m, b, n, 'draft', k, $8
         from unnest($1::bigint[], $2::bigint[], $3::date[], $4::int[], $5::bool[], $6::text[], $7::text[])
             as t(u, e, d, m, b, n, k)
         on conflict (import_key) where import_key is not null do nothing
         returning time_entry_id, import_key",
    )
    .bind(entries.iter().map(|e| e.user_id).collect::<Vec<_>>())
    .bind(entries.iter().map(|e| resolve(e.engagement, &engagement_ids)).collect::<Vec<_>>())
    .bind(entries.iter().map(|e| e.work_date).collect::<Vec<_>>())
    .bind(entries.iter().map(|e| i32::try_from(e.minutes).unwrap_or(i32::MAX)).collect::<Vec<_>>())
    .bind(entries.iter().map(|e| e.billable).collect::<Vec<_>>())
    .bind(entries.iter().map(|e| e.notes.clone()).collect::<Vec<_>>())
    .bind(entries.iter().map(|e| e.key.clone()).collect::<Vec<_>>())
    .bind(import_batch_id)
    .fetch_all(tx.conn())
    .await?;
    // Priced while still drafts (pricing leaves approved entries alone),
    // then the ones the source approved are approved.
    let ids: Vec<i64> = inserted.iter().map(|(id, _)| *id).collect();
    super::price_entries(tx, &ids).await?;
    let approved_keys: HashSet<&str> = entries.iter().filter(|e| e.approved).map(|e| e.key.as_str()).collect();
    let approved: Vec<i64> =
        inserted.iter().filter(|(_, key)| approved_keys.contains(key.as_str())).map(|(id, _)| *id).collect();
    sqlx::query("update time_entries set status = 'approved', approved_at_import = true where time_entry_id = any($1)")
        .bind(&approved)
        .execute(tx.conn())
        .await?;
    let imported = inserted.len();
    let outcome =
        ImportOutcome { imported, skipped: plan.duplicates + entries.len() - imported, errors: plan.errors.len() };
    let as_int = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
    sqlx::query(
        "update import_batches set imported_at = now(), imported_count = $2, skipped_count = $3, error_count = $4
         where import_batch_id = $1",
    )
    .bind(import_batch_id)
    .bind(as_int(outcome.imported))
    .bind(as_int(outcome.skipped))
    .bind(as_int(outcome.errors))
    .execute(tx.conn())
    .await?;
    Ok(outcome)
}
