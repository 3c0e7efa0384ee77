//! What an export would carry: numbered documents never exported, the
//! reversal of each exported document voided since, and payments never
//! exported — within a period, or all of them.

use crate::accounting::source::{DocKind, SourceDocument, SourceLine, SourcePayment};
use crate::db::TenantTx;
use crate::invoice::{LineKind, Quantity, TaxRate};
use crate::money::{Currency, Minutes};
use time::Date;

#[derive(Debug, Default)]
pub struct Pending {
    pub documents: Vec<SourceDocument>,
    pub payments: Vec<SourcePayment>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.payments.is_empty()
    }
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    invoice_id: i64,
    kind: String,
    number: String,
    code: String,
    client: String,
    dated: Date,
    due_on: Date,
    currency: String,
    credits_number: Option<String>,
    taxes: String,
    tax_minor: i64,
    reversal: bool,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    invoice_id: i64,
    kind: String,
    engagement: Option<String>,
    description: String,
    quantity_minutes: Option<i32>,
    quantity_hundredths: Option<i64>,
    rate_minor: Option<i64>,
    amount_minor: i64,
    taxable: bool,
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    invoice_payment_id: i64,
    number: String,
    code: String,
    client: String,
    paid_on: Date,
    amount_minor: i64,
    currency: String,
    method: String,
    reference: String,
}

/// Not yet exported, dated within `period` when one is given (a reversal is
/// dated the day of the void).
pub async fn pending(tx: &mut TenantTx, period: Option<(Date, Date)>) -> Result<Pending, sqlx::Error> {
    let (from, to) = period.map_or((None, None), |(f, t)| (Some(f), Some(t)));
    let rows: Vec<DocumentRow> = sqlx::query_as(
        "with candidates as (
             select i.*, i.status = 'void' as reversal,
                    case when i.status = 'void' then i.voided_at::date
                         else coalesce(i.issued_on, i.approved_at::date) end as dated
             from invoices i
             where i.number is not null
               and case when i.status = 'void'
                        then exists (select 1 from export_batch_documents d
                                     where d.invoice_id = i.invoice_id and not d.as_reversal)
                             and not exists (select 1 from export_batch_documents d
                                             where d.invoice_id = i.invoice_id and d.as_reversal)
                        else not exists (select 1 from export_batch_documents d
                                         where d.invoice_id = i.invoice_id and not d.as_reversal) end
         )
         select k.invoice_id, k.kind, k.number, c.code, c.name as client, k.dated,
                case when k.reversal then k.dated else coalesce(k.due_on, k.dated) end as due_on,
                k.currency::text as currency, o.number as credits_number, k.taxes::text as taxes, k.tax_minor,
                k.reversal
         from candidates k join clients c using (client_id)
         left join invoices o on o.invoice_id = k.credits_invoice_id
         where $1::date is null or k.dated between $1 and $2
         order by k.dated, k.invoice_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(tx.conn())
    .await?;
    let documents = with_lines(tx, rows).await?;
    let payments = payments_received(tx, from, to, true).await?;
    Ok(Pending { documents, payments })
}

/// Documents already exported as themselves, as they are now, for a
/// deliberate re-export (never as reversals).
pub async fn exported_documents(tx: &mut TenantTx, invoice_ids: &[i64]) -> Result<Vec<SourceDocument>, sqlx::Error> {
    let rows: Vec<DocumentRow> = sqlx::query_as(
        "select i.invoice_id, i.kind, i.number, c.code, c.name as client,
                coalesce(i.issued_on, i.approved_at::date) as dated,
                coalesce(i.due_on, i.issued_on, i.approved_at::date) as due_on, i.currency::text as currency,
                o.number as credits_number, i.taxes::text as taxes, i.tax_minor, false as reversal
         from invoices i join clients c using (client_id)
         left join invoices o on o.invoice_id = i.credits_invoice_id
         where i.invoice_id = any($1) and i.number is not null
           and exists (select 1 from export_batch_documents d where d.invoice_id = i.invoice_id and not d.as_reversal)
         order by i.invoice_id",
    )
    .bind(invoice_ids)
    .fetch_all(tx.conn())
    .await?;
    with_lines(tx, rows).await
}

/// Everything dated within the period, exported or not, for the month-end
/// pack: documents not void (as themselves) and payments received.
pub async fn in_period(tx: &mut TenantTx, from: Date, to: Date) -> Result<Pending, sqlx::Error> {
    let rows: Vec<DocumentRow> = sqlx::query_as(
        "select i.invoice_id, i.kind, i.number, c.code, c.name as client,
                coalesce(i.issued_on, i.approved_at::date) as dated,
                coalesce(i.due_on, i.issued_on, i.approved_at::date) as due_on, i.currency::text as currency,
                o.number as credits_number, i.taxes::text as taxes, i.tax_minor, false as reversal
         from invoices i join clients c using (client_id)
         left join invoices o on o.invoice_id = i.credits_invoice_id
         where i.number is not null and i.status <> 'void'
           and coalesce(i.issued_on, i.approved_at::date) between $1 and $2
         order by dated, i.invoice_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(tx.conn())
    .await?;
    let documents = with_lines(tx, rows).await?;
    let payments = payments_received(tx, Some(from), Some(to), false).await?;
    Ok(Pending { documents, payments })
}

/// Every numbered document dated within the period, void ones included
/// (their PDFs belong in the pack), oldest first.
pub async fn numbered_in_period(tx: &mut TenantTx, from: Date, to: Date) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select invoice_id from invoices
         where number is not null and coalesce(issued_on, approved_at::date) between $1 and $2
         order by coalesce(issued_on, approved_at::date), invoice_id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(tx.conn())
    .await
}

async fn with_lines(tx: &mut TenantTx, rows: Vec<DocumentRow>) -> Result<Vec<SourceDocument>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.invoice_id).collect();
    let lines: Vec<LineRow> = sqlx::query_as(
        "select l.invoice_id, l.kind, e.name as engagement, l.description, l.quantity_minutes, l.quantity_hundredths,
                l.rate_minor, l.amount_minor, l.taxable
         from invoice_lines l left join engagements e using (engagement_id)
         where l.invoice_id = any($1)
         order by l.invoice_id, l.position, l.invoice_line_id",
    )
    .bind(&ids)
    .fetch_all(tx.conn())
    .await?;
    let mut documents = Vec::with_capacity(rows.len());
    for row in rows {
        let taxes: Vec<TaxRate> = serde_json::from_str(&row.taxes).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        documents.push(SourceDocument {
            invoice_id: row.invoice_id,
            kind: if row.kind == "credit_note" { DocKind::CreditNote } else { DocKind::Invoice },
            number: row.number,
            client_code: row.code,
            client_name: row.client,
            issued_on: row.dated,
            due_on: row.due_on,
            currency: currency(&row.currency),
            credits_number: row.credits_number,
            taxes,
            tax_minor: row.tax_minor,
            lines: lines.iter().filter(|l| l.invoice_id == row.invoice_id).map(source_line).collect(),
            reversal: row.reversal,
        });
    }
    Ok(documents)
}

/// Money received (credit notes applied are not payments), dated within
/// the period when one is given; with `only_new`, never exported yet.
async fn payments_received(
    tx: &mut TenantTx,
    from: Option<Date>,
    to: Option<Date>,
    only_new: bool,
) -> Result<Vec<SourcePayment>, sqlx::Error> {
    let rows: Vec<PaymentRow> = sqlx::query_as(
        "select p.invoice_payment_id, i.number, c.code, c.name as client, p.paid_on, p.amount_minor,
                i.currency::text as currency, p.method, p.reference
         from invoice_payments p join invoices i using (invoice_id) join clients c using (client_id)
         where p.method <> 'credit_note'
           and not ($3 and exists (select 1 from export_batch_payments x
                                   where x.invoice_payment_id = p.invoice_payment_id))
           and ($1::date is null or p.paid_on between $1 and $2)
         order by p.paid_on, p.invoice_payment_id",
    )
    .bind(from)
    .bind(to)
    .bind(only_new)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().map(source_payment).collect())
}

fn currency(raw: &str) -> Currency {
    // Stored by a check constraint as three capitals.
    Currency::parse(raw).unwrap_or(Currency::USD)
}

fn source_line(l: &LineRow) -> SourceLine {
    let quantity = match (l.quantity_minutes, l.quantity_hundredths) {
        (Some(m), _) => Quantity::Minutes(Minutes(u32::try_from(m).unwrap_or(0))),
        (None, h) => Quantity::Units(h.unwrap_or(100)),
    };
    SourceLine {
        kind: LineKind::parse(&l.kind).unwrap_or(LineKind::Free),
        engagement: l.engagement.clone(),
        description: l.description.clone(),
        quantity,
        rate_minor: l.rate_minor,
        amount_minor: l.amount_minor,
        taxable: l.taxable,
    }
}

fn source_payment(p: PaymentRow) -> SourcePayment {
    SourcePayment {
        invoice_payment_id: p.invoice_payment_id,
        invoice_number: p.number,
        client_code: p.code,
        client_name: p.client,
        paid_on: p.paid_on,
        amount_minor: p.amount_minor,
        currency: currency(&p.currency),
        method: p.method,
        reference: p.reference,
    }
}
