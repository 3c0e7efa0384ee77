//! What the settings page maps: the firm's tax sets (every set a client's
//! invoices can carry, and every set on an invoice already numbered) and
//! its clients.

use crate::accounting::source::{UNTAXED, tax_set_label};
use crate::db::TenantTx;
use crate::invoice::{Percent, TaxRate};

/// The tax keys to map, sorted, with "No tax" last.
pub async fn tax_keys(tx: &mut TenantTx) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(i64, String, i32)> = sqlx::query_as(
        "select c.client_id, t.name, t.rate_thousandths from clients c
         join tax_rates t on t.archived_at is null
          and ((c.tax_mode = 'firm' and t.is_default)
            or (c.tax_mode = 'own' and t.tax_rate_id in
                (select tax_rate_id from client_tax_rates where client_id = c.client_id)))
         order by c.client_id, t.name, t.tax_rate_id",
    )
    .fetch_all(tx.conn())
    .await?;
    let mut sets: Vec<Vec<TaxRate>> = Vec::new();
    let mut current: Option<i64> = None;
    for (client, name, rate) in rows {
        let rate =
            TaxRate { name, rate: u32::try_from(rate).ok().and_then(Percent::from_thousandths).unwrap_or_default() };
        if current == Some(client) {
            if let Some(set) = sets.last_mut() {
                set.push(rate);
            }
        } else {
            sets.push(vec![rate]);
            current = Some(client);
        }
    }
    let issued: Vec<String> = sqlx::query_scalar(
        "select distinct taxes::text from invoices where number is not null and taxes <> '[]'::jsonb",
    )
    .fetch_all(tx.conn())
    .await?;
    for json in issued {
        sets.push(serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?);
    }
    let mut keys: Vec<String> = sets.iter().filter(|s| !s.is_empty()).map(|s| tax_set_label(s)).collect();
    keys.sort();
    keys.dedup();
    keys.push(UNTAXED.to_owned());
    Ok(keys)
}

/// (code, name) of every client, by name.
pub async fn clients(tx: &mut TenantTx) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("select code, name from clients order by name, client_id").fetch_all(tx.conn()).await
}
