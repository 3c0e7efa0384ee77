//! Approval policies as stored (one row per version, never updated), the
//! firm's hierarchy and its people as the approval engine needs them.

use crate::access::Role;
use crate::db::TenantTx;
use crate::teams::Hierarchy;
use crate::workflow::{DocumentKind, Policy, Rule, Scope, ScopeNames, default_policy, scopes_of};

pub(super) fn kind_str(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Timesheet => "timesheet",
        DocumentKind::Expense => "expense",
        DocumentKind::Invoice => "invoice",
    }
}

/// The policy new submissions of `kind` get: the newest saved version, or
/// the built-in default (which is version 1 until something is saved).
pub async fn current_policy(tx: &mut TenantTx, kind: DocumentKind) -> Result<Policy, sqlx::Error> {
    let row: Option<(i32, String)> = sqlx::query_as(
        "select version, rules::text from approval_policies where document_kind = $1 order by version desc limit 1",
    )
    .bind(kind_str(kind))
    .fetch_optional(tx.conn())
    .await?;
    match row {
        Some((version, rules)) => Ok(Policy { version: version_u32(version), rules: decode(&rules)? }),
        None => Ok(default_policy()),
    }
}

/// The version a document was submitted under. `None` when it does not
/// exist, which only a corrupted row could cause.
pub async fn policy_version(
    tx: &mut TenantTx,
    kind: DocumentKind,
    version: u32,
) -> Result<Option<Policy>, sqlx::Error> {
    let rules: Option<String> =
        sqlx::query_scalar("select rules::text from approval_policies where document_kind = $1 and version = $2")
            .bind(kind_str(kind))
            .bind(i32::try_from(version).unwrap_or(i32::MAX))
            .fetch_optional(tx.conn())
            .await?;
    Ok(match rules {
        Some(rules) => Some(Policy { version, rules: decode(&rules)? }),
        None if version == 1 => Some(default_policy()),
        None => None,
    })
}

/// Saves `rules` as the next version of `kind`'s policy and returns it.
/// Version 1 is the built-in default, so the first saved policy is 2.
pub async fn save_policy(
    tx: &mut TenantTx,
    kind: DocumentKind,
    rules: &[Rule],
    by_user_id: i64,
) -> Result<Policy, sqlx::Error> {
    // Two admins saving at once would both compute the same next version;
    // the lock makes the second wait and take the one after.
    sqlx::query("lock table approval_policies in share row exclusive mode").execute(tx.conn()).await?;
    let version: i32 = sqlx::query_scalar(
        "insert into approval_policies (document_kind, version, rules, created_by)
         select $1, coalesce(max(version), 1) + 1, $2::jsonb, $3 from approval_policies where document_kind = $1
         returning version",
    )
    .bind(kind_str(kind))
    .bind(serde_json::to_string(rules).map_err(|e| sqlx::Error::Encode(Box::new(e)))?)
    .bind(by_user_id)
    .fetch_one(tx.conn())
    .await?;
    Ok(Policy { version: version_u32(version), rules: rules.to_vec() })
}

/// Stored rules are written only by [`save_policy`]; one that no longer
/// reads is a bug to surface, not a policy to guess.
fn decode(rules: &str) -> Result<Vec<Rule>, sqlx::Error> {
    serde_json::from_str(rules).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn version_u32(version: i32) -> u32 {
    u32::try_from(version).unwrap_or(1)
}

/// Active people and their roles, as policy validation and trials need.
pub async fn directory(tx: &mut TenantTx) -> Result<Vec<(i64, Role)>, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("select user_id, role from users where active order by user_id").fetch_all(tx.conn()).await?;
    Ok(rows.into_iter().filter_map(|(id, role)| Role::parse(&role).map(|r| (id, r))).collect())
}

/// The firm's teams, as the manager chain is derived from them.
pub async fn hierarchy(tx: &mut TenantTx) -> Result<Hierarchy, sqlx::Error> {
    let teams: Vec<(i64, i64)> = sqlx::query_as("select team_id, manager_id from teams").fetch_all(tx.conn()).await?;
    let members: Vec<(i64, i64)> =
        sqlx::query_as("select user_id, team_id from team_members").fetch_all(tx.conn()).await?;
    Ok(Hierarchy::new(&teams, &members))
}

/// What a rule can be limited to, as the editor's select lists it:
/// (`client:<id>` or `engagement:<id>`, label).
pub async fn scope_choices(tx: &mut TenantTx) -> Result<Vec<(String, String)>, sqlx::Error> {
    let clients: Vec<(i64, String)> =
        sqlx::query_as("select client_id, name from clients where archived_at is null order by lower(name)")
            .fetch_all(tx.conn())
            .await?;
    let engagements: Vec<(i64, String, String)> = sqlx::query_as(
        "select e.engagement_id, e.code, e.name from engagements e join clients c using (client_id)
         where e.status = 'active' and c.archived_at is null order by e.code",
    )
    .fetch_all(tx.conn())
    .await?;
    let clients = clients.into_iter().map(|(id, name)| (format!("client:{id}"), format!("Client: {name}")));
    let engagements = engagements
        .into_iter()
        .map(|(id, code, name)| (format!("engagement:{id}"), format!("Engagement: {code} {name}")));
    Ok(clients.chain(engagements).collect())
}

/// The names of the clients and engagements `rules` are limited to, for
/// the sentences that describe them. No query when no rule is scoped.
pub async fn scope_names(tx: &mut TenantTx, rules: &[Rule]) -> Result<ScopeNames, sqlx::Error> {
    let scopes = scopes_of(rules);
    if scopes.is_empty() {
        return Ok(ScopeNames::default());
    }
    let ids = |want_client: bool| -> Vec<i64> {
        scopes
            .iter()
            .filter_map(|scope| match *scope {
                Scope::Client(id) if want_client => Some(id),
                Scope::Engagement(id) if !want_client => Some(id),
                _ => None,
            })
            .collect()
    };
    let rows: Vec<(bool, i64, String)> = sqlx::query_as(
        "select true, client_id, name from clients where client_id = any($1)
         union all
         select false, engagement_id, code || ' ' || name from engagements where engagement_id = any($2)",
    )
    .bind(ids(true))
    .bind(ids(false))
    .fetch_all(tx.conn())
    .await?;
    Ok(ScopeNames::new(
        rows.into_iter()
            .map(|(client, id, name)| (if client { Scope::Client(id) } else { Scope::Engagement(id) }, name)),
    ))
}
