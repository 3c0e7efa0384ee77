//! Loading the summaries client and engagement pages open on. An
//! engagement's: time per week (for the burn chart), per person, the latest
//! entries and the people on it — grouped statements over
//! `time_entries_engagement_id_idx`; colleagues' time only when
//! `with_people` (managers and administrators). A client's: time per
//! engagement, and what waits to be invoiced.

use crate::db::TenantTx;
use crate::engagement::summary::{ClientSummary, EngagementSummary, PersonTime, RecentEntry, Unbilled, burn_chart};
use crate::money::{Currency, Minutes, Money};
use crate::week::Week;
use time::Date;

/// How many of the latest entries the page lists.
const RECENT: i64 = 10;

fn minutes(raw: i64) -> Minutes {
    Minutes(u32::try_from(raw).unwrap_or(u32::MAX))
}

pub async fn engagement_summary(
    tx: &mut TenantTx,
    engagement_id: i64,
    hours_budget: Option<Minutes>,
    with_people: bool,
) -> Result<EngagementSummary, sqlx::Error> {
    // Weeks are the firm's: shifted onto Monday for `date_trunc`, then back.
    let shift = super::formats::first_day(tx).await?.shift();
    let weekly: Vec<(Date, i64)> = sqlx::query_as(
        "select (date_trunc('week', (work_date - $2::int)::timestamp)::date + $2::int), sum(minutes)::int8
         from time_entries where engagement_id = $1 group by 1 order by 1",
    )
    .bind(engagement_id)
    .bind(i32::try_from(shift).unwrap_or(0))
    .fetch_all(tx.conn())
    .await?;
    let weekly: Vec<(Week, Minutes)> = weekly.into_iter().map(|(d, m)| (Week::starting(d), minutes(m))).collect();
    let members: Vec<String> = sqlx::query_scalar(
        "select u.display_name from users u
         where u.user_id in (select user_id from engagement_members where engagement_id = $1
                             union select user_id from time_entries where engagement_id = $1)
         order by lower(u.display_name)",
    )
    .bind(engagement_id)
    .fetch_all(tx.conn())
    .await?;
    let mut summary = EngagementSummary { members, chart: burn_chart(&weekly, hours_budget), ..Default::default() };
    if !with_people {
        return Ok(summary);
    }
    let people: Vec<(String, i64, i64)> = sqlx::query_as(
        "select u.display_name, sum(t.minutes)::int8, coalesce(sum(t.minutes) filter (where t.billable), 0)::int8
         from time_entries t join users u using (user_id)
         where t.engagement_id = $1 group by u.user_id, u.display_name order by 2 desc, 1",
    )
    .bind(engagement_id)
    .fetch_all(tx.conn())
    .await?;
    summary.by_person = people
        .into_iter()
        .map(|(person, total, billable)| PersonTime { person, total: minutes(total), billable: minutes(billable) })
        .collect();
    let recent: Vec<(Date, String, i32, bool, String)> = sqlx::query_as(
        "select t.work_date, u.display_name, t.minutes, t.billable, t.notes
         from time_entries t join users u using (user_id)
         where t.engagement_id = $1 order by t.work_date desc, t.time_entry_id desc limit $2",
    )
    .bind(engagement_id)
    .bind(RECENT)
    .fetch_all(tx.conn())
    .await?;
    summary.recent = recent
        .into_iter()
        .map(|(work_date, person, m, billable, notes)| RecentEntry {
            work_date,
            person,
            minutes: minutes(i64::from(m)),
            billable,
            notes,
        })
        .collect();
    Ok(summary)
}

/// A client's summary: time per engagement for everyone; what waits to be
/// invoiced only `with_money` (those who may invoice). "Waiting"
/// is what a draft invoice would take: approved, billable, on no invoice.
pub async fn client_summary(tx: &mut TenantTx, client_id: i64, with_money: bool) -> Result<ClientSummary, sqlx::Error> {
    let logged: Vec<(i64, i64)> = sqlx::query_as(
        "select t.engagement_id, sum(t.minutes)::int8
         from time_entries t join engagements e on e.engagement_id = t.engagement_id
         where e.client_id = $1 group by 1",
    )
    .bind(client_id)
    .fetch_all(tx.conn())
    .await?;
    let mut summary =
        ClientSummary { logged: logged.into_iter().map(|(id, m)| (id, minutes(m))).collect(), unbilled: Vec::new() };
    if !with_money {
        return Ok(summary);
    }
    let unbilled: Vec<(Option<String>, i64, Option<i64>)> = sqlx::query_as(
        "select t.currency::text, sum(t.minutes)::int8, (sum(t.minutes::int8 * t.billable_rate_minor) / 60)::int8
         from time_entries t join engagements e on e.engagement_id = t.engagement_id
         where e.client_id = $1 and t.status = 'approved' and t.billable and t.invoice_line_id is null
         group by 1 order by 1 nulls last",
    )
    .bind(client_id)
    .fetch_all(tx.conn())
    .await?;
    summary.unbilled = unbilled
        .into_iter()
        .map(|(currency, m, value)| {
            let currency = currency.as_deref().and_then(|c| Currency::parse(c).ok());
            let value = currency.zip(value).map(|(currency, minor)| Money::new(minor, currency));
            Unbilled { minutes: minutes(m), value }
        })
        .collect();
    Ok(summary)
}
