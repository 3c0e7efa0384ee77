//! Reading what the reports need (`crate::reports` shapes it). Each report
//! is one or two grouped statements over a firm's own tables, read in the
//! request's tenant transaction like every other page.
//!
//! Why no summary tables: a year of a 50-person firm is ~60,000 entries,
//! and the grouped reads below answer it well under the 300 ms budget
//! (measured in `docs/reports.md`); a summary kept in step with every
//! edit, approval, invoice and void would be a second truth to get wrong.

use super::report_settings::report_settings;
use crate::db::TenantTx;
use crate::first_day::FirstDay;
use crate::money::{Currency, Minutes};
use crate::reports::budgets::{BudgetUnit, EngagementUse, HISTORY_WEEKS, RECENT_DAYS, budget_burn};
use crate::reports::hours::hours_table;
use crate::reports::period::Period;
use crate::reports::query::ReportQuery;
use crate::reports::unbilled::{UnbilledItem, unbilled};
use crate::reports::utilization::{DayTime, Person, utilization};
use crate::reports::{ReportData, ReportKind, ReportsPage};
use time::Date;

/// Today on `zone`'s clock: reports are "as of today" for their reader.
pub async fn today_in(tx: &mut TenantTx, zone: &str) -> Result<Date, sqlx::Error> {
    sqlx::query_scalar("select (now() at time zone $1)::date").bind(zone).fetch_one(tx.conn()).await
}

/// The page `query` asks for, of everyone or only `own` (a person who may
/// read no one else's).
pub async fn reports_page(
    tx: &mut TenantTx,
    query: ReportQuery,
    today: Date,
    first: FirstDay,
    own: Option<i64>,
) -> Result<ReportsPage, sqlx::Error> {
    // Those who read only their own time read only their utilization.
    let query = if own.is_some() { query.with_kind(ReportKind::Utilization) } else { query };
    let period = query.period.resolve(today, first);
    let data = match query.kind {
        ReportKind::Utilization => {
            let settings = report_settings(tx).await?;
            let (people, days) = utilization_rows(tx, &period, settings.weekly_capacity, own).await?;
            let report = utilization(&period, first, settings.basis, &people, &days);
            ReportData::Utilization { basis: settings.basis, report }
        }
        ReportKind::Realization => {
            ReportData::Realization(super::report_realization::realization_report(tx, &period).await?)
        }
        ReportKind::Budgets => ReportData::Budgets(budget_burn(&engagement_uses(tx, today).await?, today, first)),
        ReportKind::Unbilled => ReportData::Unbilled(unbilled(&unbilled_items(tx).await?, today)),
        ReportKind::Receivables => {
            ReportData::Receivables(super::report_receivables::receivables_report(tx, &period, first, today).await?)
        }
        ReportKind::Hours => {
            let entries = super::report_hours::hours_entries(tx, &period).await?;
            ReportData::Hours(hours_table(&entries, query.by, query.then, first))
        }
    };
    Ok(ReportsPage { query, resolved: period, today, own_only: own.is_some(), data })
}

/// The people to report on (active ones, and anyone who recorded time in
/// the period) and their time per day.
async fn utilization_rows(
    tx: &mut TenantTx,
    period: &Period,
    firm_capacity: Minutes,
    own: Option<i64>,
) -> Result<(Vec<Person>, Vec<DayTime>), sqlx::Error> {
    let people: Vec<(i64, String, Option<String>, Option<i32>)> = sqlx::query_as(
        "select u.user_id, u.display_name, t.name, u.weekly_capacity_minutes
         from users u left join team_members m using (user_id) left join teams t using (team_id)
         where ($3::int8 is null or u.user_id = $3)
           and (u.active or exists (select 1 from time_entries e
                                    where e.user_id = u.user_id and e.work_date between $1 and $2))",
    )
    .bind(period.from)
    .bind(period.to)
    .bind(own)
    .fetch_all(tx.conn())
    .await?;
    let days: Vec<(i64, Date, i64, i64)> = sqlx::query_as(
        "select user_id, work_date, coalesce(sum(minutes) filter (where billable), 0)::int8, sum(minutes)::int8
         from time_entries
         where work_date between $1 and $2 and ($3::int8 is null or user_id = $3)
         group by 1, 2",
    )
    .bind(period.from)
    .bind(period.to)
    .bind(own)
    .fetch_all(tx.conn())
    .await?;
    let minutes = |raw: i64| u32::try_from(raw).unwrap_or(u32::MAX);
    let people = people
        .into_iter()
        .map(|(user_id, name, team, capacity)| Person {
            user_id,
            name,
            team,
            weekly_capacity: capacity.and_then(|c| u32::try_from(c).ok()).map(Minutes).unwrap_or(firm_capacity),
        })
        .collect();
    let days = days
        .into_iter()
        .map(|(user_id, date, billable, recorded)| DayTime {
            user_id,
            date,
            billable: minutes(billable),
            recorded: minutes(recorded),
        })
        .collect();
    Ok((people, days))
}

/// Approved, billable time and expenses no invoice has taken, per
/// engagement, day and currency: what a draft invoice would take, valued
/// at the rates the time was recorded at.
async fn unbilled_items(tx: &mut TenantTx) -> Result<Vec<UnbilledItem>, sqlx::Error> {
    let rows: Vec<(String, String, Date, i64, i64, Option<String>)> = sqlx::query_as(
        "select c.name, e.code || ' — ' || e.name, w.done_on, sum(w.minutes)::int8, sum(w.value)::int8, w.currency
         from (select engagement_id, work_date as done_on, minutes::int8 as minutes,
                      coalesce(minutes::int8 * billable_rate_minor / 60, 0) as value, currency::text as currency
               from time_entries
               where status = 'approved' and billable and invoice_line_id is null
               union all
               select engagement_id, spent_on, 0, amount_minor, currency::text
               from expenses
               where status = 'approved' and billable and invoice_line_id is null) w
         join engagements e using (engagement_id) join clients c on c.client_id = e.client_id
         group by 1, 2, 3, 6",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(client, engagement, done_on, minutes, value, currency)| UnbilledItem {
            client,
            engagement,
            done_on,
            minutes: u64::try_from(minutes).unwrap_or(0),
            value_minor: value,
            currency: currency.as_deref().and_then(|c| Currency::parse(c).ok()),
        })
        .collect())
}

/// Active engagements with a budget, with what is used of it up to today,
/// in the last `RECENT_DAYS` days, and day by day over its history. A money budget counts the time's
/// value in the engagement's currency (its own, else its client's).
async fn engagement_uses(tx: &mut TenantTx, today: Date) -> Result<Vec<EngagementUse>, sqlx::Error> {
    type Row = (i64, String, String, Option<i32>, Option<i64>, String, Option<Date>, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "select e.engagement_id, e.code || ' — ' || e.name, c.name, e.budget_minutes, e.budget_minor,
                coalesce(e.currency, c.currency)::text, e.ends_on,
                coalesce(sum(t.minutes), 0)::int8,
                coalesce(sum(t.minutes) filter (where t.work_date > $1 - $2::int), 0)::int8,
                coalesce(sum(t.minutes::int8 * t.billable_rate_minor)
                         filter (where t.currency = coalesce(e.currency, c.currency)), 0)::int8 / 60,
                coalesce(sum(t.minutes::int8 * t.billable_rate_minor)
                         filter (where t.currency = coalesce(e.currency, c.currency)
                                   and t.work_date > $1 - $2::int), 0)::int8 / 60
         from engagements e join clients c on c.client_id = e.client_id
         left join time_entries t on t.engagement_id = e.engagement_id and t.work_date <= $1
         where e.status = 'active' and (e.budget_minutes is not null or e.budget_minor is not null)
         group by e.engagement_id, c.name, c.currency",
    )
    .bind(today)
    .bind(i32::try_from(RECENT_DAYS).unwrap_or(28))
    .fetch_all(tx.conn())
    .await?;
    // The same use, day by day over the weeks the history covers.
    let daily: Vec<(i64, Date, i64, i64)> = sqlx::query_as(
        "select t.engagement_id, t.work_date, sum(t.minutes)::int8,
                coalesce(sum(t.minutes::int8 * t.billable_rate_minor)
                         filter (where t.currency = coalesce(e.currency, c.currency)), 0)::int8 / 60
         from time_entries t join engagements e on e.engagement_id = t.engagement_id
         join clients c on c.client_id = e.client_id
         where t.work_date > $1 - $2::int and t.work_date <= $1
           and e.status = 'active' and (e.budget_minutes is not null or e.budget_minor is not null)
         group by 1, 2",
    )
    .bind(today)
    .bind(i32::try_from(HISTORY_WEEKS * 7 + 7).unwrap_or(91))
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, engagement, client, minutes, minor, currency, ends_on, used, recent, value, recent_value)| {
            let (unit, budget, used, recent) = match (minutes, minor) {
                (Some(budget), _) => (BudgetUnit::Minutes, i64::from(budget), used, recent),
                (None, Some(budget)) => {
                    (BudgetUnit::Money(Currency::parse(&currency).ok()?), budget, value, recent_value)
                }
                (None, None) => return None,
            };
            let daily = daily
                .iter()
                .filter(|row| row.0 == id)
                .map(|&(_, day, minutes, value)| (day, if unit == BudgetUnit::Minutes { minutes } else { value }))
                .collect();
            Some(EngagementUse { engagement_id: id, engagement, client, unit, budget, used, recent, ends_on, daily })
        })
        .collect())
}
