//! Loading what approval cards show, for every waiting week at once: the
//! weeks' entries with their stamped rates in one statement, and the budgets
//! of the engagements they touch in another — two statements for the whole
//! inbox, where one query per card made the inbox slower with every week
//! waiting in it.

use super::time_entries::WeekEntryRow;
use crate::approval_card::{BudgetLine, CardEntry, EngagementUse, budget_lines};
use crate::db::TenantTx;
use crate::engagement::Budget;
use crate::money::{Currency, Minutes, Money};
use crate::week::Week;
use time::Date;

/// What one card shows: its entries, oldest first, and a budget line per
/// engagement they touch.
#[derive(Debug, Clone, Default)]
pub struct Card {
    pub entries: Vec<CardEntry>,
    pub budgets: Vec<BudgetLine>,
}

#[derive(sqlx::FromRow)]
struct CardRow {
    /// 1-based position of the week in the request.
    ord: i64,
    engagement_id: i64,
    billable_rate_minor: Option<i64>,
    currency: Option<String>,
    #[sqlx(flatten)]
    entry: WeekEntryRow,
}

#[derive(sqlx::FromRow)]
struct UseRow {
    engagement_id: i64,
    client_name: String,
    code: String,
    name: String,
    budget_minutes: Option<i32>,
    budget_minor: Option<i64>,
    currency: String,
    logged: i64,
    priced: Option<i64>,
}

/// The cards of `weeks` (owner, week), in the same order.
pub async fn cards(tx: &mut TenantTx, weeks: &[(i64, Week)]) -> Result<Vec<Card>, sqlx::Error> {
    let mut cards = vec![Card::default(); weeks.len()];
    if weeks.is_empty() {
        return Ok(cards);
    }
    let owners: Vec<i64> = weeks.iter().map(|(user_id, _)| *user_id).collect();
    let starts: Vec<Date> = weeks.iter().map(|(_, week)| week.start()).collect();
    let (first, last) = span(&starts);
    // The last line repeats the join's condition as one the index on
    // (user_id, work_date) can answer: without it the planner, seeing
    // only a range to join on, read every entry of the firm (a sequential
    // scan, most of the inbox's database time under `make bench`).
    let rows: Vec<CardRow> = sqlx::query_as(
        "select w.ord, t.engagement_id, t.billable_rate_minor, t.currency::text as currency,
                t.time_entry_id, t.work_date, t.minutes, t.billable, t.notes,
                c.name as client_name, e.code as engagement_code, e.name as engagement_name, t.status,
                t.import_batch_id is not null as imported
         from unnest($1::int8[], $2::date[]) with ordinality as w(user_id, week_start, ord)
         join time_entries t on t.user_id = w.user_id and t.work_date between w.week_start and w.week_start + 6
         join engagements e on e.engagement_id = t.engagement_id
         join clients c on c.client_id = e.client_id
         where t.user_id = any($1) and t.work_date between $3 and $4::date + 6
         order by w.ord, t.work_date, t.time_entry_id",
    )
    .bind(&owners)
    .bind(&starts)
    .bind(first)
    .bind(last)
    .fetch_all(tx.conn())
    .await?;
    for row in rows {
        let rate = match (row.billable_rate_minor, row.currency.as_deref().map(Currency::parse)) {
            (Some(minor), Some(Ok(currency))) => Some(Money::new(minor, currency)),
            _ => None,
        };
        let index = usize::try_from(row.ord - 1).unwrap_or_default();
        if let Some(card) = cards.get_mut(index) {
            card.entries.push(CardEntry { engagement_id: row.engagement_id, entry: row.entry.into_entry(), rate });
        }
    }
    let mut touched: Vec<i64> = cards.iter().flat_map(|c| c.entries.iter().map(|e| e.engagement_id)).collect();
    touched.sort_unstable();
    touched.dedup();
    let uses = engagement_uses(tx, &touched).await?;
    let formats = super::formats::firm_formats(tx).await?;
    for card in &mut cards {
        card.budgets = budget_lines(&card.entries, &uses, formats);
    }
    Ok(cards)
}

/// The first and last of `starts`: the weeks' span, for the index on
/// (user_id, work_date) to answer a join on each week's own range.
pub(super) fn span(starts: &[Date]) -> (Date, Date) {
    let first = starts.iter().min().copied().unwrap_or(Date::MIN);
    let last = starts.iter().max().copied().unwrap_or(Date::MAX);
    (first, last)
}

/// Each engagement's budget with everything logged to it so far.
async fn engagement_uses(tx: &mut TenantTx, engagement_ids: &[i64]) -> Result<Vec<EngagementUse>, sqlx::Error> {
    if engagement_ids.is_empty() {
        return Ok(Vec::new());
    }
    // One pass over the engagements' entries for both sums (two
    // subqueries per engagement read each entry twice).
    let rows: Vec<UseRow> = sqlx::query_as(
        "with used as (
             select engagement_id, sum(minutes)::int8 as logged,
                    (sum(minutes::int8 * billable_rate_minor) filter (where billable and billable_rate_minor is not null)
                     / 60)::int8 as priced
             from time_entries where engagement_id = any($1) group by engagement_id
         )
         select e.engagement_id, c.name as client_name, e.code, e.name, e.budget_minutes, e.budget_minor,
                coalesce(e.currency, c.currency)::text as currency, coalesce(u.logged, 0) as logged, u.priced
         from engagements e join clients c using (client_id) left join used u using (engagement_id)
         where e.engagement_id = any($1)",
    )
    .bind(engagement_ids)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EngagementUse {
            engagement_id: r.engagement_id,
            label: format!("{} — {} {}", r.client_name, r.code, r.name),
            budget: Budget::from_columns(r.budget_minutes, r.budget_minor),
            currency: r.currency,
            logged: Minutes(u32::try_from(r.logged).unwrap_or(u32::MAX)),
            priced: r.priced,
        })
        .collect())
}
