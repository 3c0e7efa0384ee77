//! A client's details and an engagement's terms: reading them for their
//! pages and saving their edit forms. Ids from another firm are simply not
//! found here (each firm's schema has its own rows).

use crate::db::TenantTx;
use crate::engagement::views::{ClientPage, EngagementPage};
use crate::engagement::{Budget, ClientDetails, ClientForm, EngagementDetails, EngagementForm, burn};
use crate::money::Minutes;
use crate::overview::EngagementOverview;
use std::collections::BTreeMap;
use time::Date;

#[derive(Debug, thiserror::Error)]
pub enum DetailsError {
    #[error("no such client or engagement")]
    NotFound,
    #[error("that name or code is already used")]
    Taken,
    #[error("choose the owner and members from the firm's active people")]
    UnknownPerson,
    #[error(transparent)]
    Db(sqlx::Error),
}

impl From<sqlx::Error> for DetailsError {
    /// A unique index refusing the row is the person's mistake, not ours.
    fn from(error: sqlx::Error) -> Self {
        match error.as_database_error().and_then(|e| e.code()) {
            Some(code) if code == "23505" => Self::Taken,
            Some(code) if code == "23503" => Self::UnknownPerson,
            _ => Self::Db(error),
        }
    }
}

pub async fn client_page(tx: &mut TenantTx, client_id: i64) -> Result<ClientPage, DetailsError> {
    let row: Option<(String, String, String, String, String, bool)> = sqlx::query_as(
        "select name, billing_address, tax_id, currency::text, notes, archived_at is not null
         from clients where client_id = $1",
    )
    .bind(client_id)
    .fetch_optional(tx.conn())
    .await?;
    let (name, billing_address, tax_id, currency, notes, archived) = row.ok_or(DetailsError::NotFound)?;
    let engagements: Vec<(i64, String, String, String)> =
        sqlx::query_as("select engagement_id, code, name, status from engagements where client_id = $1 order by code")
            .bind(client_id)
            .fetch_all(tx.conn())
            .await?;
    let contacts = super::client_contacts(tx, client_id).await?;
    let invoicing = super::client_invoicing(tx, client_id).await?.ok_or(DetailsError::NotFound)?;
    Ok(ClientPage {
        client_id,
        form: ClientForm { name, billing_address, tax_id, currency, notes },
        archived,
        invoicing,
        contacts,
        typed_contact: None,
        // Filled by `client_summary`, whose money part depends on who asks.
        summary: Default::default(),
        engagements: engagements
            .into_iter()
            .map(|(engagement_id, code, name, status)| EngagementOverview {
                engagement_id,
                code,
                name,
                active: status == "active",
            })
            .collect(),
    })
}

pub async fn update_client(tx: &mut TenantTx, client_id: i64, client: &ClientDetails) -> Result<(), DetailsError> {
    tx.wrote("clients");
    let updated = sqlx::query(
        "update clients set name = $2, billing_address = $3, tax_id = $4, currency = $5, notes = $6
         where client_id = $1",
    )
    .bind(client_id)
    .bind(client.name.as_str())
    .bind(&client.billing_address)
    .bind(&client.tax_id)
    .bind(client.currency.as_str())
    .bind(&client.notes)
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() == 0 { Err(DetailsError::NotFound) } else { Ok(()) }
}

/// Archives a client (it leaves the dashboard and takes no new time) or
/// brings it back.
pub async fn set_client_archived(tx: &mut TenantTx, client_id: i64, archived: bool) -> Result<(), DetailsError> {
    tx.wrote("clients");
    let updated = sqlx::query(
        "update clients set archived_at = case when $2 then coalesce(archived_at, now()) end where client_id = $1",
    )
    .bind(client_id)
    .bind(archived)
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() == 0 { Err(DetailsError::NotFound) } else { Ok(()) }
}

fn budget_columns(budget: Budget) -> (Option<i32>, Option<i64>) {
    match budget {
        Budget::None => (None, None),
        Budget::Hours(minutes) => (Some(i32::try_from(minutes.0).unwrap_or(i32::MAX)), None),
        Budget::Money(minor) => (None, Some(minor)),
    }
}

/// Creates an engagement under `client_id` and returns its id.
pub async fn create_engagement(tx: &mut TenantTx, client_id: i64, e: &EngagementDetails) -> Result<i64, DetailsError> {
    tx.wrote("engagements");
    let exists: bool = sqlx::query_scalar("select exists (select from clients where client_id = $1)")
        .bind(client_id)
        .fetch_one(tx.conn())
        .await?;
    if !exists {
        return Err(DetailsError::NotFound);
    }
    let id: i64 = sqlx::query_scalar(
        "insert into engagements (client_id, code, name) values ($1, $2, $3) returning engagement_id",
    )
    .bind(client_id)
    .bind(&e.code)
    .bind(&e.name)
    .fetch_one(tx.conn())
    .await?;
    update_engagement(tx, id, e).await?;
    Ok(id)
}

pub async fn update_engagement(
    tx: &mut TenantTx,
    engagement_id: i64,
    e: &EngagementDetails,
) -> Result<(), DetailsError> {
    tx.wrote("engagements");
    let (budget_minutes, budget_minor) = budget_columns(e.budget);
    let updated = sqlx::query(
        "update engagements set code = $2, name = $3, billing_model = $4, currency = $5, budget_minutes = $6,
                budget_minor = $7, fee_minor = $8, retainer_period = $9, starts_on = $10, ends_on = $11,
                owner_id = (select user_id from users where user_id = $12 and active),
                status = case when $13 then 'active' else 'closed' end, retainer_minutes = $14, bill_overage = $15
         where engagement_id = $1",
    )
    .bind(engagement_id)
    .bind(&e.code)
    .bind(&e.name)
    .bind(e.billing_model.as_str())
    .bind(e.currency.as_ref().map(|c| c.as_str().to_owned()))
    .bind(budget_minutes)
    .bind(budget_minor)
    .bind(e.fee_minor)
    .bind(&e.retainer_period)
    .bind(e.starts_on)
    .bind(e.ends_on)
    .bind(e.owner_id)
    .bind(e.active)
    .bind(e.retainer_included.and_then(|m| i32::try_from(m.0).ok()))
    .bind(e.bill_overage)
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() == 0 {
        return Err(DetailsError::NotFound);
    }
    sqlx::query("delete from engagement_members where engagement_id = $1")
        .bind(engagement_id)
        .execute(tx.conn())
        .await?;
    let added = sqlx::query(
        "insert into engagement_members (engagement_id, user_id)
         select $1, user_id from users where user_id = any($2) and active",
    )
    .bind(engagement_id)
    .bind(&e.members)
    .execute(tx.conn())
    .await?;
    let owner_unknown = e.owner_id.is_some() && owner_of(tx, engagement_id).await?.is_none();
    if owner_unknown || added.rows_affected() != e.members.len() as u64 {
        return Err(DetailsError::UnknownPerson);
    }
    Ok(())
}

async fn owner_of(tx: &mut TenantTx, engagement_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select owner_id from engagements where engagement_id = $1")
        .bind(engagement_id)
        .fetch_one(tx.conn())
        .await
}

#[derive(sqlx::FromRow)]
struct EngagementRow {
    client_id: i64,
    client_name: String,
    code: String,
    name: String,
    billing_model: String,
    currency: Option<String>,
    budget_minutes: Option<i32>,
    budget_minor: Option<i64>,
    fee_minor: Option<i64>,
    retainer_period: Option<String>,
    retainer_minutes: Option<i32>,
    bill_overage: bool,
    starts_on: Option<Date>,
    ends_on: Option<Date>,
    owner_id: Option<i64>,
    status: String,
    logged: i64,
    /// Billable time at its stamped rates, in minor units; null until some
    /// entry is priced.
    priced: Option<i64>,
}

/// The engagement's page; colleagues' time in its summary only
/// `with_people` (see `engagement_summary`).
pub async fn engagement_page(
    tx: &mut TenantTx,
    engagement_id: i64,
    with_people: bool,
) -> Result<EngagementPage, DetailsError> {
    let row: Option<EngagementRow> = sqlx::query_as(
        "select e.client_id, c.name as client_name, e.code, e.name, e.billing_model, e.currency::text as currency,
                e.budget_minutes, e.budget_minor, e.fee_minor, e.retainer_period, e.retainer_minutes,
                e.bill_overage, e.starts_on, e.ends_on,
                e.owner_id, e.status,
                (select coalesce(sum(minutes), 0)::int8 from time_entries t where t.engagement_id = e.engagement_id) as logged,
                (select (sum(t.minutes::int8 * t.billable_rate_minor) / 60)::int8 from time_entries t
                 where t.engagement_id = e.engagement_id and t.billable and t.billable_rate_minor is not null) as priced
         from engagements e join clients c using (client_id) where e.engagement_id = $1",
    )
    .bind(engagement_id)
    .fetch_optional(tx.conn())
    .await?;
    let r = row.ok_or(DetailsError::NotFound)?;
    let members: Vec<i64> = sqlx::query_scalar("select user_id from engagement_members where engagement_id = $1")
        .bind(engagement_id)
        .fetch_all(tx.conn())
        .await?;
    let people: Vec<(i64, String)> =
        sqlx::query_as("select user_id, display_name from users where active order by display_name")
            .fetch_all(tx.conn())
            .await?;
    let logged = Minutes(u32::try_from(r.logged).unwrap_or(u32::MAX));
    let budget = Budget::from_columns(r.budget_minutes, r.budget_minor);
    let hours = match budget {
        Budget::Hours(minutes) => Some(minutes),
        Budget::None | Budget::Money(_) => None,
    };
    let summary = super::engagement_summary::engagement_summary(tx, engagement_id, hours, with_people).await?;
    let amount = |minor: i64| format!("{}.{:02}", minor / 100, minor % 100);
    let form = EngagementForm {
        code: r.code,
        name: r.name,
        billing_model: r.billing_model,
        currency: r.currency.unwrap_or_default(),
        budget_kind: match budget {
            Budget::None => String::new(),
            Budget::Hours(_) => "hours".into(),
            Budget::Money(_) => "money".into(),
        },
        budget: match budget {
            Budget::None => String::new(),
            Budget::Hours(minutes) => minutes.to_string(),
            Budget::Money(minor) => amount(minor),
        },
        fee: r.fee_minor.map(amount).unwrap_or_default(),
        retainer_period: r.retainer_period.unwrap_or_default(),
        retainer_hours: r
            .retainer_minutes
            .and_then(|m| u32::try_from(m).ok())
            .map(|m| Minutes(m).to_string())
            .unwrap_or_default(),
        bill_overage: r.bill_overage.then(|| "on".to_owned()),
        starts_on: r.starts_on.map(|d| d.to_string()).unwrap_or_default(),
        ends_on: r.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        owner_id: r.owner_id.map(|id| id.to_string()).unwrap_or_default(),
        active: (r.status == "active").then(|| "on".to_owned()),
        members: members
            .iter()
            .map(|id| (crate::engagement::member_key(*id), "on".to_owned()))
            .collect::<BTreeMap<_, _>>(),
    };
    Ok(EngagementPage {
        engagement_id,
        client_id: r.client_id,
        client_name: r.client_name,
        form,
        logged,
        burn: burn(budget, logged, r.priced, super::formats::firm_formats(tx).await?),
        people,
        summary,
    })
}
