//! Invitations not taken up yet: sent again with a fresh link, or revoked.
//! Only someone who has not joined — no password chosen, no single sign-on
//! yet — is still invited; anyone else is managed as a person (role,
//! deactivation), and these functions leave them alone.

use super::tokens::{issue_invitation, revoke_links};
use crate::db::TenantTx;

/// An invited person, as a fresh invitation email needs them.
#[derive(Debug)]
pub struct Reissued {
    pub email: String,
    pub token: String,
}

/// What revoking did.
#[derive(Debug, PartialEq, Eq)]
pub enum Revoked {
    /// The person is gone from the firm, and their address free to invite
    /// again.
    Removed { email: String },
    /// Something of the firm's already names them (an engagement's
    /// members, a team): they stay, deactivated, with no working link.
    Deactivated { email: String },
}

/// Locks `user_id` when they are still invited: `(email)`.
async fn lock_invited(tx: &mut TenantTx, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select email from users
         where user_id = $1 and active and joined_at is null
           and exists (select 1 from account_tokens where user_id = $1 and purpose = 'invitation')
         for update",
    )
    .bind(user_id)
    .fetch_optional(tx.conn())
    .await
}

/// Ends the person's outstanding links and issues a new invitation; `None`
/// when they are not (or no longer) invited.
pub async fn reissue_invitation(tx: &mut TenantTx, user_id: i64) -> Result<Option<Reissued>, sqlx::Error> {
    let Some(email) = lock_invited(tx, user_id).await? else { return Ok(None) };
    // The old link must stop working: whoever holds it is not whom the
    // administrator is sending to now (a mistyped address, a forwarded mail).
    revoke_links(tx, user_id).await?;
    let token = issue_invitation(tx, user_id).await?;
    Ok(Some(Reissued { email, token }))
}

/// Takes back an invitation; `None` when the person is not (or no longer)
/// invited.
pub async fn revoke_invitation(tx: &mut TenantTx, user_id: i64) -> Result<Option<Revoked>, sqlx::Error> {
    let Some(email) = lock_invited(tx, user_id).await? else { return Ok(None) };
    // Removing them is tried under a savepoint: a reference from the firm's
    // data (a foreign key) aborts only that, and they are deactivated instead.
    sqlx::query("savepoint revoke_invitation").execute(tx.conn()).await?;
    tx.wrote("users");
    match sqlx::query("delete from users where user_id = $1").bind(user_id).execute(tx.conn()).await {
        Ok(_) => {
            sqlx::query("release savepoint revoke_invitation").execute(tx.conn()).await?;
            Ok(Some(Revoked::Removed { email }))
        }
        Err(sqlx::Error::Database(error)) if error.is_foreign_key_violation() => {
            sqlx::query("rollback to savepoint revoke_invitation").execute(tx.conn()).await?;
            revoke_links(tx, user_id).await?;
            tx.wrote("users");
            sqlx::query("update users set active = false, deactivated_at = now() where user_id = $1")
                .bind(user_id)
                .execute(tx.conn())
                .await?;
            Ok(Some(Revoked::Deactivated { email }))
        }
        Err(error) => Err(error),
    }
}

/// Records who invited `user_id`: they are told when the person joins (a
/// trigger of tenant migration 0021, on the first way in).
pub async fn record_inviter(tx: &mut TenantTx, user_id: i64, inviter: i64) -> Result<(), sqlx::Error> {
    tx.wrote("users");
    sqlx::query("update users set invited_by = $2 where user_id = $1")
        .bind(user_id)
        .bind(inviter)
        .execute(tx.conn())
        .await
        .map(drop)
}
