//! A firm's custom domains as its admins change them from the domains page.
//! The rows are the platform catalog's (`platform.tenant_hostnames`: the
//! registry serves hosts from it without entering any firm's schema), but
//! each change is keyed by the firm the request is for and handed back in a
//! transaction confined to that firm, for the caller's audit entry, as
//! branding is. What DNS says is recorded by `domains::check`.

use super::provision::is_unique_violation;
use crate::db::{Database, TenantHandle, TenantTx};
use crate::domains::lifecycle::DomainStatus;
use crate::domains::{FirmDomain, MOST_PER_FIRM};
use crate::host::Hostname;
use rand_core::{OsRng, RngCore};

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("{0} is already in use by another firm on PesPro")]
    Taken(String),
    #[error("{0} is already on your list")]
    AlreadyAdded(String),
    #[error("a firm can have at most {MOST_PER_FIRM} domains: remove one first")]
    TooMany,
    #[error("{0} is not one of your firm's domains")]
    NotFound(String),
    #[error("{0} is not verified yet: only a domain that is served can be the primary")]
    NotServed(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(sqlx::FromRow)]
struct DomainRow {
    hostname: String,
    status: String,
    added_by: String,
    token: Option<String>,
    reason: Option<String>,
    checked_at: Option<time::OffsetDateTime>,
    next_check_at: Option<time::OffsetDateTime>,
    /// The same two on the firm reader's clock, where the query asks for it.
    #[sqlx(default)]
    checked_local: Option<time::PrimitiveDateTime>,
    #[sqlx(default)]
    next_check_local: Option<time::PrimitiveDateTime>,
    is_primary: bool,
}

impl DomainRow {
    /// Times on the reader's clock when read so, else in UTC (the staff
    /// console's, which serves every firm).
    fn into_domain(self, formats: crate::formats::Formats) -> FirmDomain {
        let when = |local: Option<time::PrimitiveDateTime>, utc: Option<time::OffsetDateTime>| match local {
            Some(local) => Some(formats.when(local)),
            None => utc.map(crate::timesheet::format_when),
        };
        FirmDomain {
            status: DomainStatus::parse(&self.status).unwrap_or(DomainStatus::Failed),
            by_operator: self.added_by == "operator",
            token: self.token,
            reason: self.reason,
            checked_at: when(self.checked_local, self.checked_at),
            next_check_at: when(self.next_check_local, self.next_check_at),
            primary: self.is_primary,
            hostname: self.hostname,
        }
    }
}

/// The firm's domains, served or not, by name, their check times as
/// `reader` reads them.
pub async fn firm_domains(
    db: &Database,
    firm: &TenantHandle,
    reader: crate::practice::time_zones::Reader<'_>,
) -> Result<Vec<FirmDomain>, sqlx::Error> {
    let rows: Vec<DomainRow> = sqlx::query_as(
        "select hostname, status, added_by, token, reason, checked_at, next_check_at, is_primary,
                checked_at at time zone $2 as checked_local, next_check_at at time zone $2 as next_check_local
         from platform.tenant_hostnames where tenant_id = $1 order by hostname",
    )
    .bind(firm.tenant_id().0)
    .bind(reader.zone)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|row| row.into_domain(reader.formats)).collect())
}

/// Every firm's custom domains, by firm then name: the staff console's list.
pub async fn every_domain(db: &Database) -> Result<Vec<(String, FirmDomain)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Listed {
        slug: String,
        #[sqlx(flatten)]
        domain: DomainRow,
    }
    let rows: Vec<Listed> = sqlx::query_as(
        "select t.slug, h.hostname, h.status, h.added_by, h.token, h.reason, h.checked_at, h.next_check_at, h.is_primary
         from platform.tenant_hostnames h join platform.tenants t using (tenant_id)
         order by t.slug, h.hostname",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|row| (row.slug, row.domain.into_domain(crate::formats::Formats::default()))).collect())
}

/// Adds `host` for the firm, waiting for its DNS proof: a fresh random
/// token, looked at by the background check at once. Refused when another
/// firm is served on it (a claim nobody proved does not block: whoever
/// proves it first gets it). The firm's catalog row is locked first, so
/// two admins adding at once count each other's domains.
pub async fn add_domain(db: &Database, firm: &TenantHandle, host: &Hostname) -> Result<TenantTx, DomainError> {
    let mut tx = db.pool().begin().await?;
    sqlx::query("select 1 from platform.tenants where tenant_id = $1 for update")
        .bind(firm.tenant_id().0)
        .execute(&mut *tx)
        .await?;
    let (served_elsewhere, ours, count): (bool, bool, i64) = sqlx::query_as(
        "select coalesce(bool_or(tenant_id <> $1 and status in ('verified', 'active')), false),
                coalesce(bool_or(tenant_id = $1 and hostname = $2), false),
                count(*) filter (where tenant_id = $1)
         from platform.tenant_hostnames where tenant_id = $1 or hostname = $2",
    )
    .bind(firm.tenant_id().0)
    .bind(host.as_str())
    .fetch_one(&mut *tx)
    .await?;
    if ours {
        return Err(DomainError::AlreadyAdded(host.to_string()));
    }
    if served_elsewhere {
        return Err(DomainError::Taken(host.to_string()));
    }
    if count >= MOST_PER_FIRM as i64 {
        return Err(DomainError::TooMany);
    }
    let inserted = sqlx::query(
        "insert into platform.tenant_hostnames
             (hostname, tenant_id, status, added_by, token, unproven_since, next_check_at)
         values ($1, $2, 'pending', 'firm', $3, now(), now())",
    )
    .bind(host.as_str())
    .bind(firm.tenant_id().0)
    .bind(new_token())
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => Ok(TenantTx::enter_after(tx, firm).await?),
        Err(e) if is_unique_violation(&e) => Err(DomainError::AlreadyAdded(host.to_string())),
        Err(e) => Err(e.into()),
    }
}

/// Removes one of the firm's domains: no longer served, at once, on every
/// process (the catalog's trigger). Hands back whether it was served.
pub async fn remove_domain(
    db: &Database,
    firm: &TenantHandle,
    host: &str,
) -> Result<(TenantTx, DomainStatus), DomainError> {
    let mut tx = db.pool().begin().await?;
    let removed: Option<(String,)> =
        sqlx::query_as("delete from platform.tenant_hostnames where tenant_id = $1 and hostname = $2 returning status")
            .bind(firm.tenant_id().0)
            .bind(host)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((status,)) = removed else { return Err(DomainError::NotFound(host.to_owned())) };
    let status = DomainStatus::parse(&status).unwrap_or(DomainStatus::Failed);
    Ok((TenantTx::enter_after(tx, firm).await?, status))
}

/// Makes a served domain the firm's primary (the one links and redirects
/// use); `None` goes back to the firm's address on the platform's domain.
pub async fn make_primary(db: &Database, firm: &TenantHandle, host: Option<&str>) -> Result<TenantTx, DomainError> {
    let mut tx = db.pool().begin().await?;
    // Cleared first: the one-primary index is checked row by row.
    sqlx::query("update platform.tenant_hostnames set is_primary = false where tenant_id = $1 and is_primary")
        .bind(firm.tenant_id().0)
        .execute(&mut *tx)
        .await?;
    if let Some(host) = host {
        let status: Option<(String,)> =
            sqlx::query_as("select status from platform.tenant_hostnames where tenant_id = $1 and hostname = $2")
                .bind(firm.tenant_id().0)
                .bind(host)
                .fetch_optional(&mut *tx)
                .await?;
        match status.and_then(|(s,)| DomainStatus::parse(&s)) {
            None => return Err(DomainError::NotFound(host.to_owned())),
            Some(status) if !status.serves() => return Err(DomainError::NotServed(host.to_owned())),
            Some(_) => {}
        }
        sqlx::query("update platform.tenant_hostnames set is_primary = true where tenant_id = $1 and hostname = $2")
            .bind(firm.tenant_id().0)
            .bind(host)
            .execute(&mut *tx)
            .await?;
    }
    Ok(TenantTx::enter_after(tx, firm).await?)
}

/// 128 random bits, hex: the TXT value nobody else can guess.
fn new_token() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
