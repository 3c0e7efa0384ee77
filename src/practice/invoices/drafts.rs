//! Building a draft from a client's unbilled work, and throwing one away.
//! The client's row is locked while the draft is built, so two managers
//! drafting for the same client at once never bill the same entry twice:
//! the second waits and finds the work already taken.

use super::settings::{invoice_settings, rates_for_client};
use super::{InvoiceError, encode, lock, refresh_totals};
use crate::db::TenantTx;
use crate::engagement::BillingModel;
use crate::invoice::drafting::{
    DraftRequest, EngagementTerms, Instalment, PlannedLine, Quantity, SpendItem, WorkItem, plan,
};
use crate::invoice::grouping::{ExpenseGrouping, Grouping};
use crate::invoice::terms::retainer_period;
use crate::money::Minutes;
use serde::{Deserialize, Serialize};
use time::Date;

/// What the manager asked for on the new-invoice form.
#[derive(Debug, Clone)]
pub struct DraftAsk {
    pub client_id: i64,
    pub from: Date,
    pub to: Date,
    /// `None`: the firm's default.
    pub grouping: Option<Grouping>,
    pub expense_grouping: Option<ExpenseGrouping>,
    pub instalment: Option<Instalment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drafted {
    pub invoice_id: i64,
    /// Sentences about work that was not put on the draft, and why.
    pub left_out: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct EngagementRow {
    engagement_id: i64,
    code: String,
    name: String,
    billing_model: String,
    fee_minor: Option<i64>,
    retainer_period: Option<String>,
    retainer_minutes: Option<i32>,
    bill_overage: bool,
    fee_billed_minor: i64,
}

pub async fn create_draft(tx: &mut TenantTx, by: i64, ask: &DraftAsk) -> Result<Drafted, InvoiceError> {
    if ask.to < ask.from {
        return Err(InvoiceError::invalid("to", "the period ends before it starts"));
    }
    let client: Option<(String, String, String)> = sqlx::query_as(
        "select name, currency::text, invoice_notes from clients where client_id = $1 and archived_at is null for update",
    )
    .bind(ask.client_id)
    .fetch_optional(tx.conn())
    .await?;
    let (client_name, currency, notes) = client.ok_or_else(|| InvoiceError::invalid("client_id", "choose a client"))?;
    let settings = invoice_settings(tx).await?;
    let engagements: Vec<EngagementRow> = sqlx::query_as(
        "select e.engagement_id, e.code, e.name, e.billing_model, e.fee_minor, e.retainer_period, e.retainer_minutes,
                e.bill_overage,
                coalesce((select sum(l.amount_minor) from invoice_lines l join invoices i using (invoice_id)
                          where l.engagement_id = e.engagement_id and l.kind = 'fixed_fee' and i.status <> 'void'), 0)::bigint
                    as fee_billed_minor
         from engagements e join clients c using (client_id)
         where e.client_id = $1 and e.billing_model <> 'non_billable' and coalesce(e.currency, c.currency) = $2
         order by e.code",
    )
    .bind(ask.client_id)
    .bind(&currency)
    .fetch_all(tx.conn())
    .await?;
    let mut terms = Vec::new();
    for e in &engagements {
        let (start, end) = retainer_period(ask.from, e.retainer_period.as_deref().unwrap_or("month"));
        let retainer_already_billed: bool = sqlx::query_scalar(
            "select exists (select 1 from invoice_lines l join invoices i using (invoice_id)
                            where l.engagement_id = $1 and l.kind = 'retainer' and i.status <> 'void'
                              and i.period_from <= $3 and i.period_to >= $2)",
        )
        .bind(e.engagement_id)
        .bind(start)
        .bind(end)
        .fetch_one(tx.conn())
        .await?;
        terms.push(EngagementTerms {
            engagement_id: e.engagement_id,
            label: format!("{} {}", e.code, e.name),
            model: BillingModel::parse(&e.billing_model).unwrap_or(BillingModel::Hourly),
            fee_minor: e.fee_minor,
            fee_billed_minor: e.fee_billed_minor,
            retainer_included: e.retainer_minutes.and_then(|m| u32::try_from(m).ok()).map(Minutes),
            bill_overage: e.bill_overage,
            retainer_already_billed,
            retainer_period: (start, end),
        });
    }
    let ids: Vec<i64> = engagements.iter().map(|e| e.engagement_id).collect();
    let work = unbilled_time(tx, &ids, &currency, ask).await?;
    let spend = unbilled_expenses(tx, &ids, &currency, ask).await?;
    let request = DraftRequest {
        grouping: ask.grouping.unwrap_or(settings.grouping),
        expense_grouping: ask.expense_grouping.unwrap_or(settings.expense_grouping),
        instalment: ask.instalment,
        show_people: settings.show_people,
        first_day: crate::practice::formats::first_day(tx).await?,
    };
    let planned = plan(&request, &terms, &work, &spend);
    if planned.lines.is_empty() {
        let mut message = format!("{client_name} has no approved, unbilled work from {} to {}", ask.from, ask.to);
        for reason in &planned.left_out {
            message.push_str("; ");
            message.push_str(reason);
        }
        return Err(InvoiceError::invalid("client_id", message));
    }
    let taxes = rates_for_client(tx, ask.client_id).await?;
    let invoice_id: i64 = sqlx::query_scalar(
        "insert into invoices (client_id, currency, period_from, period_to, terms, design, show_hours, show_rates,
                               notes, footer, payment_details, taxes, created_by, left_out)
         values ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $14) returning invoice_id",
    )
    .bind(ask.client_id)
    .bind(&currency)
    .bind(ask.from)
    .bind(ask.to)
    .bind(encode(&settings.terms))
    .bind(settings.design.as_str())
    .bind(settings.show_hours)
    .bind(settings.show_rates)
    .bind(notes)
    .bind(&settings.footer)
    .bind(&settings.payment_details)
    .bind(encode(&taxes))
    .bind(by)
    .bind(crate::invoice::lines::clip(&planned.left_out.join("\n"), 2000))
    .fetch_one(tx.conn())
    .await?;
    for (position, line) in planned.lines.iter().enumerate() {
        insert_line(tx, invoice_id, i32::try_from(position).unwrap_or(i32::MAX), line).await?;
    }
    refresh_totals(tx, invoice_id).await?;
    Ok(Drafted { invoice_id, left_out: planned.left_out })
}

async fn insert_line(
    tx: &mut TenantTx,
    invoice_id: i64,
    position: i32,
    line: &PlannedLine,
) -> Result<(), InvoiceError> {
    let (minutes, hundredths) = match line.quantity {
        Quantity::Minutes(m) => (Some(i32::try_from(m.0).unwrap_or(i32::MAX)), None),
        Quantity::Units(u) => (None, Some(u)),
    };
    let line_id: i64 = sqlx::query_scalar(
        "insert into invoice_lines (invoice_id, position, kind, engagement_id, description, detail, quantity_minutes,
                                    quantity_hundredths, rate_minor, amount_minor, worked_minor)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning invoice_line_id",
    )
    .bind(invoice_id)
    .bind(position)
    .bind(line.kind.as_str())
    .bind(line.engagement_id)
    .bind(crate::invoice::lines::clip(&line.description, 300))
    .bind(crate::invoice::lines::clip(&line.detail, 300))
    .bind(minutes)
    .bind(hundredths)
    .bind(line.rate_minor)
    .bind(line.amount_minor)
    .bind(line.worked_minor)
    .fetch_one(tx.conn())
    .await?;
    let entries = sqlx::query(
        "update time_entries set invoice_line_id = $1 where time_entry_id = any($2) and invoice_line_id is null",
    )
    .bind(line_id)
    .bind(&line.entries)
    .execute(tx.conn())
    .await?
    .rows_affected();
    let expenses =
        sqlx::query("update expenses set invoice_line_id = $1 where expense_id = any($2) and invoice_line_id is null")
            .bind(line_id)
            .bind(&line.expenses)
            .execute(tx.conn())
            .await?
            .rows_affected();
    // The client's row is locked, so only a bug could make these differ.
    if usize::try_from(entries).ok() != Some(line.entries.len())
        || usize::try_from(expenses).ok() != Some(line.expenses.len())
    {
        return Err(InvoiceError::Conflict("some of this work was put on another invoice meanwhile; try again".into()));
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct WorkRow {
    time_entry_id: i64,
    engagement_id: i64,
    display_name: String,
    role: String,
    work_date: Date,
    minutes: i32,
    billable_rate_minor: Option<i64>,
    notes: String,
}

async fn unbilled_time(
    tx: &mut TenantTx,
    engagements: &[i64],
    currency: &str,
    ask: &DraftAsk,
) -> Result<Vec<WorkItem>, sqlx::Error> {
    let rows: Vec<WorkRow> = sqlx::query_as(
        "select t.time_entry_id, t.engagement_id, u.display_name, u.role, t.work_date, t.minutes,
                t.billable_rate_minor, t.notes
         from time_entries t join users u using (user_id)
         where t.engagement_id = any($1) and t.status = 'approved' and t.billable and t.invoice_line_id is null
           and t.work_date between $2 and $3 and (t.currency is null or t.currency = $4)
         order by t.work_date, t.time_entry_id",
    )
    .bind(engagements)
    .bind(ask.from)
    .bind(ask.to)
    .bind(currency)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| WorkItem {
            time_entry_id: row.time_entry_id,
            engagement_id: row.engagement_id,
            person: row.display_name,
            role: crate::access::Role::parse(&row.role).map(|r| r.label().to_owned()).unwrap_or(row.role),
            work_date: row.work_date,
            minutes: Minutes(u32::try_from(row.minutes).unwrap_or(0)),
            rate_minor: row.billable_rate_minor,
            notes: row.notes,
        })
        .collect())
}

async fn unbilled_expenses(
    tx: &mut TenantTx,
    engagements: &[i64],
    currency: &str,
    ask: &DraftAsk,
) -> Result<Vec<SpendItem>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, String, Date, i64, String)> = sqlx::query_as(
        "select x.expense_id, x.engagement_id, u.display_name, x.category, x.spent_on, x.amount_minor, x.notes
         from expenses x join users u using (user_id)
         where x.engagement_id = any($1) and x.status = 'approved' and x.billable and x.invoice_line_id is null
           and x.spent_on between $2 and $3 and x.currency = $4
         order by x.spent_on, x.expense_id",
    )
    .bind(engagements)
    .bind(ask.from)
    .bind(ask.to)
    .bind(currency)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(expense_id, engagement_id, person, category, spent_on, amount_minor, notes)| SpendItem {
            expense_id,
            engagement_id,
            person,
            category,
            spent_on,
            amount_minor,
            notes,
        })
        .collect())
}

/// Deletes a draft (or one awaiting approval); its work is billable again.
pub async fn delete_draft(tx: &mut TenantTx, invoice_id: i64) -> Result<(), InvoiceError> {
    let header = lock(tx, invoice_id).await?;
    header.status().check_editable()?;
    sqlx::query("delete from invoices where invoice_id = $1").bind(invoice_id).execute(tx.conn()).await?;
    Ok(())
}

/// Clients with approved work not yet on an invoice, for the new-invoice form.
pub async fn unbilled_clients(tx: &mut TenantTx) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select c.client_id, c.name, c.currency::text from clients c
         where c.archived_at is null
         order by lower(c.name)",
    )
    .fetch_all(tx.conn())
    .await
}

/// The currency `client_id` (as typed in a form) is billed in; an unknown
/// or unreadable id is "choose a client".
pub async fn client_currency(tx: &mut TenantTx, client_id: &str) -> Result<crate::money::Currency, InvoiceError> {
    let choose = || InvoiceError::invalid("client_id", "choose a client");
    let id: i64 = client_id.trim().parse().map_err(|_| choose())?;
    let code: Option<String> = sqlx::query_scalar("select currency::text from clients where client_id = $1")
        .bind(id)
        .fetch_optional(tx.conn())
        .await?;
    code.and_then(|c| crate::money::Currency::parse(&c).ok()).ok_or_else(choose)
}
