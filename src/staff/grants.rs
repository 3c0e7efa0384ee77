//! Impersonation grants: a staff member's single-use, one-minute permission
//! to become one person of one firm. The console issues one and sends the
//! browser to the firm's host with the token; that host redeems it. Only the
//! token's SHA-256 is stored, so the table is no use to someone who reads it.

use crate::db::Database;
use crate::tenant::TenantId;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// How long the link from the console to the firm's host works.
pub const GRANT_SECONDS: i64 = 60;
/// The longest reason kept, in characters.
pub const MAX_REASON_CHARS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReasonError {
    #[error("say why you need to act as this person (it is recorded for the firm to read)")]
    Missing,
    #[error("keep the reason to {MAX_REASON_CHARS} characters or fewer")]
    TooLong,
}

/// A reason is required, trimmed, and at most 500 characters.
pub fn check_reason(raw: &str) -> Result<String, ReasonError> {
    let reason = raw.trim();
    match reason.chars().count() {
        0 => Err(ReasonError::Missing),
        n if n > MAX_REASON_CHARS => Err(ReasonError::TooLong),
        _ => Ok(reason.to_owned()),
    }
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// What a grant allows beyond acting as the person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GrantScope {
    /// Workflow policies, rates, imports, reopening weeks: refused while
    /// impersonating unless this is set (`access::Permission::ChangeMoneyRules`).
    pub may_change_money_rules: bool,
}

/// Issues a grant to act as `user_id` for `reason`, and returns its token
/// (for the link only).
pub async fn issue_grant(
    db: &Database,
    staff_id: i64,
    tenant_id: TenantId,
    (user_id, reason): (i64, &str),
    scope: GrantScope,
) -> Result<String, sqlx::Error> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    sqlx::query(
        "insert into platform.impersonation_grants
             (token_hash, staff_id, tenant_id, user_id, reason, expires_at, may_change_money_rules)
         values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7)",
    )
    .bind(digest(&token))
    .bind(staff_id)
    .bind(tenant_id.0)
    .bind(user_id)
    .bind(reason)
    .bind(GRANT_SECONDS as f64)
    .bind(scope.may_change_money_rules)
    .execute(&mut *db.pool().acquire().await?)
    .await?;
    Ok(token)
}

/// What a redeemed grant allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redeemed {
    pub staff_id: i64,
    pub staff_name: String,
    pub staff_email: String,
    pub user_id: i64,
    pub reason: String,
    pub scope: GrantScope,
}

/// Uses a grant once, on the firm it was issued for. `None` for an unknown,
/// used, expired or other firm's token — one answer for all. A token
/// presented on the wrong firm is not used up (it was not this firm's to
/// spend), but it expires within the minute anyway.
pub async fn redeem_grant(db: &Database, token: &str, tenant_id: TenantId) -> Result<Option<Redeemed>, sqlx::Error> {
    let row: Option<(i64, String, String, i64, String, bool)> = sqlx::query_as(
        "update platform.impersonation_grants g set used_at = now()
         from platform.staff s
         where g.token_hash = $1 and g.tenant_id = $2 and g.used_at is null and g.expires_at > now()
           and s.staff_id = g.staff_id
         returning g.staff_id, s.display_name, s.email, g.user_id, g.reason, g.may_change_money_rules",
    )
    .bind(digest(token.trim()))
    .bind(tenant_id.0)
    .fetch_optional(&mut *db.pool().acquire().await?)
    .await?;
    Ok(row.map(|(staff_id, staff_name, staff_email, user_id, reason, may_change_money_rules)| Redeemed {
        staff_id,
        staff_name,
        staff_email,
        user_id,
        reason,
        scope: GrantScope { may_change_money_rules },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_trimmed() {
        assert_eq!(check_reason("   \n "), Err(ReasonError::Missing));
        assert_eq!(
            check_reason("  ticket 4711: cannot see invoices \n"),
            Ok("ticket 4711: cannot see invoices".into())
        );
    }

    #[test]
    fn a_reason_of_500_characters_is_kept_and_501_is_refused() {
        assert_eq!(check_reason(&"é".repeat(500)).map(|r| r.chars().count()), Ok(500));
        assert_eq!(check_reason(&"é".repeat(501)), Err(ReasonError::TooLong));
    }
}
