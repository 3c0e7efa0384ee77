//! Accounting hand-off in the firm's schema: its mapping (one JSON value in
//! `firm_settings`), what is still to be exported, and export batches —
//! written once, kept byte for byte, never carrying a document twice by
//! accident (a unique index refuses it, however two exports race).

mod batches;
mod gather;
mod pack;
mod preview;
mod setup;

pub use batches::Actor;
pub use batches::{ExportOutcome, batch_file, batches, export, reexport};
pub use gather::{Pending, in_period, numbered_in_period, pending};
pub use pack::{PackJob, build_pack, pack_zip, packs, start_pack};
pub use preview::preview;
pub use setup::{clients, tax_keys};

use crate::accounting::{Gap, Mapping};
use crate::db::TenantTx;

const KEY: &str = "accounting";

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("choose your accounting system and its accounts first")]
    NotSetUp,
    #[error("some documents lack an account or tax code")]
    Gaps(Vec<Gap>),
    /// Someone else's export (or a bad request) got there first.
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The firm's mapping, or `None` while it never chose a target.
pub async fn accounting_mapping(tx: &mut TenantTx) -> Result<Option<Mapping>, sqlx::Error> {
    let stored: Option<String> = sqlx::query_scalar("select value::text from firm_settings where setting_key = $1")
        .bind(KEY)
        .fetch_optional(tx.conn())
        .await?;
    stored.map(|json| serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))).transpose()
}

pub async fn save_accounting_mapping(tx: &mut TenantTx, mapping: &Mapping) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(mapping).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    tx.wrote("firm_settings");
    sqlx::query(
        "insert into firm_settings (setting_key, value) values ($1, $2::jsonb)
         on conflict (setting_key) do update set value = excluded.value, updated_at = now()",
    )
    .bind(KEY)
    .bind(json)
    .execute(tx.conn())
    .await
    .map(drop)
}

/// The ids of the numbered documents called `numbers` (unknown numbers are
/// left out: the caller compares counts).
pub async fn ids_of(tx: &mut TenantTx, numbers: &[String]) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("select invoice_id from invoices where number = any($1) order by invoice_id")
        .bind(numbers)
        .fetch_all(tx.conn())
        .await
}
