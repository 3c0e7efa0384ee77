//! A firm's single sign-on settings, and letting a verified person in: the
//! account already linked to their provider subject, else an account with
//! their email (linked now), else a new account with the firm's default
//! role (just-in-time). Everything runs inside the firm's own transaction.

use super::flow::VerifiedIdentity;
use crate::access::Role;
use crate::auth::{Authenticated, CreateUserError, NewUser, create_user, find_active_user};
use crate::db::TenantTx;
use crate::email::EmailAddress;
use crate::flags::FlagValue;
use crate::person::PersonName;
use crate::sso_settings::{SsoProblem, SsoSettings, domain_allowed};

/// The settings with the client secret still sealed.
#[derive(Debug, Clone)]
pub struct StoredSso {
    pub settings: SsoSettings,
    pub client_secret_sealed: Vec<u8>,
}

#[derive(sqlx::FromRow)]
struct SsoRow {
    provider_name: String,
    issuer_url: String,
    client_id: String,
    client_secret_sealed: Vec<u8>,
    allowed_domains: Vec<String>,
    default_role: String,
    require_sso: bool,
    break_glass_email: Option<String>,
}

pub async fn load(tx: &mut TenantTx) -> Result<Option<StoredSso>, sqlx::Error> {
    let row: Option<SsoRow> = sqlx::query_as(
        "select provider_name, issuer_url, client_id, client_secret_sealed, allowed_domains, default_role,
                require_sso, break_glass_email
         from sso_settings",
    )
    .fetch_optional(tx.conn())
    .await?;
    Ok(row.map(|row| StoredSso {
        settings: SsoSettings {
            provider_name: row.provider_name,
            issuer_url: row.issuer_url,
            client_id: row.client_id,
            allowed_domains: row.allowed_domains,
            default_role: Role::parse(&row.default_role).unwrap_or(Role::Employee),
            require_sso: row.require_sso,
            break_glass_email: row.break_glass_email.and_then(|e| EmailAddress::parse(&e).ok()),
        },
        client_secret_sealed: row.client_secret_sealed,
    }))
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("enter the client secret the provider gave you")]
    SecretRequired,
    /// A new issuer never inherits the old one's secret.
    #[error("a new issuer needs its own client secret: enter the one it gave you")]
    SecretRequiredForNewIssuer,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Saves the settings; `sealed_secret: None` keeps the stored secret (the
/// form never shows it, so leaving it blank means "unchanged").
///
/// A subject (`sub`) only means something at the issuer that gave it, so
/// changing the issuer unlinks everyone (they link again, by verified
/// email, at their next single sign-on) and needs the new issuer's secret
/// typed: the old secret is never sent to a different issuer.
pub async fn save(tx: &mut TenantTx, settings: &SsoSettings, sealed_secret: Option<Vec<u8>>) -> Result<(), SaveError> {
    let stored = load(tx).await?;
    let issuer_changed = stored.as_ref().is_some_and(|s| s.settings.issuer_url != settings.issuer_url);
    let secret = match (sealed_secret, stored) {
        (Some(secret), _) => secret,
        (None, Some(_)) if issuer_changed => return Err(SaveError::SecretRequiredForNewIssuer),
        (None, Some(stored)) => stored.client_secret_sealed,
        (None, None) => return Err(SaveError::SecretRequired),
    };
    if issuer_changed {
        tx.wrote("users");
        sqlx::query("update users set sso_subject = null where sso_subject is not null").execute(tx.conn()).await?;
    }
    sqlx::query(
        "insert into sso_settings (provider_name, issuer_url, client_id, client_secret_sealed, allowed_domains,
                                   default_role, require_sso, break_glass_email)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (singleton) do update set
             provider_name = excluded.provider_name, issuer_url = excluded.issuer_url,
             client_id = excluded.client_id, client_secret_sealed = excluded.client_secret_sealed,
             allowed_domains = excluded.allowed_domains, default_role = excluded.default_role,
             require_sso = excluded.require_sso, break_glass_email = excluded.break_glass_email,
             updated_at = now()",
    )
    .bind(&settings.provider_name)
    .bind(&settings.issuer_url)
    .bind(&settings.client_id)
    .bind(secret)
    .bind(&settings.allowed_domains)
    .bind(settings.default_role.as_str())
    .bind(settings.require_sso)
    .bind(settings.break_glass_email.as_ref().map(EmailAddress::as_str))
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// How a verified person got in, for the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Returning,
    LinkedExisting,
    CreatedJustInTime,
}

#[derive(Debug, thiserror::Error)]
pub enum AdmitError {
    #[error("{}", .0.message())]
    Refused(SsoProblem),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Lets a verified person into the firm, or says why not. The provider's
/// word counts only for a verified email in an allowed domain — also when
/// linking an existing password account, which would otherwise let anyone
/// who controls a provider account with that address take it over.
pub async fn admit(
    tx: &mut TenantTx,
    identity: &VerifiedIdentity,
    settings: &SsoSettings,
    seat_limit: FlagValue,
) -> Result<(Authenticated, Admission), AdmitError> {
    if !identity.email_verified {
        return Err(AdmitError::Refused(SsoProblem::EmailUnverified));
    }
    if !domain_allowed(&identity.email, &settings.allowed_domains) {
        return Err(AdmitError::Refused(SsoProblem::DomainNotAllowed));
    }
    let email = EmailAddress::parse(&identity.email).map_err(|_| AdmitError::Refused(SsoProblem::AnswerRejected))?;
    let by_subject: Option<(i64, bool)> = sqlx::query_as("select user_id, active from users where sso_subject = $1")
        .bind(&identity.subject)
        .fetch_optional(tx.conn())
        .await?;
    let by_email: Option<(i64, bool, Option<String>)> =
        sqlx::query_as("select user_id, active, sso_subject from users where lower(email) = lower($1)")
            .bind(email.as_str())
            .fetch_optional(tx.conn())
            .await?;
    let (user_id, admission) = match (by_subject, by_email) {
        (Some((user_id, true)), _) => (user_id, Admission::Returning),
        (Some((_, false)), _) | (None, Some((_, false, _))) => {
            return Err(AdmitError::Refused(SsoProblem::Deactivated));
        }
        // The address belongs to an account already linked to another
        // subject at the provider: a different person, or a recycled address.
        (None, Some((_, true, Some(_)))) => return Err(AdmitError::Refused(SsoProblem::AnswerRejected)),
        (None, Some((user_id, true, None))) => (user_id, Admission::LinkedExisting),
        (None, None) => {
            let local = email.as_str().split('@').next().unwrap_or_default();
            let display_name = identity
                .name
                .as_deref()
                .and_then(|n| PersonName::parse(n).ok())
                .or_else(|| PersonName::parse(local).ok())
                .ok_or(AdmitError::Refused(SsoProblem::AnswerRejected))?;
            let new = NewUser { email, display_name, role: settings.default_role, password: None, seat_limit };
            let user_id = create_user(tx, &new).await.map_err(|e| match e {
                CreateUserError::Db(db) => AdmitError::Db(db),
                CreateUserError::SeatLimit(_) => AdmitError::Refused(SsoProblem::SeatLimit),
                CreateUserError::EmailTaken(_) => AdmitError::Refused(SsoProblem::AnswerRejected),
            })?;
            (user_id, Admission::CreatedJustInTime)
        }
    };
    if admission != Admission::Returning {
        tx.wrote("users");
        sqlx::query("update users set sso_subject = $2, joined_at = coalesce(joined_at, now()) where user_id = $1")
            .bind(user_id)
            .bind(&identity.subject)
            .execute(tx.conn())
            .await?;
    }
    let found = find_active_user(tx, user_id).await?.ok_or(AdmitError::Refused(SsoProblem::Deactivated))?;
    Ok((found, admission))
}

/// Whether password sign-in is refused for `email` at this firm: the firm
/// requires SSO and this is not its break-glass account.
pub async fn password_sign_in_refused(tx: &mut TenantTx, email: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(bool, Option<String>, String)> =
        sqlx::query_as("select require_sso, break_glass_email, provider_name from sso_settings")
            .fetch_optional(tx.conn())
            .await?;
    Ok(match row {
        Some((true, break_glass, provider))
            if !break_glass.as_deref().is_some_and(|b| b.trim().eq_ignore_ascii_case(email.trim())) =>
        {
            Some(provider)
        }
        _ => None,
    })
}

/// Whether `email` belongs to an active admin of this firm (the only kind
/// of account that may be the break-glass one).
pub async fn is_active_admin(tx: &mut TenantTx, email: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from users where lower(email) = lower($1) and role = 'admin' and active)",
    )
    .bind(email)
    .fetch_one(tx.conn())
    .await
}
