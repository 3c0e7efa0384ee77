//! A firm's users: creating them and checking who signs in.

use super::password::{Busy, blocking, blocking_or_busy, decoy_hash, hash_password, verify_password};
use crate::access::{CurrentUser, Invitation, PersonSummary, Role};
use crate::db::TenantTx;
use crate::email::EmailAddress;
use crate::flags::{FlagValue, seat_limit_message};
use crate::person::PersonName;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: EmailAddress,
    pub display_name: PersonName,
    pub role: Role,
    /// Already checked with `person::check_new_password`; `None` for someone
    /// who will set one from an invitation.
    pub password: Option<String>,
    /// How many people the firm may have active (its `max_active_users`
    /// flag). Part of the request so that no way of adding someone can
    /// forget the plan.
    pub seat_limit: FlagValue,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("someone in this firm already uses {0}")]
    EmailTaken(EmailAddress),
    /// The firm already has as many active people as its plan allows.
    #[error("{}", seat_limit_message(*.0))]
    SeatLimit(u32),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Deliberately one case for unknown email, wrong password and a
    /// deactivated account: the answer must not tell them apart.
    #[error("that email and password don't match an account at this firm")]
    NoMatch,
    /// The password was not checked: every Argon2 slot stayed busy.
    #[error(transparent)]
    Busy(#[from] Busy),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct UserRow {
    user_id: i64,
    email: String,
    display_name: String,
    role: String,
    /// Read only where a password is checked (sign-in).
    #[sqlx(default)]
    password_hash: Option<String>,
    active: bool,
    session_epoch: i32,
    /// Their own time zone, where the query reads it.
    #[sqlx(default)]
    time_zone: Option<String>,
}

impl UserRow {
    fn into_current(self) -> Option<CurrentUser> {
        let role = Role::parse(&self.role)?;
        Some(CurrentUser {
            user_id: self.user_id,
            email: self.email,
            display_name: self.display_name,
            role,
            impersonated_by: None,
            features: Vec::new(),
            unread_notices: 0,
            formats: Default::default(),
            time_zone: self.time_zone.unwrap_or_default(),
        })
    }
}

pub async fn create_user(tx: &mut TenantTx, user: &NewUser) -> Result<i64, CreateUserError> {
    check_seat_available(tx, user.seat_limit).await?;
    let hash = match user.password.clone() {
        Some(password) => Some(blocking(move || hash_password(&password)).await),
        None => None,
    };
    tx.wrote("users");
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into users (email, display_name, role, password_hash, joined_at)
         values ($1, $2, $3, $4, case when $4 is not null then now() end)
         on conflict ((lower(email))) do nothing
         returning user_id",
    )
    .bind(user.email.as_str())
    .bind(user.display_name.as_str())
    .bind(user.role.as_str())
    .bind(hash)
    .fetch_optional(tx.conn())
    .await?;
    inserted.ok_or_else(|| CreateUserError::EmailTaken(user.email.clone()))
}

/// Refuses when adding one more active person would pass `limit`. The
/// table lock (which plain reads do not wait for) makes two concurrent
/// additions count one after the other, so a firm cannot slip past its
/// limit by inviting twice at once.
pub async fn check_seat_available(tx: &mut TenantTx, limit: FlagValue) -> Result<(), CreateUserError> {
    let FlagValue::Limit(max) = limit else { return Ok(()) };
    sqlx::query("lock table users in share row exclusive mode").execute(tx.conn()).await?;
    let active: i64 = sqlx::query_scalar("select count(*) from users where active").fetch_one(tx.conn()).await?;
    if active >= i64::from(max) { Err(CreateUserError::SeatLimit(max)) } else { Ok(()) }
}

/// A signed-in person and the credentials epoch their session belongs to.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: CurrentUser,
    pub session_epoch: i32,
}

/// The person an email names, read inside the firm's transaction so that
/// the transaction (and its pooled connection) can end before the slow
/// password check: a connection is never held across Argon2.
pub struct SignInCandidate {
    row: Option<UserRow>,
}

/// Looks up the person signing in with `email` (perhaps nobody).
pub async fn find_sign_in(tx: &mut TenantTx, email: &str) -> Result<SignInCandidate, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(
        "select user_id, email, display_name, role, password_hash, active, session_epoch from users where lower(email) = lower($1)",
    )
    .bind(email.trim())
    .fetch_optional(tx.conn())
    .await?;
    Ok(SignInCandidate { row })
}

impl SignInCandidate {
    /// Checks the password, in turn with other Argon2 work. Nobody there
    /// (or no password) is checked against a decoy hash, so every refusal
    /// costs the same.
    pub async fn check(self, password: &str) -> Result<Authenticated, SignInError> {
        let stored = self.row.as_ref().and_then(|r| r.password_hash.clone()).unwrap_or_else(|| decoy_hash().to_owned());
        let candidate = password.to_owned();
        let matches = blocking_or_busy(move || verify_password(&stored, &candidate)).await?;
        match self.row {
            Some(row) if matches && row.active && row.password_hash.is_some() => {
                let session_epoch = row.session_epoch;
                row.into_current().map(|user| Authenticated { user, session_epoch }).ok_or(SignInError::NoMatch)
            }
            _ => Err(SignInError::NoMatch),
        }
    }
}

/// The user behind a session, if they still exist and are active.
pub async fn find_active_user(tx: &mut TenantTx, user_id: i64) -> Result<Option<Authenticated>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(
        "select user_id, email, display_name, role, active, session_epoch, time_zone from users where user_id = $1 and active",
    )
    .bind(user_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.and_then(|row| {
        let session_epoch = row.session_epoch;
        row.into_current().map(|user| Authenticated { user, session_epoch })
    }))
}

/// Everyone active in the firm, by id: what the request middleware checks
/// a session against (kept per firm in memory by `firm_data`, so one
/// statement serves every request until someone changes).
pub async fn active_people(tx: &mut TenantTx) -> Result<HashMap<i64, Authenticated>, sqlx::Error> {
    let rows: Vec<UserRow> = sqlx::query_as(
        "select user_id, email, display_name, role, active, session_epoch, time_zone from users where active",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let session_epoch = row.session_epoch;
            row.into_current().map(|user| (user.user_id, Authenticated { user, session_epoch }))
        })
        .collect())
}

#[derive(Debug, thiserror::Error)]
pub enum ChangePasswordError {
    #[error("your current password isn't right")]
    WrongCurrent,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Replaces a person's password after checking the current one, and starts
/// a new credentials epoch (ending every other session). Returns the epoch.
/// `new_password` must already have passed `person::check_new_password`.
pub async fn change_password(
    tx: &mut TenantTx,
    user_id: i64,
    current: &str,
    new_password: &str,
) -> Result<i32, ChangePasswordError> {
    let stored: Option<Option<String>> =
        sqlx::query_scalar("select password_hash from users where user_id = $1 and active for update")
            .bind(user_id)
            .fetch_optional(tx.conn())
            .await?;
    let stored = stored.flatten().unwrap_or_else(|| decoy_hash().to_owned());
    let candidate = current.to_owned();
    if !blocking(move || verify_password(&stored, &candidate)).await {
        return Err(ChangePasswordError::WrongCurrent);
    }
    let new_password = new_password.to_owned();
    let hash = blocking(move || hash_password(&new_password)).await;
    tx.wrote("users");
    let epoch: i32 = sqlx::query_scalar(
        "update users set password_hash = $2, session_epoch = session_epoch + 1 where user_id = $1 returning session_epoch",
    )
    .bind(user_id)
    .bind(hash)
    .fetch_one(tx.conn())
    .await?;
    super::tokens::revoke_links(tx, user_id).await?;
    Ok(epoch)
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    user_id: i64,
    email: String,
    display_name: String,
    role: String,
    active: bool,
    /// Invited and not joined (only the list reads it).
    #[sqlx(default)]
    invited: bool,
    /// The latest unused invitation link's end.
    #[sqlx(default)]
    invitation_expires: Option<time::OffsetDateTime>,
}

impl PersonRow {
    fn into_summary(self) -> Option<PersonSummary> {
        let role = Role::parse(&self.role)?;
        Some(PersonSummary {
            user_id: self.user_id,
            email: self.email,
            display_name: self.display_name,
            role,
            active: self.active,
            invitation: self.invited.then(|| match self.invitation_expires {
                Some(until) if until > time::OffsetDateTime::now_utc() => Invitation::Until(until),
                _ => Invitation::Expired,
            }),
        })
    }
}

/// Everyone in the firm, active first, by name.
pub async fn list_people(tx: &mut TenantTx) -> Result<Vec<PersonSummary>, sqlx::Error> {
    let rows: Vec<PersonRow> = sqlx::query_as(
        "select u.user_id, u.email, u.display_name, u.role, u.active,
                u.active and u.joined_at is null and t.expires is not null as invited,
                t.expires as invitation_expires
         from users u
         left join lateral (
             select max(expires_at) as expires from account_tokens
             where user_id = u.user_id and purpose = 'invitation' and used_at is null
         ) t on true
         order by not u.active, lower(u.display_name), u.user_id",
    )
    .fetch_all(tx.conn())
    .await?;
    Ok(rows.into_iter().filter_map(PersonRow::into_summary).collect())
}

/// Gives someone a new role; returns them as they are now and their old
/// role, or `None` when the firm has no such person.
pub async fn set_role(
    tx: &mut TenantTx,
    user_id: i64,
    role: Role,
) -> Result<Option<(PersonSummary, Role)>, sqlx::Error> {
    let old: Option<String> = sqlx::query_scalar("select role from users where user_id = $1 for update")
        .bind(user_id)
        .fetch_optional(tx.conn())
        .await?;
    let Some(old) = old.as_deref().and_then(Role::parse) else { return Ok(None) };
    tx.wrote("users");
    let row: PersonRow = sqlx::query_as(
        "update users set role = $2 where user_id = $1 returning user_id, email, display_name, role, active",
    )
    .bind(user_id)
    .bind(role.as_str())
    .fetch_one(tx.conn())
    .await?;
    Ok(row.into_summary().map(|person| (person, old)))
}

/// Deactivates someone: they can no longer sign in, and their sessions end
/// on their next request. `None` when the firm has no such person.
pub async fn deactivate_user(tx: &mut TenantTx, user_id: i64) -> Result<Option<PersonSummary>, sqlx::Error> {
    tx.wrote("users");
    let row: Option<PersonRow> = sqlx::query_as(
        "update users set active = false, deactivated_at = coalesce(deactivated_at, now()) where user_id = $1
         returning user_id, email, display_name, role, active",
    )
    .bind(user_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.and_then(PersonRow::into_summary))
}
