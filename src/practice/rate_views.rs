//! What the rates page reads: the firm's rules in words, and recent time
//! entries with the rate they were stamped with and why ("why this rate").

use super::rates::kind_from;
use crate::access::Role;
use crate::db::TenantTx;
use crate::money::{Currency, Money};
use crate::rates::{RateListing, StampedEntry};
use time::Date;

#[derive(sqlx::FromRow)]
struct ListingRow {
    rate_id: i64,
    kind: String,
    scope: String,
    role: Option<String>,
    person: Option<String>,
    client: Option<String>,
    engagement: Option<String>,
    hourly_minor: i64,
    currency: String,
    effective_from: Date,
}

impl ListingRow {
    fn words(&self) -> String {
        let name = |value: &Option<String>| value.clone().unwrap_or_default();
        match self.scope.as_str() {
            "role" => {
                format!("Everyone with the {} role", self.role.as_deref().and_then(Role::parse).map_or("", Role::label))
            }
            "person" => name(&self.person),
            "client" => format!("Client {}", name(&self.client)),
            "engagement" => format!("Engagement {}", name(&self.engagement)),
            "engagement_person" => format!("{} on engagement {}", name(&self.person), name(&self.engagement)),
            _ => "Firm default".to_owned(),
        }
    }
}

/// Every rule, newest effective date first within each kind.
pub async fn list_rates(tx: &mut TenantTx) -> Result<Vec<RateListing>, sqlx::Error> {
    let rows: Vec<ListingRow> = sqlx::query_as(
        "select r.rate_id, r.kind, r.scope, r.role, u.display_name as person, c.name as client,
                e.code as engagement, r.hourly_minor, r.currency::text as currency, r.effective_from
         from rates r
         left join users u on u.user_id = r.user_id
         left join clients c on c.client_id = r.client_id
         left join engagements e on e.engagement_id = r.engagement_id
         order by r.kind, r.effective_from desc, r.rate_id desc",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(RateListing {
                rate_id: row.rate_id,
                kind: kind_from(&row.kind)?,
                scope: row.words(),
                hourly: Money::new(row.hourly_minor, Currency::parse(&row.currency).ok()?),
                effective_from: row.effective_from,
            })
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct StampedRow {
    time_entry_id: i64,
    work_date: Date,
    person: String,
    engagement_code: String,
    minutes: i32,
    status: String,
    billable_rate_minor: Option<i64>,
    currency: Option<String>,
    billable_rate_explanation: Option<String>,
}

/// The `limit` most recently logged entries, with their stamped billable rate.
pub async fn recent_stamped(tx: &mut TenantTx, limit: i64) -> Result<Vec<StampedEntry>, sqlx::Error> {
    let rows: Vec<StampedRow> = sqlx::query_as(
        "select t.time_entry_id, t.work_date, u.display_name as person, e.code as engagement_code, t.minutes,
                t.status, t.billable_rate_minor, t.currency::text as currency, t.billable_rate_explanation
         from time_entries t
         join users u on u.user_id = t.user_id
         join engagements e on e.engagement_id = t.engagement_id
         order by t.time_entry_id desc
         limit $1",
    )
    .bind(limit)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let currency = row.currency.as_deref().and_then(|c| Currency::parse(c).ok());
            StampedEntry {
                time_entry_id: row.time_entry_id,
                work_date: row.work_date,
                person: row.person,
                engagement_code: row.engagement_code,
                minutes: u32::try_from(row.minutes).unwrap_or_default(),
                status: row.status,
                billable: row.billable_rate_minor.zip(currency).map(|(minor, c)| Money::new(minor, c)),
                explanation: row.billable_rate_explanation,
            }
        })
        .collect())
}

/// The firm's default currency for a new rule: the one most of its active
/// clients bill in (clients carry the currency; the firm has none of its own).
pub async fn usual_currency(tx: &mut TenantTx) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select currency::text from clients where archived_at is null
         group by currency order by count(*) desc, currency limit 1",
    )
    .fetch_optional(tx.conn())
    .await
}

/// Choices for the form's selects: (people, clients, engagements) as (id, name).
pub async fn rate_choices(tx: &mut TenantTx) -> Result<[Vec<(i64, String)>; 3], sqlx::Error> {
    let people = sqlx::query_as("select user_id, display_name from users where active order by lower(display_name)")
        .fetch_all(tx.conn())
        .await?;
    let clients = sqlx::query_as("select client_id, name from clients where archived_at is null order by lower(name)")
        .fetch_all(tx.conn())
        .await?;
    let engagements = sqlx::query_as(
        "select e.engagement_id, c.name || ' — ' || e.code || ' ' || e.name
         from engagements e join clients c using (client_id)
         where e.status = 'active' order by lower(c.name), e.code",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok([people, clients, engagements])
}
