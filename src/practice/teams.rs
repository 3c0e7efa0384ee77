//! Teams as stored: creating, renaming, handing over and removing one, and
//! moving a person into or out of one.
//! Who manages whom (and so who approves whom) follows from these rows; see
//! [`crate::teams`].

use crate::db::TenantTx;
use crate::teams::{TeamName, TeamView};

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("a team with that name already exists")]
    NameTaken,
    #[error("choose an active manager or administrator to run the team")]
    NotAManager,
    /// The person or team is unknown here, perhaps another firm's id.
    #[error("no such person or team")]
    NotFound,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Teams by name, with their manager and members.
pub async fn list_teams(tx: &mut TenantTx) -> Result<Vec<TeamView>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, String, Vec<String>)> = sqlx::query_as(
        "select t.team_id, t.name, t.manager_id, m.display_name,
                coalesce(array_agg(u.display_name order by u.display_name) filter (where u.user_id is not null), '{}')
         from teams t
         join users m on m.user_id = t.manager_id
         left join team_members tm using (team_id)
         left join users u on u.user_id = tm.user_id
         group by t.team_id, t.name, t.manager_id, m.display_name
         order by lower(t.name)",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(team_id, name, manager_id, manager, members)| TeamView { team_id, name, manager_id, manager, members })
        .collect())
}

/// Each person's team, by user id.
pub async fn memberships(tx: &mut TenantTx) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("select user_id, team_id from team_members").fetch_all(tx.conn()).await
}

async fn ensure_manager(tx: &mut TenantTx, manager_id: i64) -> Result<(), TeamError> {
    let is_manager: bool = sqlx::query_scalar(
        "select exists (select from users where user_id = $1 and active and role in ('manager', 'admin'))",
    )
    .bind(manager_id)
    .fetch_one(tx.conn())
    .await?;
    if is_manager { Ok(()) } else { Err(TeamError::NotAManager) }
}

pub async fn create_team(tx: &mut TenantTx, name: &TeamName, manager_id: i64) -> Result<i64, TeamError> {
    ensure_manager(tx, manager_id).await?;
    let id: Option<i64> = sqlx::query_scalar(
        "insert into teams (name, manager_id) values ($1, $2) on conflict ((lower(name))) do nothing returning team_id",
    )
    .bind(name.as_str())
    .bind(manager_id)
    .fetch_optional(tx.conn())
    .await?;
    id.ok_or(TeamError::NameTaken)
}

/// Puts the person in `team_id`, or in no team. Returns the person's email
/// and the team's name (empty for none), for the audit trail.
pub async fn assign_team(tx: &mut TenantTx, user_id: i64, team_id: Option<i64>) -> Result<(String, String), TeamError> {
    let email: Option<String> = sqlx::query_scalar("select email from users where user_id = $1")
        .bind(user_id)
        .fetch_optional(tx.conn())
        .await?;
    let email = email.ok_or(TeamError::NotFound)?;
    let Some(team_id) = team_id else {
        sqlx::query("delete from team_members where user_id = $1").bind(user_id).execute(tx.conn()).await?;
        return Ok((email, String::new()));
    };
    let team: Option<String> =
        sqlx::query_scalar("select name from teams where team_id = $1").bind(team_id).fetch_optional(tx.conn()).await?;
    let team = team.ok_or(TeamError::NotFound)?;
    sqlx::query(
        "insert into team_members (user_id, team_id) values ($1, $2)
         on conflict (user_id) do update set team_id = excluded.team_id",
    )
    .bind(user_id)
    .bind(team_id)
    .execute(tx.conn())
    .await?;
    Ok((email, team))
}

/// Renames `team_id` and hands it to `manager_id` (either may be unchanged).
/// Returns the name it had, for the audit trail. Weeks already submitted
/// follow the new manager: approvers are worked out when a decision is made.
pub async fn update_team(
    tx: &mut TenantTx,
    team_id: i64,
    name: &TeamName,
    manager_id: i64,
) -> Result<String, TeamError> {
    let old: Option<String> = sqlx::query_scalar("select name from teams where team_id = $1 for update")
        .bind(team_id)
        .fetch_optional(tx.conn())
        .await?;
    let old = old.ok_or(TeamError::NotFound)?;
    ensure_manager(tx, manager_id).await?;
    let taken: bool =
        sqlx::query_scalar("select exists (select from teams where lower(name) = lower($1) and team_id <> $2)")
            .bind(name.as_str())
            .bind(team_id)
            .fetch_one(tx.conn())
            .await?;
    if taken {
        return Err(TeamError::NameTaken);
    }
    sqlx::query("update teams set name = $2, manager_id = $3 where team_id = $1")
        .bind(team_id)
        .bind(name.as_str())
        .bind(manager_id)
        .execute(tx.conn())
        .await?;
    Ok(old)
}

/// Removes `team_id`; its members are then in no team (their "manager"
/// steps fall back as the policy says for people without one). Returns the
/// team's name, for the audit trail.
pub async fn delete_team(tx: &mut TenantTx, team_id: i64) -> Result<String, TeamError> {
    let name: Option<String> = sqlx::query_scalar("delete from teams where team_id = $1 returning name")
        .bind(team_id)
        .fetch_optional(tx.conn())
        .await?;
    name.ok_or(TeamError::NotFound)
}
