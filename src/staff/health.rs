//! The platform at a glance, for the console's dashboard: what each firm's
//! people are doing (read in each firm's own schema through its tenant
//! transaction, a few firms at a time, like any other read) and where each
//! firm's schema stands against this build's migrations.

use crate::db::{Database, TenantTx};
use crate::migrate::MigrationSet;
use crate::tenancy::Tenant;
use crate::tenant::TenantId;
use futures::StreamExt;
use std::collections::HashMap;
use std::sync::Arc;
use time::{Date, Duration};

/// Days the activity chart covers, today included.
pub const DAYS: usize = 30;
/// Refused sign-ins are counted among this many of a firm's latest audit
/// events: a bounded read however long its trail (more than this many
/// events in an hour shows as this many).
pub const RECENT_EVENTS: i64 = 1000;

/// One firm's people and activity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirmActivity {
    pub active_people: i64,
    /// Refused sign-ins in the last hour.
    pub refused_sign_ins: i64,
    /// The latest entry in its audit trail, `YYYY-MM-DD HH:MM UTC`.
    pub last_activity: Option<String>,
    /// What its receipts and logos take on disk, indexes included.
    pub stored_bytes: i64,
    /// People who recorded time, and minutes recorded, per day.
    pub days: Vec<(Date, i64, i64)>,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    active_people: i64,
    refused_sign_ins: i64,
    last_activity: Option<String>,
    stored_bytes: i64,
}

async fn firm_activity(tx: &mut TenantTx, since: Date) -> Result<FirmActivity, sqlx::Error> {
    let summary: SummaryRow = sqlx::query_as(
        "select (select count(*) from users where active) as active_people,
                (select count(*) from (select action, occurred_at from audit_events
                                       order by audit_event_id desc limit $1) recent
                 where action = 'sign_in.failed' and occurred_at > now() - interval '1 hour') as refused_sign_ins,
                (select to_char(occurred_at at time zone 'utc', 'YYYY-MM-DD HH24:MI \"UTC\"')
                 from audit_events order by audit_event_id desc limit 1) as last_activity,
                pg_total_relation_size('expense_receipts') + pg_total_relation_size('firm_logos') as stored_bytes",
    )
    .bind(RECENT_EVENTS)
    .fetch_one(tx.conn())
    .await?;
    let days: Vec<(Date, i64, i64)> = sqlx::query_as(
        "select work_date, count(distinct user_id), sum(minutes)::bigint from time_entries
         where work_date >= $1 group by work_date",
    )
    .bind(since)
    .fetch_all(tx.conn())
    .await?;
    let SummaryRow { active_people, refused_sign_ins, last_activity, stored_bytes } = summary;
    Ok(FirmActivity { active_people, refused_sign_ins, last_activity, stored_bytes, days })
}

/// Every firm's activity since `today` minus [`DAYS`], by firm. A firm
/// whose schema cannot be read (a migration that failed half-way) is left
/// out and logged: one firm in trouble must not hide the others.
pub async fn activity(db: &Database, firms: &[Arc<Tenant>], today: Date) -> HashMap<TenantId, FirmActivity> {
    let since = today - Duration::days(DAYS as i64 - 1);
    // Half the pool: the dashboard must not starve the firms' own requests.
    let width = (db.max_connections() / 2).max(1) as usize;
    let mut reads = futures::stream::iter(firms.iter().cloned())
        .map(|firm| async move {
            let read = async {
                let mut tx = db.tenant_tx(firm.handle()).await?;
                let activity = firm_activity(&mut tx, since).await?;
                tx.commit().await?;
                Ok::<_, sqlx::Error>(activity)
            };
            (firm.id, read.await)
        })
        .buffer_unordered(width);
    let mut all = HashMap::with_capacity(firms.len());
    while let Some((id, read)) = reads.next().await {
        match read {
            Ok(activity) => {
                all.insert(id, activity);
            }
            Err(error) => tracing::warn!(tenant.id = %id, %error, "could not read a firm's activity for the dashboard"),
        }
    }
    all
}

/// One day across the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayTotal {
    pub date: Date,
    /// People who recorded time that day (a person in two firms counts twice).
    pub people: i64,
    pub minutes: i64,
}

/// The last [`DAYS`] days up to `today`, oldest first, every day present
/// (zero when nobody recorded anything).
pub fn daily_totals<'a>(today: Date, firms: impl IntoIterator<Item = &'a FirmActivity>) -> Vec<DayTotal> {
    let first = today - Duration::days(DAYS as i64 - 1);
    let mut totals: Vec<DayTotal> =
        (0..DAYS).map(|n| DayTotal { date: first + Duration::days(n as i64), people: 0, minutes: 0 }).collect();
    for (date, people, minutes) in firms.into_iter().flat_map(|firm| firm.days.iter()) {
        let index = (*date - first).whole_days();
        if let Some(day) = usize::try_from(index).ok().and_then(|i| totals.get_mut(i)) {
            day.people += people;
            day.minutes += minutes;
        }
    }
    totals
}

/// Where a firm's schema stands against this build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaState {
    Current,
    /// Behind, with no failure recorded: the next run brings it up.
    Behind {
        at: i32,
    },
    /// A migration failed: its version and the database's message.
    Failed {
        at: i32,
        version: i32,
        error: String,
    },
}

/// Each firm's schema state, from its recorded version and the failures
/// the migration runs left in `platform.tenant_migrations`.
pub async fn schema_states(
    db: &Database,
    firms: &[Arc<Tenant>],
) -> Result<HashMap<TenantId, SchemaState>, sqlx::Error> {
    let failures: Vec<(i64, i32, String)> = sqlx::query_as(
        "select tenant_id, version, error from platform.tenant_migrations
         where finished_at is null and error is not null",
    )
    .fetch_all(db.pool())
    .await?;
    let failures: HashMap<i64, (i32, String)> =
        failures.into_iter().map(|(tenant, version, error)| (tenant, (version, error))).collect();
    let latest = MigrationSet::tenant().latest();
    Ok(firms.iter().map(|firm| (firm.id, state_of(firm.schema_version, latest, failures.get(&firm.id.0)))).collect())
}

fn state_of(at: i32, latest: i32, failure: Option<&(i32, String)>) -> SchemaState {
    match failure {
        Some((version, error)) if *version > at => SchemaState::Failed { at, version: *version, error: error.clone() },
        _ if at < latest => SchemaState::Behind { at },
        _ => SchemaState::Current,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(month: time::Month, day: u8) -> Date {
        Date::from_calendar_date(2026, month, day).unwrap()
    }

    #[test]
    fn every_day_of_the_chart_is_present_and_firms_add_up() {
        let today = date(time::Month::December, 7);
        let alpha =
            FirmActivity { days: vec![(today, 3, 600), (date(time::Month::November, 8), 1, 60)], ..Default::default() };
        let beta = FirmActivity {
            days: vec![(today, 2, 120), (date(time::Month::November, 7), 9, 999)],
            ..Default::default()
        };
        let totals = daily_totals(today, [&alpha, &beta]);
        assert_eq!(totals.len(), DAYS);
        assert_eq!(totals[0], DayTotal { date: date(time::Month::November, 8), people: 1, minutes: 60 });
        assert_eq!(totals[DAYS - 1], DayTotal { date: today, people: 5, minutes: 720 });
        assert_eq!(totals.iter().map(|d| d.minutes).sum::<i64>(), 780, "a day before the chart is left out");
    }

    #[test]
    fn a_recorded_failure_beyond_the_schema_is_shown_until_a_run_succeeds() {
        let failure = (26, "column exists".to_owned());
        assert_eq!(
            state_of(25, 26, Some(&failure)),
            SchemaState::Failed { at: 25, version: 26, error: "column exists".to_owned() }
        );
        assert_eq!(state_of(26, 26, Some(&(26, "old".to_owned()))), SchemaState::Current, "fixed since");
        assert_eq!(state_of(24, 26, None), SchemaState::Behind { at: 24 });
    }
}
