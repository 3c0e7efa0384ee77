//! Staff accounts in `platform.staff`: creating them from the CLI, checking
//! a password, enrolling and checking TOTP. These are named platform
//! operations (the pool never leaves this crate); each runs its statements
//! on one connection or transaction.

use super::roles::StaffRole;
use super::totp::{self, TotpSecret};
use crate::auth::{SignInError, blocking, blocking_or_busy, decoy_hash, hash_password, verify_password};
use crate::db::Database;
use crate::email::EmailAddress;
use crate::person::PersonName;
use crate::secrets::{Purpose, SecretKey};

/// A staff member as the console knows them. The TOTP key is not here: it
/// is read only inside [`check_code`] and never leaves this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub staff_id: i64,
    pub email: String,
    pub display_name: String,
    pub totp_enrolled: bool,
    pub role: StaffRole,
}

#[derive(sqlx::FromRow)]
pub(super) struct StaffRow {
    staff_id: i64,
    email: String,
    display_name: String,
    password_hash: String,
    totp_enrolled: bool,
    role: String,
}

impl StaffRow {
    pub(super) fn into_member(self) -> StaffMember {
        StaffMember {
            staff_id: self.staff_id,
            email: self.email,
            display_name: self.display_name,
            totp_enrolled: self.totp_enrolled,
            // The column's check allows only the three; support is the
            // least a misread could grant.
            role: StaffRole::parse(&self.role).unwrap_or(StaffRole::Support),
        }
    }
}

pub(super) const STAFF_COLUMNS: &str = "staff_id, email, display_name, password_hash, totp_enrolled_at is not null as totp_enrolled, role from platform.staff";

#[derive(Debug, thiserror::Error)]
pub enum CreateStaffError {
    #[error("a staff account already uses {0}")]
    EmailTaken(EmailAddress),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates a staff account; `password` must already have passed
/// `person::check_new_password`. TOTP is enrolled at the first sign-in.
pub async fn create_staff(
    db: &Database,
    email: &EmailAddress,
    name: &PersonName,
    password: &str,
    role: StaffRole,
) -> Result<i64, CreateStaffError> {
    let password = password.to_owned();
    let hash = blocking(move || hash_password(&password)).await;
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into platform.staff (email, display_name, password_hash, role) values ($1, $2, $3, $4)
         on conflict ((lower(email))) do nothing
         returning staff_id",
    )
    .bind(email.as_str())
    .bind(name.as_str())
    .bind(hash)
    .bind(role.as_str())
    .fetch_optional(&mut *db.pool().acquire().await?)
    .await?;
    inserted.ok_or_else(|| CreateStaffError::EmailTaken(email.clone()))
}

/// The staff member with this email and password. Unknown emails are
/// checked against a decoy hash, so they cost what a wrong password costs.
/// The pooled connection goes back before the (slow) check.
pub async fn check_password(db: &Database, email: &str, password: &str) -> Result<StaffMember, SignInError> {
    let row: Option<StaffRow> = sqlx::query_as(&format!("select {STAFF_COLUMNS} where lower(email) = lower($1)"))
        .bind(email.trim())
        .fetch_optional(&mut *db.pool().acquire().await?)
        .await?;
    let stored = row.as_ref().map_or_else(|| decoy_hash().to_owned(), |r| r.password_hash.clone());
    let candidate = password.to_owned();
    let matches = blocking_or_busy(move || verify_password(&stored, &candidate)).await?;
    row.filter(|_| matches).map(StaffRow::into_member).ok_or(SignInError::NoMatch)
}

/// The staff member a session names, if the account still exists.
pub async fn find_staff(db: &Database, staff_id: i64) -> Result<Option<StaffMember>, sqlx::Error> {
    let row: Option<StaffRow> = sqlx::query_as(&format!("select {STAFF_COLUMNS} where staff_id = $1"))
        .bind(staff_id)
        .fetch_optional(&mut *db.pool().acquire().await?)
        .await?;
    Ok(row.map(StaffRow::into_member))
}

/// Whether an email belongs to a staff account: such a person is never
/// impersonated, even if a firm also lists them.
pub async fn is_staff_email(db: &Database, email: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select exists (select from platform.staff where lower(email) = lower($1))")
        .bind(email.trim())
        .fetch_one(&mut *db.pool().acquire().await?)
        .await
}

/// Clears a staff member's TOTP key, so the next sign-in enrols a new one:
/// for a lost authenticator, or a key sealed before keys were bound to
/// their account (it no longer opens). Their sessions keep no verified
/// state that depends on the key. False when no such staff account exists.
pub async fn reset_totp(db: &Database, email: &EmailAddress) -> Result<bool, sqlx::Error> {
    let reset = sqlx::query(
        "update platform.staff set totp_secret = null, totp_enrolled_at = null, last_totp_step = null
         where lower(email) = lower($1)",
    )
    .bind(email.as_str())
    .execute(&mut *db.pool().acquire().await?)
    .await?;
    Ok(reset.rows_affected() == 1)
}

/// Confirms enrolment: `typed` must be the current code of `secret` (the one
/// the enrolment page showed). Stores the key and the step used, so the same
/// code cannot then sign in again. False when the code is wrong or the
/// account was enrolled meanwhile.
pub async fn enrol_totp(
    db: &Database,
    key: &SecretKey,
    staff_id: i64,
    secret: &TotpSecret,
    typed: &str,
    unix_seconds: u64,
) -> Result<bool, sqlx::Error> {
    let Some(step) = totp::verify(secret, typed, unix_seconds, None) else { return Ok(false) };
    let updated = sqlx::query(
        "update platform.staff set totp_secret = $2, totp_enrolled_at = now(), last_totp_step = $3
         where staff_id = $1 and totp_enrolled_at is null",
    )
    .bind(staff_id)
    .bind(key.seal(Purpose::StaffTotp { staff_id }, &secret.to_base32()))
    .bind(step_to_db(step))
    .execute(&mut *db.pool().acquire().await?)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Checks a code against an enrolled account, refusing any step not later
/// than the last one accepted; the row is locked so two requests with one
/// code cannot both pass.
pub async fn check_code(
    db: &Database,
    key: &SecretKey,
    staff_id: i64,
    typed: &str,
    unix_seconds: u64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let row: Option<(Option<Vec<u8>>, Option<i64>)> =
        sqlx::query_as("select totp_secret, last_totp_step from platform.staff where staff_id = $1 for update")
            .bind(staff_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((Some(sealed), last_step)) = row else { return Ok(false) };
    // Sealed with the server key at enrolment; a key that cannot be opened
    // (the server key changed) means the staff member must be re-enrolled.
    let Some(secret) =
        key.open(Purpose::StaffTotp { staff_id }, &sealed).ok().and_then(|text| TotpSecret::from_base32(&text))
    else {
        tracing::error!(staff.id = staff_id, "this staff member's TOTP key cannot be opened with the server key");
        return Ok(false);
    };
    let last_step = last_step.and_then(|s| u64::try_from(s).ok());
    let Some(step) = totp::verify(&secret, typed, unix_seconds, last_step) else {
        return Ok(false);
    };
    sqlx::query("update platform.staff set last_totp_step = $2 where staff_id = $1")
        .bind(staff_id)
        .bind(step_to_db(step))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

fn step_to_db(step: u64) -> i64 {
    i64::try_from(step).unwrap_or(i64::MAX)
}
