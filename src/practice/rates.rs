//! Rates in the database: loading the rules that could price an entry, and
//! stamping entries with the rate they got (and why). Adding a rule is in
//! `rate_changes`. Which rule wins is decided by the
//! pure [`crate::rates::resolve`]; this module only feeds it and stores
//! its answer on `time_entries` (migration 0008).

use crate::access::Role;
use crate::db::TenantTx;
use crate::money::{Currency, Minutes, Money};
use crate::rates::{EntryContext, PricedEntry, RateKind, RateRule, RateScope, ResolvedRate, resolve};
use time::Date;

/// Statuses whose price is final: approved, and (once invoicing exists)
/// invoiced. Stamping and re-pricing never touch these.
const LOCKED_STATUSES: &str = "('approved', 'invoiced')";

const RATE_COLUMNS: &str = "rate_id, kind, scope, role, user_id, client_id, engagement_id, hourly_minor, currency::text as currency, effective_from";

#[derive(sqlx::FromRow)]
struct RateRow {
    rate_id: i64,
    kind: String,
    scope: String,
    role: Option<String>,
    user_id: Option<i64>,
    client_id: Option<i64>,
    engagement_id: Option<i64>,
    hourly_minor: i64,
    currency: String,
    effective_from: Date,
}

impl RateRow {
    /// `None` only for a row the table's checks should have refused.
    fn rule(self) -> Option<RateRule> {
        let scope = match self.scope.as_str() {
            "firm" => RateScope::FirmDefault,
            "role" => RateScope::Role(Role::parse(self.role.as_deref()?)?),
            "person" => RateScope::Person(self.user_id?),
            "client" => RateScope::Client(self.client_id?),
            "engagement" => RateScope::Engagement(self.engagement_id?),
            "engagement_person" => {
                RateScope::EngagementPerson { engagement_id: self.engagement_id?, user_id: self.user_id? }
            }
            _ => return None,
        };
        Some(RateRule {
            rate_id: self.rate_id,
            kind: kind_from(&self.kind)?,
            scope,
            hourly: Money::new(self.hourly_minor, Currency::parse(&self.currency).ok()?),
            effective_from: self.effective_from,
        })
    }
}

pub(super) fn kind_from(raw: &str) -> Option<RateKind> {
    match raw {
        "billable" => Some(RateKind::Billable),
        "cost" => Some(RateKind::Cost),
        _ => None,
    }
}

pub(super) fn kind_str(kind: RateKind) -> &'static str {
    match kind {
        RateKind::Billable => "billable",
        RateKind::Cost => "cost",
    }
}

/// The stored scope name and the ids it carries: (scope, role, user, client, engagement).
pub(super) type ScopeColumns = (&'static str, Option<&'static str>, Option<i64>, Option<i64>, Option<i64>);

pub(super) fn scope_columns(scope: RateScope) -> ScopeColumns {
    match scope {
        RateScope::FirmDefault => ("firm", None, None, None, None),
        RateScope::Role(role) => ("role", Some(role.as_str()), None, None, None),
        RateScope::Person(user) => ("person", None, Some(user), None, None),
        RateScope::Client(client) => ("client", None, None, Some(client), None),
        RateScope::Engagement(engagement) => ("engagement", None, None, None, Some(engagement)),
        RateScope::EngagementPerson { engagement_id, user_id } => {
            ("engagement_person", None, Some(user_id), None, Some(engagement_id))
        }
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct EntryRow {
    time_entry_id: i64,
    work_date: Date,
    user_id: i64,
    role: String,
    client_id: i64,
    engagement_id: i64,
    currency: String,
    minutes: i32,
    locked: bool,
    billable_rate_minor: Option<i64>,
    billable_rate_id: Option<i64>,
    cost_rate_minor: Option<i64>,
    cost_rate_id: Option<i64>,
}

impl EntryRow {
    /// The pricing context. The role is the person's current one: roles are
    /// not yet dated, so a promotion re-prices open entries, not approved ones.
    fn context(&self) -> Option<EntryContext> {
        Some(EntryContext {
            date: self.work_date,
            user_id: self.user_id,
            role: Role::parse(&self.role)?,
            client_id: self.client_id,
            engagement_id: self.engagement_id,
            currency: Currency::parse(&self.currency).ok()?,
        })
    }

    pub(super) fn priced(&self, kind: RateKind) -> Option<PricedEntry> {
        let (rate_id, hourly) = match kind {
            RateKind::Billable => (self.billable_rate_id, self.billable_rate_minor),
            RateKind::Cost => (self.cost_rate_id, self.cost_rate_minor),
        };
        Some(PricedEntry {
            entry_id: self.time_entry_id,
            ctx: self.context()?,
            minutes: Minutes(u32::try_from(self.minutes).unwrap_or_default()),
            locked: self.locked,
            rate_id,
            hourly_minor: hourly.unwrap_or(0),
        })
    }
}

/// Entries with what pricing needs; the currency is the engagement's own,
/// or else its client's.
pub(super) fn entry_select(filter: &str) -> String {
    format!(
        "select t.time_entry_id, t.work_date, t.user_id, u.role, e.client_id, t.engagement_id,
                coalesce(e.currency, c.currency)::text as currency, t.minutes, t.status in {LOCKED_STATUSES} as locked,
                t.billable_rate_minor, t.billable_rate_id, t.cost_rate_minor, t.cost_rate_id
         from time_entries t
         join users u on u.user_id = t.user_id
         join engagements e on e.engagement_id = t.engagement_id
         join clients c on c.client_id = e.client_id
         where {filter}
         order by t.work_date, t.time_entry_id"
    )
}

/// The rules that could price any of `entries`: in one of their currencies,
/// in effect by the latest date, and scoped to the firm or to one of their
/// roles, people, clients or engagements. One query for a whole batch.
pub(super) async fn candidate_rules(tx: &mut TenantTx, entries: &[EntryContext]) -> Result<Vec<RateRule>, sqlx::Error> {
    let Some(latest) = entries.iter().map(|ctx| ctx.date).max() else { return Ok(Vec::new()) };
    let currencies: Vec<String> = entries.iter().map(|ctx| ctx.currency.to_string()).collect();
    let roles: Vec<&str> = entries.iter().map(|ctx| ctx.role.as_str()).collect();
    let users: Vec<i64> = entries.iter().map(|ctx| ctx.user_id).collect();
    let clients: Vec<i64> = entries.iter().map(|ctx| ctx.client_id).collect();
    let engagements: Vec<i64> = entries.iter().map(|ctx| ctx.engagement_id).collect();
    let rows: Vec<RateRow> = sqlx::query_as(&format!(
        "select {RATE_COLUMNS} from rates
         where currency = any($1) and effective_from <= $2
           and (scope = 'firm' or (scope = 'role' and role = any($3)) or (scope = 'person' and user_id = any($4))
                or (scope = 'client' and client_id = any($5))
                or (scope in ('engagement', 'engagement_person') and engagement_id = any($6)))"
    ))
    .bind(currencies)
    .bind(latest)
    .bind(roles)
    .bind(users)
    .bind(clients)
    .bind(engagements)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().filter_map(RateRow::rule).collect())
}

/// Prices the given time entries with the rules in force and stores, per
/// kind, the hourly rate, the rule's id and the sentence explaining it
/// (nulls when no rule applies). Approved (or invoiced) entries and ids not
/// in this firm are skipped. Returns how many entries were stamped.
///
/// Every path that creates time entries calls this in the same transaction
/// right after inserting them — [`super::log_time`] does, and so must an
/// importer (pass all the new ids at once: the rules are loaded once for
/// the batch).
/// What `price_entries` writes, column by column (as `unnest` reads it).
#[derive(Default)]
struct Stamps {
    entry_ids: Vec<i64>,
    currencies: Vec<String>,
    billable: RateColumns,
    cost: RateColumns,
}

#[derive(Default)]
struct RateColumns {
    minor: Vec<Option<i64>>,
    rule: Vec<Option<i64>>,
    why: Vec<Option<String>>,
}

impl RateColumns {
    fn push(&mut self, rate: Option<ResolvedRate>) {
        self.minor.push(rate.as_ref().map(|r| r.hourly.minor));
        self.rule.push(rate.as_ref().map(|r| r.rate_id));
        self.why.push(rate.map(|r| r.explanation));
    }
}

impl Stamps {
    fn push(&mut self, entry_id: i64, ctx: &EntryContext, billable: Option<ResolvedRate>, cost: Option<ResolvedRate>) {
        self.entry_ids.push(entry_id);
        self.currencies.push(ctx.currency.to_string());
        self.billable.push(billable);
        self.cost.push(cost);
    }
}

pub async fn price_entries(tx: &mut TenantTx, entry_ids: &[i64]) -> Result<usize, sqlx::Error> {
    let rows: Vec<EntryRow> =
        sqlx::query_as(&entry_select(&format!("t.time_entry_id = any($1) and t.status not in {LOCKED_STATUSES}")))
            .bind(entry_ids)
            .fetch_all(tx.conn())
            .await?;
    let contexts: Vec<(i64, EntryContext)> =
        rows.iter().filter_map(|row| Some((row.time_entry_id, row.context()?))).collect();
    let rules = candidate_rules(tx, &contexts.iter().map(|(_, ctx)| ctx.clone()).collect::<Vec<_>>()).await?;
    // One statement for the whole batch (an import prices thousands).
    let mut stamps = Stamps::default();
    for (entry_id, ctx) in &contexts {
        stamps.push(*entry_id, ctx, resolve(&rules, RateKind::Billable, ctx), resolve(&rules, RateKind::Cost, ctx));
    }
    sqlx::query(
        "update time_entries t set currency = s.currency,
                billable_rate_minor = s.billable_minor, billable_rate_id = s.billable_id,
                billable_rate_explanation = s.billable_why,
                cost_rate_minor = s.cost_minor, cost_rate_id = s.cost_id, cost_rate_explanation = s.cost_why
         from unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[], $7::bigint[], $8::text[])
             as s(time_entry_id, currency, billable_minor, billable_id, billable_why, cost_minor, cost_id, cost_why)
         where t.time_entry_id = s.time_entry_id",
    )
    .bind(stamps.entry_ids)
    .bind(stamps.currencies)
    .bind(stamps.billable.minor)
    .bind(stamps.billable.rule)
    .bind(stamps.billable.why)
    .bind(stamps.cost.minor)
    .bind(stamps.cost.rule)
    .bind(stamps.cost.why)
    .execute(tx.conn())
    .await?;
    Ok(contexts.len())
}
