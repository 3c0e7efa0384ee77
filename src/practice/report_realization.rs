//! Reading what realization needs: the lines of the invoices and credit
//! notes issued in the period (approved or later, not void), by engagement;
//! each person's invoiced time with its share of its line's amount; and
//! the lines billed below their work's value.

use crate::db::TenantTx;
use crate::money::Currency;
use crate::reports::period::Period;
use crate::reports::realization::{BilledItem, PersonItem, RealizationReport, Worth, WriteDown, realization};

/// What counts: numbered, issued in the period, not void.
const COUNTED: &str = "i.status in ('approved', 'sent', 'partially_paid', 'paid') and i.issued_on between $1 and $2";

/// How many write-downs the report lists, newest first.
const WRITE_DOWNS: i64 = 100;

fn currency(raw: &str) -> Option<Currency> {
    Currency::parse(raw).ok()
}

pub async fn realization_report(tx: &mut TenantTx, period: &Period) -> Result<Vec<RealizationReport>, sqlx::Error> {
    // A credit note's lines bill less; the work they correct was valued on
    // the invoice, so only invoices add worked value.
    let lines: Vec<(String, String, String, i64, i64)> = sqlx::query_as(&format!(
        "select c.name, coalesce(e.code || ' — ' || e.name, 'Other lines'), i.currency::text,
                    coalesce(sum(l.worked_minor) filter (where i.kind = 'invoice'), 0)::int8,
                    coalesce(sum(l.amount_minor), 0)::int8
             from invoice_lines l join invoices i using (invoice_id) join clients c on c.client_id = i.client_id
             left join engagements e on e.engagement_id = l.engagement_id
             where {COUNTED} group by 1, 2, 3"
    ))
    .bind(period.from)
    .bind(period.to)
    .fetch_all(tx.conn())
    .await?;
    // Each entry's share of its line: the line's amount in proportion to
    // the entry's value among the line's.
    let people: Vec<(String, String, i64, i64)> = sqlx::query_as(&format!(
        "select u.display_name, i.currency::text,
                    sum(t.minutes::int8 * t.billable_rate_minor / 60)::int8,
                    sum(case when l.worked_minor > 0
                             then l.amount_minor * (t.minutes::int8 * t.billable_rate_minor / 60) / l.worked_minor
                             else 0 end)::int8
             from time_entries t join invoice_lines l on l.invoice_line_id = t.invoice_line_id
             join invoices i on i.invoice_id = l.invoice_id join users u on u.user_id = t.user_id
             where i.kind = 'invoice' and t.billable_rate_minor is not null and {COUNTED} group by 1, 2"
    ))
    .bind(period.from)
    .bind(period.to)
    .fetch_all(tx.conn())
    .await?;
    let downs: Vec<(String, String, String, String, i64, i64, String)> = sqlx::query_as(
        &format!("select i.number, c.name, l.description, i.currency::text, l.worked_minor, l.amount_minor,
                    l.adjustment_reason
             from invoice_lines l join invoices i using (invoice_id) join clients c on c.client_id = i.client_id
             where i.kind = 'invoice' and l.amount_minor < l.worked_minor and {COUNTED} order by i.issued_on desc, i.invoice_id desc, l.position limit $3"),
    )
    .bind(period.from)
    .bind(period.to)
    .bind(WRITE_DOWNS)
    .fetch_all(tx.conn())
    .await?;
    let items: Vec<BilledItem> = lines
        .into_iter()
        .filter_map(|(client, engagement, code, worked, billed)| {
            Some(BilledItem { client, engagement, currency: currency(&code)?, worth: Worth { worked, billed } })
        })
        .collect();
    let people: Vec<PersonItem> = people
        .into_iter()
        .filter_map(|(person, code, worked, billed)| {
            Some(PersonItem { person, currency: currency(&code)?, worth: Worth { worked, billed } })
        })
        .collect();
    let downs: Vec<WriteDown> = downs
        .into_iter()
        .filter_map(|(number, client, line, code, worked, billed, reason)| {
            Some(WriteDown {
                number,
                client,
                line,
                currency: currency(&code)?,
                worth: Worth { worked, billed },
                reason,
            })
        })
        .collect();
    Ok(realization(&items, &people, &downs))
}
