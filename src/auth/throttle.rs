//! Counting failed sign-ins in `platform.sign_in_throttle`, and asking the
//! policy (`crate::throttle`) whether the next attempt may go ahead.

use crate::db::Database;
use crate::tenant::TenantId;
use crate::throttle::{PER_ACCOUNT, PER_ADDRESS, ThrottlePolicy};
use std::net::IpAddr;

/// The counters one sign-in attempt touches.
pub struct AttemptKeys {
    account: String,
    address: Option<String>,
}

impl AttemptKeys {
    /// Unknown emails are counted too: refusing only real accounts would
    /// tell an attacker which emails exist.
    pub fn new(tenant: TenantId, email: &str, address: Option<IpAddr>) -> Self {
        Self {
            account: format!("account:{tenant}:{}", email.trim().to_lowercase()),
            address: address.map(|ip| format!("address:{ip}")),
        }
    }

    /// A platform staff account: counted apart from every firm's accounts,
    /// but against the same per-address counter, so an address probing the
    /// console and firms alike stalls on the sum.
    pub fn staff(email: &str, address: Option<IpAddr>) -> Self {
        Self {
            account: format!("staff:{}", email.trim().to_lowercase()),
            address: address.map(|ip| format!("address:{ip}")),
        }
    }

    fn with_policies(&self) -> Vec<(&str, ThrottlePolicy)> {
        let mut keys = vec![(self.account.as_str(), PER_ACCOUNT)];
        keys.extend(self.address.as_deref().map(|a| (a, PER_ADDRESS)));
        keys
    }
}

/// Seconds the attempt must wait, if any counter is over its limit.
pub async fn wait_before_attempt(db: &Database, keys: &AttemptKeys) -> Result<Option<i64>, sqlx::Error> {
    let mut wait = None;
    for (key, policy) in keys.with_policies() {
        let row: Option<(i32, i64)> = sqlx::query_as(
            "select failures, extract(epoch from now() - window_started_at)::bigint
             from platform.sign_in_throttle where throttle_key = $1",
        )
        .bind(key)
        .fetch_optional(db.pool())
        .await?;
        if let Some((failures, elapsed)) = row {
            let this = policy.wait_seconds(u32::try_from(failures).unwrap_or(0), elapsed);
            wait = wait.max(this);
        }
    }
    Ok(wait)
}

/// Counts a failure against every key, starting a new window where the old
/// one has run out.
pub async fn record_failure(db: &Database, keys: &AttemptKeys) -> Result<(), sqlx::Error> {
    for (key, policy) in keys.with_policies() {
        sqlx::query(
            "insert into platform.sign_in_throttle as t (throttle_key, failures, window_started_at)
             values ($1, 1, now())
             on conflict (throttle_key) do update set
                 failures = case when t.window_started_at < now() - make_interval(secs => $2) then 1
                                 else t.failures + 1 end,
                 window_started_at = case when t.window_started_at < now() - make_interval(secs => $2) then now()
                                          else t.window_started_at end",
        )
        .bind(key)
        .bind(policy.window_seconds as f64)
        .execute(db.pool())
        .await?;
    }
    Ok(())
}

/// A successful sign-in clears the account's count (not the address's).
pub async fn clear_account(db: &Database, keys: &AttemptKeys) -> Result<(), sqlx::Error> {
    sqlx::query("delete from platform.sign_in_throttle where throttle_key = $1")
        .bind(&keys.account)
        .execute(db.pool())
        .await
        .map(drop)
}
