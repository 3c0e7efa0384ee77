//! Teams for administrators: who runs each team and who is in it, which
//! decides who approves whose week ("the submitter's manager").

use crate::error::AppError;
use leptos::prelude::*;
use pespro::access::PersonSummary;
use pespro::teams::TeamView;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamsPage {
    pub teams: Vec<TeamView>,
    pub people: Vec<PersonSummary>,
    /// (user id, team id)
    pub memberships: Vec<(i64, i64)>,
}

#[cfg(feature = "ssr")]
fn team_error(error: pespro::practice::TeamError) -> AppError {
    use pespro::practice::TeamError as E;
    match error {
        E::NameTaken => AppError::validation("name", error),
        E::NotAManager => AppError::validation("manager_id", error),
        E::NotFound => AppError::NotFound,
        E::Db(db) => db.into(),
    }
}

#[cfg(feature = "ssr")]
async fn audit(
    ctx: &super::context::RequestContext,
    tx: &mut pespro::db::TenantTx,
    subject: &str,
    detail: &str,
) -> Result<(), AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};
    let user = ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: AuditAction::TeamChanged,
        subject,
        detail,
        client_address: ctx.client_address,
    };
    Ok(record(tx, &entry).await?)
}

#[server(endpoint = "load_teams")]
pub async fn load_teams() -> Result<TeamsPage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let mut tx = ctx.tenant_tx().await?;
    let teams = pespro::practice::list_teams(&mut tx).await?;
    let people = pespro::auth::list_people(&mut tx).await?;
    let memberships = pespro::practice::memberships(&mut tx).await?;
    tx.commit().await?;
    Ok(TeamsPage { teams, people, memberships })
}

#[server(endpoint = "create_team")]
pub async fn create_team(name: String, manager_id: i64) -> Result<i64, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let name = pespro::teams::TeamName::parse(&name).map_err(|e| AppError::validation("name", e))?;
    let mut tx = ctx.tenant_tx().await?;
    let id = pespro::practice::create_team(&mut tx, &name, manager_id).await.map_err(team_error)?;
    audit(&ctx, &mut tx, name.as_str(), "team created").await?;
    tx.commit().await?;
    Ok(id)
}

/// `team_id` empty means "no team".
#[server(endpoint = "assign_team")]
pub async fn assign_team(user_id: i64, team_id: String) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let team_id = match team_id.trim() {
        "" => None,
        raw => Some(raw.parse::<i64>().map_err(|_| AppError::validation("team_id", "Choose a team from the list."))?),
    };
    let mut tx = ctx.tenant_tx().await?;
    let (email, team) = pespro::practice::assign_team(&mut tx, user_id, team_id).await.map_err(team_error)?;
    let detail = if team.is_empty() { "left their team".to_owned() } else { format!("joined {team}") };
    audit(&ctx, &mut tx, &email, &detail).await?;
    tx.commit().await?;
    Ok(())
}

/// Renames a team and (or) hands it to another manager or administrator.
#[server(endpoint = "update_team")]
pub async fn update_team(team_id: i64, name: String, manager_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let name = pespro::teams::TeamName::parse(&name).map_err(|e| AppError::validation("name", e))?;
    let mut tx = ctx.tenant_tx().await?;
    let old = pespro::practice::update_team(&mut tx, team_id, &name, manager_id).await.map_err(team_error)?;
    audit(&ctx, &mut tx, name.as_str(), &format!("team updated (was {old})")).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a team; its members are left in no team.
#[server(endpoint = "delete_team")]
pub async fn delete_team(team_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageUsers)?;
    let mut tx = ctx.tenant_tx().await?;
    let name = pespro::practice::delete_team(&mut tx, team_id).await.map_err(team_error)?;
    audit(&ctx, &mut tx, &name, "team deleted").await?;
    tx.commit().await?;
    Ok(())
}
