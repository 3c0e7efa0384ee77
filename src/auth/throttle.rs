//! Counting sign-in attempts in `platform.sign_in_throttle` before the
//! password is checked, and remembering the addresses each account signs in
//! from (`platform.sign_in_known_addresses`). The rule is `crate::throttle`.
//!
//! Each call is one short autocommit statement on the pool: no connection
//! is held while a password is hashed, and the count is taken atomically
//! by PostgreSQL's upsert (rows locked in key order, so concurrent attempts
//! never deadlock), so 200 parallel guesses are numbered 1 to 200 and only
//! the first few are let through.

use crate::db::Database;
use crate::tenant::TenantId;
use crate::throttle::{Counter, FAMILIAR_FOR_DAYS, counters_for};
use std::net::IpAddr;

/// The counters one sign-in attempt touches.
pub struct AttemptKeys {
    /// `account:<firm>:<email>` or `staff:<email>`.
    account: String,
    address: Option<IpAddr>,
}

impl AttemptKeys {
    /// Unknown emails are counted too: refusing only real accounts would
    /// tell an attacker which emails exist.
    pub fn new(tenant: TenantId, email: &str, address: Option<IpAddr>) -> Self {
        Self { account: format!("account:{tenant}:{}", email.trim().to_lowercase()), address }
    }

    /// A platform staff account: counted apart from every firm's accounts,
    /// but against the same per-address counter, so an address probing the
    /// console and firms alike stalls on the sum.
    pub fn staff(email: &str, address: Option<IpAddr>) -> Self {
        Self { account: format!("staff:{}", email.trim().to_lowercase()), address }
    }

    fn pair_key(&self) -> String {
        let address = self.address.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
        format!("pair:{}@{address}", self.account)
    }

    fn key(&self, counter: Counter) -> Option<String> {
        match counter {
            Counter::Pair => Some(self.pair_key()),
            Counter::Account => Some(self.account.clone()),
            Counter::Address => self.address.map(|ip| format!("address:{ip}")),
        }
    }
}

/// Counts this attempt against every counter that applies and returns how
/// many seconds it must wait (`None`: it may go ahead and be checked).
/// A refused attempt counts too, but never moves a window's start, so
/// hammering does not lengthen the wait.
pub async fn admit_attempt(db: &Database, keys: &AttemptKeys) -> Result<Option<i64>, sqlx::Error> {
    let familiar = is_familiar(db, keys).await?;
    let mut counted: Vec<(String, Counter)> =
        counters_for(familiar).iter().filter_map(|&c| keys.key(c).map(|key| (key, c))).collect();
    counted.sort_by(|a, b| a.0.cmp(&b.0));
    let names: Vec<&str> = counted.iter().map(|(key, _)| key.as_str()).collect();
    let windows: Vec<i32> = counted.iter().map(|(_, c)| window_of(*c)).collect();
    let rows: Vec<(String, i32, i64)> = sqlx::query_as(
        "insert into platform.sign_in_throttle as t (throttle_key, attempts, window_started_at, window_seconds)
         select key, 1, now(), secs from unnest($1::text[], $2::int[]) with ordinality as c(key, secs, n)
         order by n
         on conflict (throttle_key) do update set
             attempts = case when t.window_started_at <= now() - make_interval(secs => excluded.window_seconds)
                             then 1 else t.attempts + 1 end,
             window_started_at = case when t.window_started_at <= now() - make_interval(secs => excluded.window_seconds)
                                      then now() else t.window_started_at end,
             window_seconds = excluded.window_seconds
         returning throttle_key, attempts, extract(epoch from now() - window_started_at)::bigint",
    )
    .bind(&names)
    .bind(&windows)
    .fetch_all(db.pool())
    .await?;
    let wait = rows
        .iter()
        .filter_map(|(key, attempts, elapsed)| {
            let counter = counted.iter().find(|(k, _)| k == key)?.1;
            counter.policy().wait_seconds(u32::try_from(*attempts).unwrap_or(u32::MAX), *elapsed)
        })
        .max();
    Ok(wait)
}

fn window_of(counter: Counter) -> i32 {
    i32::try_from(counter.policy().window_seconds).unwrap_or(i32::MAX)
}

async fn is_familiar(db: &Database, keys: &AttemptKeys) -> Result<bool, sqlx::Error> {
    let Some(address) = keys.address else { return Ok(false) };
    sqlx::query_scalar(
        "select exists (select 1 from platform.sign_in_known_addresses
                        where account_key = $1 and address = $2
                          and last_signed_in_at > now() - make_interval(days => $3))",
    )
    .bind(&keys.account)
    .bind(address.to_string())
    .bind(i32::try_from(FAMILIAR_FOR_DAYS).unwrap_or(i32::MAX))
    .fetch_one(db.pool())
    .await
}

/// A successful sign-in: its pair counter starts again, and its address
/// becomes familiar to the account. The account-wide counter stays, and so
/// do the address's wrong attempts, so a correct guess after many wrong
/// ones buys an attacker nothing elsewhere; but the successful attempt
/// itself is given back to the address, so thirty colleagues signing in
/// for the first time behind one office address do not lock the
/// thirty-first out.
pub async fn attempt_succeeded(db: &Database, keys: &AttemptKeys) -> Result<(), sqlx::Error> {
    sqlx::query("delete from platform.sign_in_throttle where throttle_key = $1")
        .bind(keys.pair_key())
        .execute(db.pool())
        .await?;
    let Some(address) = keys.address else { return Ok(()) };
    // Counted against the address only if it was new to the account.
    if let (false, Some(key)) = (is_familiar(db, keys).await?, keys.key(Counter::Address)) {
        sqlx::query(
            "update platform.sign_in_throttle set attempts = greatest(attempts - 1, 0) where throttle_key = $1",
        )
        .bind(key)
        .execute(db.pool())
        .await?;
    }
    sqlx::query(
        "insert into platform.sign_in_known_addresses (account_key, address, last_signed_in_at)
         values ($1, $2, now())
         on conflict (account_key, address) do update set last_signed_in_at = now()",
    )
    .bind(&keys.account)
    .bind(address.to_string())
    .execute(db.pool())
    .await
    .map(drop)
}
