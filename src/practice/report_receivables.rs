//! What the receivables report reads: every invoice that was ever sent,
//! with the payments and credits applied to it, to rebuild what was owed
//! on each day of the trend; and today's aging per client, the same read
//! as the receivables page.

use crate::db::TenantTx;
use crate::first_day::FirstDay;
use crate::money::Currency;
use crate::reports::period::Period;
use crate::reports::receivables::{ReceivablesReport, SentInvoice, receivables_trend};
use std::collections::HashMap;
use time::Date;

pub async fn receivables_report(
    tx: &mut TenantTx,
    period: &Period,
    first: FirstDay,
    today: Date,
) -> Result<ReceivablesReport, sqlx::Error> {
    // Sent before the period ended and not settled before it began: the
    // invoices that can have been owed on one of its days.
    let invoices: Vec<(i64, String, Date, Date, i64, Option<Date>)> = sqlx::query_as(
        "select i.invoice_id, i.currency::text, i.issued_on, i.due_on, i.total_minor, i.voided_at::date
         from invoices i
         where i.kind = 'invoice' and i.sent_at is not null and i.issued_on is not null and i.due_on is not null
           and i.issued_on <= $2
           and (i.voided_at is null or i.voided_at::date > $1)
           and (i.status <> 'paid' or coalesce((select max(p.paid_on) from invoice_payments p
                                                where p.invoice_id = i.invoice_id), $1) >= $1)",
    )
    .bind(period.from)
    .bind(period.to)
    .fetch_all(tx.conn())
    .await?;
    let payments: Vec<(i64, Date, i64)> = sqlx::query_as(
        "select p.invoice_id, p.paid_on, p.amount_minor
         from invoice_payments p
         where p.invoice_id = any($1)",
    )
    .bind(invoices.iter().map(|row| row.0).collect::<Vec<_>>())
    .fetch_all(tx.conn())
    .await?;
    let mut paid: HashMap<i64, Vec<(Date, i64)>> = HashMap::new();
    for (invoice_id, on, amount) in payments {
        paid.entry(invoice_id).or_default().push((on, amount));
    }
    let sent: Vec<SentInvoice> = invoices
        .into_iter()
        .filter_map(|(invoice_id, currency, issued_on, due_on, total_minor, voided_on)| {
            Some(SentInvoice {
                currency: Currency::parse(&currency).ok()?,
                issued_on,
                due_on,
                total_minor,
                voided_on,
                payments: paid.remove(&invoice_id).unwrap_or_default(),
            })
        })
        .collect();
    let points: Vec<Date> = period.buckets(first).into_iter().map(|(_, _, to)| to).collect();
    Ok(ReceivablesReport {
        trend: receivables_trend(&sent, &points),
        today: super::invoices::receivables(tx, today).await?,
    })
}
