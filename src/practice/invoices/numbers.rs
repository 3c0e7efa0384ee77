//! Numbering at finalization. The counter row is incremented with one
//! upsert inside the finalizing transaction; PostgreSQL holds its row lock
//! until that transaction ends, so a second finalization waits, then sees
//! the first's value. A rollback undoes the increment, so no number is
//! lost: numbers are consecutive and never repeat within a counter.

use crate::db::TenantTx;
use crate::invoice::NumberPattern;
use time::Date;

/// The next number of `series` (`invoice` or `credit_note`) for an invoice
/// issued on `issued_on` to `client_id`.
pub(super) async fn next_number(
    tx: &mut TenantTx,
    series: &str,
    pattern: &NumberPattern,
    issued_on: Date,
    client_id: i64,
) -> Result<String, sqlx::Error> {
    let key = pattern.counter_key(issued_on, client_id);
    let value: i64 = sqlx::query_scalar(
        "insert into invoice_counters (series, counter_key, last_value) values ($1, $2, 1)
         on conflict (series, counter_key) do update set last_value = invoice_counters.last_value + 1
         returning last_value",
    )
    .bind(series)
    .bind(&key)
    .fetch_one(tx.conn())
    .await?;
    let code: String = sqlx::query_scalar("select code from clients where client_id = $1")
        .bind(client_id)
        .fetch_one(tx.conn())
        .await?;
    Ok(pattern.render(issued_on, &code, u64::try_from(value).unwrap_or(0)))
}

/// What the next number would be, without taking it (the settings page's
/// live preview).
pub async fn preview_number(
    tx: &mut TenantTx,
    pattern: &NumberPattern,
    today: Date,
    client: Option<(i64, String)>,
) -> Result<String, sqlx::Error> {
    let (client_id, code) = client.unwrap_or((0, "ACME".to_owned()));
    let next = counter_after(tx, pattern, today, client_id).await?;
    Ok(pattern.render(today, &code, next))
}

/// The value the firm-wide counter of `pattern` gives next (a per-client
/// counter: for a client with no invoice yet).
pub async fn next_counter(tx: &mut TenantTx, pattern: &NumberPattern, today: Date) -> Result<u64, sqlx::Error> {
    counter_after(tx, pattern, today, 0).await
}

async fn counter_after(
    tx: &mut TenantTx,
    pattern: &NumberPattern,
    today: Date,
    client_id: i64,
) -> Result<u64, sqlx::Error> {
    let key = pattern.counter_key(today, client_id);
    let last: Option<i64> =
        sqlx::query_scalar("select last_value from invoice_counters where series = 'invoice' and counter_key = $1")
            .bind(&key)
            .fetch_optional(tx.conn())
            .await?;
    Ok(u64::try_from(last.unwrap_or(0) + 1).unwrap_or(1))
}
