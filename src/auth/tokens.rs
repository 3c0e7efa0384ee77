//! Single-use, expiring links: a random token goes into the email, only its
//! SHA-256 into the database. Redeeming one sets a new password and starts a
//! new credentials epoch, so every existing session of that person ends.

use super::password::{blocking, hash_password};
use crate::db::TenantTx;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

pub use crate::person::{INVITATION_DAYS, RESET_LINK_MINUTES};

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// At most this many reset links per person per hour: enough for a lost
/// message or two, too few to flood someone's inbox from the sign-in page.
pub const RESET_LINKS_PER_HOUR: i64 = 3;

/// Issues a reset link for the active person with this email, if there is
/// one and they have not had [`RESET_LINKS_PER_HOUR`] already:
/// `(email as stored, token)`. The caller answers the same either way.
pub async fn issue_password_reset(tx: &mut TenantTx, email: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    // The person's row is locked first, and the links counted in a second
    // statement: its snapshot is taken after the lock is ours, so it sees
    // the link of a request that held the lock before (counted in the same
    // statement, a waiting request would count with its older snapshot and
    // slip past the limit).
    let user: Option<(i64, String)> =
        sqlx::query_as("select user_id, email from users where lower(email) = lower($1) and active for update")
            .bind(email.trim())
            .fetch_optional(tx.conn())
            .await?;
    let Some((user_id, stored_email)) = user else { return Ok(None) };
    let recent: i64 = sqlx::query_scalar(
        "select count(*) from account_tokens
         where user_id = $1 and purpose = 'reset_password' and created_at > now() - interval '1 hour'",
    )
    .bind(user_id)
    .fetch_one(tx.conn())
    .await?;
    if recent >= RESET_LINKS_PER_HOUR {
        return Ok(None);
    }
    let token = issue(tx, user_id, "reset_password", RESET_LINK_MINUTES).await?;
    Ok(Some((stored_email, token)))
}

/// Issues the link of an invitation to someone just added without a
/// password; it works for `INVITATION_DAYS` and, like a reset, only once.
pub async fn issue_invitation(tx: &mut TenantTx, user_id: i64) -> Result<String, sqlx::Error> {
    issue(tx, user_id, "invitation", INVITATION_DAYS * 24 * 60).await
}

async fn issue(tx: &mut TenantTx, user_id: i64, purpose: &str, minutes: i64) -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query(
        "insert into account_tokens (token_hash, user_id, purpose, expires_at)
         values ($1, $2, $3, now() + make_interval(mins => $4))",
    )
    .bind(digest(&token))
    .bind(user_id)
    .bind(purpose)
    .bind(minutes as i32)
    .execute(tx.conn())
    .await?;
    Ok(token)
}

#[derive(Debug, thiserror::Error)]
pub enum RedeemError {
    #[error("this link has expired or was already used; ask for a new one")]
    Invalid,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Uses a link once: sets the new password (already checked against the
/// rules) and returns the person's email.
pub async fn redeem_password_link(tx: &mut TenantTx, token: &str, new_password: &str) -> Result<String, RedeemError> {
    let user_id: Option<i64> = sqlx::query_scalar(
        "update account_tokens set used_at = now()
         where token_hash = $1 and used_at is null and expires_at > now()
         returning user_id",
    )
    .bind(digest(token.trim()))
    .fetch_optional(tx.conn())
    .await?;
    let user_id = user_id.ok_or(RedeemError::Invalid)?;
    let new_password = new_password.to_owned();
    let hash = blocking(move || hash_password(&new_password)).await;
    tx.wrote("users");
    let email: Option<String> = sqlx::query_scalar(
        "update users set password_hash = $2, session_epoch = session_epoch + 1, joined_at = coalesce(joined_at, now())
         where user_id = $1 and active returning email",
    )
    .bind(user_id)
    .bind(hash)
    .fetch_optional(tx.conn())
    .await?;
    let email = email.ok_or(RedeemError::Invalid)?;
    revoke_links(tx, user_id).await?;
    Ok(email)
}

/// A new password ends every link still outstanding for the person (other
/// resets, an old invitation): a link mailed before the change must not
/// undo it.
pub(crate) async fn revoke_links(tx: &mut TenantTx, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update account_tokens set used_at = now() where user_id = $1 and used_at is null")
        .bind(user_id)
        .execute(tx.conn())
        .await
        .map(drop)
}
