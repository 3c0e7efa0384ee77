//! The staff managing each other from the console (owners only): the list,
//! a new role, removal and an authenticator reset. The platform keeps at
//! least one owner: a change that would leave none is refused, decided under
//! a lock on the owners' rows so two owners demoting each other at once
//! cannot both succeed.

use super::accounts::{STAFF_COLUMNS, StaffRow};
use super::roles::StaffRole;
use super::{StaffMember, find_staff};
use crate::db::Database;

#[derive(Debug, thiserror::Error)]
pub enum StaffChangeError {
    #[error("there is no such staff account")]
    NotFound,
    #[error("the platform must keep at least one owner")]
    LastOwner,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Every staff account, by name.
pub async fn list_staff(db: &Database) -> Result<Vec<StaffMember>, sqlx::Error> {
    let rows: Vec<StaffRow> = sqlx::query_as(&format!("select {STAFF_COLUMNS} order by lower(display_name), staff_id"))
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(StaffRow::into_member).collect())
}

/// Locks the owners' rows and says whether `staff_id` is the only one.
async fn is_last_owner(tx: &mut sqlx::PgConnection, staff_id: i64) -> Result<bool, sqlx::Error> {
    let owners: Vec<i64> = sqlx::query_scalar("select staff_id from platform.staff where role = 'owner' for update")
        .fetch_all(&mut *tx)
        .await?;
    Ok(owners == [staff_id])
}

/// Gives `staff_id` a new role; the old one, for the trail.
pub async fn set_staff_role(db: &Database, staff_id: i64, role: StaffRole) -> Result<StaffRole, StaffChangeError> {
    let mut tx = db.pool().begin().await?;
    let last_owner = is_last_owner(&mut tx, staff_id).await?;
    let old: Option<String> = sqlx::query_scalar("select role from platform.staff where staff_id = $1 for update")
        .bind(staff_id)
        .fetch_optional(&mut *tx)
        .await?;
    let old = old.as_deref().and_then(StaffRole::parse).ok_or(StaffChangeError::NotFound)?;
    if last_owner && role != StaffRole::Owner {
        return Err(StaffChangeError::LastOwner);
    }
    sqlx::query("update platform.staff set role = $2 where staff_id = $1")
        .bind(staff_id)
        .bind(role.as_str())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(old)
}

/// Removes a staff account. Their console session ends at its next request
/// (the gate finds no account); the trail keeps their email as text.
pub async fn remove_staff(db: &Database, staff_id: i64) -> Result<StaffMember, StaffChangeError> {
    let removed = find_staff(db, staff_id).await?.ok_or(StaffChangeError::NotFound)?;
    let mut tx = db.pool().begin().await?;
    if is_last_owner(&mut tx, staff_id).await? {
        return Err(StaffChangeError::LastOwner);
    }
    let deleted =
        sqlx::query("delete from platform.staff where staff_id = $1").bind(staff_id).execute(&mut *tx).await?;
    if deleted.rows_affected() == 0 {
        return Err(StaffChangeError::NotFound);
    }
    tx.commit().await?;
    Ok(removed)
}

/// Clears `staff_id`'s authenticator key, so their next sign-in enrols a
/// new one (a lost phone).
pub async fn reset_staff_totp(db: &Database, staff_id: i64) -> Result<(), StaffChangeError> {
    let reset = sqlx::query(
        "update platform.staff set totp_secret = null, totp_enrolled_at = null, last_totp_step = null
         where staff_id = $1",
    )
    .bind(staff_id)
    .execute(db.pool())
    .await?;
    if reset.rows_affected() == 0 {
        return Err(StaffChangeError::NotFound);
    }
    Ok(())
}
