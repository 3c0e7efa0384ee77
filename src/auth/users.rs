//! A firm's users: creating them and checking who signs in.

use super::password::{decoy_hash, hash_password, verify_password};
use crate::access::{CurrentUser, Role};
use crate::db::TenantTx;
use crate::email::EmailAddress;
use crate::person::PersonName;

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: EmailAddress,
    pub display_name: PersonName,
    pub role: Role,
    /// Already checked with `person::check_new_password`; `None` for someone
    /// who will set one from an invitation.
    pub password: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("someone in this firm already uses {0}")]
    EmailTaken(EmailAddress),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Deliberately one case for unknown email, wrong password and a
    /// deactivated account: the answer must not tell them apart.
    #[error("that email and password don't match an account at this firm")]
    NoMatch,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct UserRow {
    user_id: i64,
    email: String,
    display_name: String,
    role: String,
    password_hash: Option<String>,
    active: bool,
}

impl UserRow {
    fn into_current(self) -> Option<CurrentUser> {
        let role = Role::parse(&self.role)?;
        Some(CurrentUser { user_id: self.user_id, email: self.email, display_name: self.display_name, role })
    }
}

pub async fn create_user(tx: &mut TenantTx, user: &NewUser) -> Result<i64, CreateUserError> {
    let hash = match user.password.clone() {
        Some(password) => Some(blocking(move || hash_password(&password)).await),
        None => None,
    };
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into users (email, display_name, role, password_hash) values ($1, $2, $3, $4)
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

/// Checks an email and password against the firm's users.
pub async fn sign_in(tx: &mut TenantTx, email: &str, password: &str) -> Result<CurrentUser, SignInError> {
    let row: Option<UserRow> = sqlx::query_as(
        "select user_id, email, display_name, role, password_hash, active from users where lower(email) = lower($1)",
    )
    .bind(email.trim())
    .fetch_optional(tx.conn())
    .await?;
    let stored = row.as_ref().and_then(|r| r.password_hash.clone()).unwrap_or_else(|| decoy_hash().to_owned());
    let candidate = password.to_owned();
    let matches = blocking(move || verify_password(&stored, &candidate)).await;
    match row {
        Some(row) if matches && row.active && row.password_hash.is_some() => {
            row.into_current().ok_or(SignInError::NoMatch)
        }
        _ => Err(SignInError::NoMatch),
    }
}

/// The user behind a session, if they still exist and are active — checked
/// on every request, so deactivating someone ends their sessions at once.
pub async fn find_active_user(tx: &mut TenantTx, user_id: i64) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(
        "select user_id, email, display_name, role, password_hash, active from users where user_id = $1 and active",
    )
    .bind(user_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.and_then(UserRow::into_current))
}

/// Argon2 takes tens of milliseconds of CPU: keep it off the async workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work).await.expect("password hashing panicked")
}
