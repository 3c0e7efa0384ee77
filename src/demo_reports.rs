//! What makes the demo firms' reports worth opening: a part-timer, so
//! utilization is measured against different capacities; budgets under,
//! near and over their limit; and unbilled work of every age, up to some
//! forgotten for over 90 days. The first engagement's 40-hour budget
//! (`demo_practice`) is already overrun by three months of work.
//!
//! The work is the manager's and lies in the months the demo's own past
//! work uses (and the one before): the end-to-end specs keep the
//! employee's weeks, the current week and fixed weeks of 2026 for
//! themselves. Seeded once: a firm that already has this work is left
//! alone.

use crate::db::TenantTx;
use time::Date;

const NOTE: &str = "Report demo work";

/// Approved, priced work by `email` on `engagement` from `from` to `to`,
/// `minutes` on every weekday whose day of the month is even.
async fn approved_work(
    tx: &mut TenantTx,
    email: &str,
    engagement: i64,
    (from, to): (Date, Date),
    minutes: i32,
) -> Result<(), sqlx::Error> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "insert into time_entries (user_id, engagement_id, work_date, minutes, billable, notes)
         select u.user_id, $2, d::date, $5, true, $6
         from users u cross join generate_series($3::date, $4::date, interval '1 day') d
         where lower(u.email) = $1 and extract(isodow from d) <= 5 and extract(day from d)::int % 2 = 0
         returning time_entry_id",
    )
    .bind(email)
    .bind(engagement)
    .bind(from)
    .bind(to)
    .bind(minutes)
    .bind(NOTE)
    .fetch_all(tx.conn())
    .await?;
    crate::demo_invoices::price_and_approve(tx, &ids).await
}

pub async fn seed_reports(tx: &mut TenantTx, slug: &str, today: Date) -> Result<(), sqlx::Error> {
    let seeded: bool = sqlx::query_scalar("select exists (select from time_entries where notes = $1)")
        .bind(NOTE)
        .fetch_one(tx.conn())
        .await?;
    if seeded {
        return Ok(());
    }
    let employee = format!("employee@{slug}.example");
    let manager = format!("manager@{slug}.example");
    sqlx::query("update users set weekly_capacity_minutes = 1800 where lower(email) = $1")
        .bind(&employee)
        .execute(tx.conn())
        .await?;
    // Each client's engagements in code order: the first has the past
    // months' work (see demo_invoices).
    let engagements: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select client_id, engagement_id, row_number() over (partition by client_id order by code)
         from engagements order by client_id, code",
    )
    .fetch_all(tx.conn())
    .await?;
    let firsts: Vec<i64> = engagements.iter().filter(|e| e.2 == 1).map(|e| e.1).collect();
    let second_of_first = engagements.iter().find(|e| e.0 == engagements[0].0 && e.2 == 2).map(|e| e.1);
    // Work nobody billed for over 90 days, on the last client
    // (first: in a firm of two clients it is the next one's budget too).
    if let Some(&forgotten) = firsts.last() {
        // The fourth month back: at least 92 days old, whatever today is.
        let old = crate::demo_invoices::month_back(today, 4);
        approved_work(tx, &manager, forgotten, old, 120).await?;
    }
    // The second client's main engagement: a budget 8 hours above what it
    // has used, so at its pace it runs out within weeks (at risk).
    if let Some(&near) = firsts.get(1) {
        sqlx::query(
            "update engagements set budget_minutes = 480 + (select coalesce(sum(minutes), 0) from time_entries
                                                            where engagement_id = $1)
             where engagement_id = $1 and budget_minutes is null and budget_minor is null",
        )
        .bind(near)
        .execute(tx.conn())
        .await?;
    }
    // The first client's second engagement: last month's work
    // (young and unbilled) against a comfortable budget in money.
    if let Some(calm) = second_of_first {
        approved_work(tx, &manager, calm, crate::demo_invoices::month_back(today, 1), 180).await?;
        sqlx::query(
            "update engagements set budget_minor = 5000000 where engagement_id = $1
               and budget_minutes is null and budget_minor is null",
        )
        .bind(calm)
        .execute(tx.conn())
        .await?;
    }
    // A saved report, so the scheduled list shows what one looks like:
    // last month's utilization to the partners on the 1st.
    let next = crate::reports::schedule::Cadence::Monthly.next_after(today, crate::first_day::FirstDay::Monday);
    sqlx::query(
        "with s as (insert into report_schedules (name, report, period, cadence, next_send_on)
                    values ('Monthly utilization', 'utilization', 'last-month', 'monthly', $1)
                    returning report_schedule_id)
         insert into report_schedule_recipients (report_schedule_id, user_id)
         select report_schedule_id, user_id from s cross join users where role in ('manager', 'admin') and active",
    )
    .bind(next)
    .execute(tx.conn())
    .await?;
    Ok(())
}
