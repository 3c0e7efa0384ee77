//! The firm's invoice format (one JSON value in `firm_settings`) and its
//! tax rates.

use super::{InvoiceError, decode, encode};
use crate::db::TenantTx;
use crate::invoice::InvoiceSettings;
use crate::invoice::tax::{Percent, TaxRate};
pub use crate::invoice::views::TaxRateView;

const KEY: &str = "invoicing";

/// The firm's settings, or the defaults when it never saved any.
pub async fn invoice_settings(tx: &mut TenantTx) -> Result<InvoiceSettings, sqlx::Error> {
    let stored: Option<String> = sqlx::query_scalar("select value::text from firm_settings where setting_key = $1")
        .bind(KEY)
        .fetch_optional(tx.conn())
        .await?;
    stored.map(|json| decode(&json)).transpose().map(Option::unwrap_or_default)
}

pub async fn save_invoice_settings(tx: &mut TenantTx, settings: &InvoiceSettings) -> Result<(), sqlx::Error> {
    tx.wrote("firm_settings");
    sqlx::query(
        "insert into firm_settings (setting_key, value) values ($1, $2::jsonb)
         on conflict (setting_key) do update set value = excluded.value, updated_at = now()",
    )
    .bind(KEY)
    .bind(encode(settings))
    .execute(tx.conn())
    .await
    .map(drop)
}

pub async fn tax_rates(tx: &mut TenantTx) -> Result<Vec<TaxRateView>, sqlx::Error> {
    let rows: Vec<(i64, String, i32, bool)> = sqlx::query_as(
        "select tax_rate_id, name, rate_thousandths, is_default from tax_rates
         where archived_at is null order by name, tax_rate_id",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(tax_rate_id, name, rate, is_default)| TaxRateView {
            tax_rate_id,
            label: rate_of(name, rate).label(),
            is_default,
        })
        .collect())
}

pub(super) fn rate_of(name: String, thousandths: i32) -> TaxRate {
    let rate = u32::try_from(thousandths).ok().and_then(Percent::from_thousandths).unwrap_or_default();
    TaxRate { name, rate }
}

pub async fn add_tax_rate(tx: &mut TenantTx, name: &str, rate: &str, is_default: bool) -> Result<i64, InvoiceError> {
    let rate = Percent::parse(rate).map_err(|e| InvoiceError::invalid("rate", e.to_string()))?;
    let tax = TaxRate::new(name, rate).map_err(|e| InvoiceError::invalid("name", e.to_string()))?;
    let id = sqlx::query_scalar(
        "insert into tax_rates (name, rate_thousandths, is_default) values ($1, $2, $3) returning tax_rate_id",
    )
    .bind(&tax.name)
    .bind(i32::try_from(tax.rate.thousandths()).unwrap_or(0))
    .bind(is_default)
    .fetch_one(tx.conn())
    .await?;
    Ok(id)
}

/// Removes a rate from the choices; invoices that used it keep their copy.
pub async fn archive_tax_rate(tx: &mut TenantTx, tax_rate_id: i64) -> Result<(), InvoiceError> {
    let done = sqlx::query("update tax_rates set archived_at = now() where tax_rate_id = $1 and archived_at is null")
        .bind(tax_rate_id)
        .execute(tx.conn())
        .await?;
    if done.rows_affected() == 0 {
        return Err(InvoiceError::NotFound);
    }
    sqlx::query("delete from client_tax_rates where tax_rate_id = $1").bind(tax_rate_id).execute(tx.conn()).await?;
    Ok(())
}

/// The rates that apply to `client_id`'s invoices: none when exempt, its
/// own set, or the firm's default set.
pub(super) async fn rates_for_client(tx: &mut TenantTx, client_id: i64) -> Result<Vec<TaxRate>, sqlx::Error> {
    let rows: Vec<(String, i32)> = sqlx::query_as(
        "select t.name, t.rate_thousandths from clients c
         join tax_rates t on t.archived_at is null
          and ((c.tax_mode = 'firm' and t.is_default)
            or (c.tax_mode = 'own' and t.tax_rate_id in
                (select tax_rate_id from client_tax_rates where client_id = c.client_id)))
         where c.client_id = $1
         order by t.name, t.tax_rate_id",
    )
    .bind(client_id)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().map(|(name, rate)| rate_of(name, rate)).collect())
}
