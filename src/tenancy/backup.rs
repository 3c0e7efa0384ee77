//! One firm on its own: what its backup records besides its schema's rows
//! (the platform's rows about it), making a firm to restore into, checking a
//! restore, and removing a firm for good. The rows themselves travel as
//! `pg_dump` writes them; running PostgreSQL's tools is the CLI's job
//! (`pespro tenant backup|restore|delete`), so this module stays testable
//! with a database alone.

use super::provision::{NewTenant, create_tenant_with};
use crate::brand::{DisplayName, LogoUrl};
use crate::colour::HexColour;
use crate::db::{Database, TenantHandle, quote_ident};
use crate::email::EmailAddress;
use crate::migrate::MigrationSet;
use crate::slug::TenantSlug;
use crate::tenant::TenantId;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Written at the top of every backup file, as a SQL comment.
pub const BACKUP_FORMAT: &str = "pespro firm backup v1";

/// The platform's rows about a firm, and how many rows each of its tables
/// held when the backup was taken (a restore must match them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub slug: String,
    pub display_name: String,
    pub status: String,
    pub plan: String,
    pub primary_colour: String,
    pub accent_colour: String,
    pub logo_url: Option<String>,
    pub admin_email: Option<String>,
    pub schema_name: String,
    pub schema_version: i32,
    pub hostnames: Vec<String>,
    /// (flag, value, reason, set by)
    pub flag_overrides: Vec<(String, String, String, String)>,
    pub row_counts: BTreeMap<String, i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("no firm has the short name “{0}”")]
    NotFound(String),
    #[error("this backup names the firm “{0}”, which is not a valid short name")]
    BadSlug(String),
    #[error("the backup's theme or details are not valid: {0}")]
    BadManifest(String),
    #[error("this backup is of schema version {backup}, newer than this PesPro ({latest}): upgrade first")]
    NewerThanThisBuild { backup: i32, latest: i32 },
    #[error("could not make the firm to restore into: {0}")]
    Provision(#[from] super::provision::ProvisionError),
    #[error("the restored firm does not match its backup: {0}")]
    Mismatch(String),
    #[error("the firm is not suspended; suspend it first (`pespro tenant suspend {0}`)")]
    NotSuspended(String),
    #[error("the firm was suspended {days} days ago; its retention period is {retention} days")]
    WithinRetention { days: i64, retention: i64 },
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

type TenantRow = (i64, String, String, String, String, String, Option<String>, Option<String>, String, String, i32);

/// What a backup of `slug` records besides the rows: read in one
/// repeatable-read snapshot, so counts and rows agree with a `pg_dump`
/// taken right after (nothing else may write while an operator backs up a
/// suspended firm; an active firm's counts are checked on restore anyway).
pub async fn read_manifest(db: &Database, slug: &str) -> Result<(Manifest, TenantHandle), BackupError> {
    let mut tx = db.pool().begin().await?;
    let row: Option<TenantRow> = sqlx::query_as(
        "select tenant_id, slug, display_name, status, plan, primary_colour, logo_url, admin_email,
                accent_colour, schema_name, schema_version
         from platform.tenants where slug = $1",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, slug, display_name, status, plan, primary_colour, logo_url, admin_email, accent, schema, version)) =
        row
    else {
        return Err(BackupError::NotFound(slug.to_owned()));
    };
    let role: String = sqlx::query_scalar("select role_name from platform.tenants where tenant_id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    let hostnames: Vec<String> = sqlx::query_scalar(
        // Only names the firm is served on: an unproven claim is not the firm's.
        "select hostname from platform.tenant_hostnames
             where tenant_id = $1 and status in ('verified', 'active') order by hostname",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let flag_overrides = sqlx::query_as(
        "select flag_key, value, reason, set_by from platform.tenant_flag_overrides where tenant_id = $1 order by flag_key",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    let handle = TenantHandle::new(TenantId(id), schema.clone(), role);
    let row_counts = row_counts(db, &handle).await?;
    let manifest = Manifest {
        slug,
        display_name,
        status,
        plan,
        primary_colour,
        accent_colour: accent,
        logo_url,
        admin_email,
        schema_name: schema,
        schema_version: version,
        hostnames,
        flag_overrides,
        row_counts,
    };
    Ok((manifest, handle))
}

/// Every table of the firm's schema and its number of rows, counted inside
/// the firm's own transaction (the table names come from the catalog).
pub async fn row_counts(db: &Database, handle: &TenantHandle) -> Result<BTreeMap<String, i64>, sqlx::Error> {
    let mut tx = db.tenant_tx(handle).await?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "select table_name::text,
                (xpath('/row/n/text()',
                       query_to_xml(format('select count(*) as n from %I.%I', table_schema, table_name),
                                    false, true, '')))[1]::text::bigint
         from information_schema.tables
         where table_schema = current_schema() and table_type = 'BASE TABLE'
         order by table_name",
    )
    .fetch_all(tx.conn())
    .await?;
    tx.commit().await?;
    Ok(rows.into_iter().collect())
}

/// Makes the empty firm a backup is restored into, under `slug`: its schema
/// at the backup's version (the rows fit it exactly; `pespro migrate` brings
/// it up to date after), its theme, plan, flag overrides and status. Custom
/// hostnames come back only when `slug` is the backup's own and they are
/// free (a copy beside the original must not take its domains).
pub async fn prepare_restore(
    db: &Database,
    manifest: &Manifest,
    slug: &TenantSlug,
) -> Result<TenantHandle, BackupError> {
    let latest = MigrationSet::tenant().latest();
    if manifest.schema_version > latest {
        return Err(BackupError::NewerThanThisBuild { backup: manifest.schema_version, latest });
    }
    let bad = |e: &dyn std::fmt::Display| BackupError::BadManifest(e.to_string());
    let new = NewTenant {
        slug: slug.clone(),
        display_name: DisplayName::parse(&manifest.display_name).map_err(|e| bad(&e))?,
        admin_email: manifest.admin_email.as_deref().map(EmailAddress::parse).transpose().map_err(|e| bad(&e))?,
        primary: HexColour::parse(&manifest.primary_colour).map_err(|e| bad(&e))?,
        accent: HexColour::parse(&manifest.accent_colour).map_err(|e| bad(&e))?,
        logo: manifest.logo_url.as_deref().map(LogoUrl::parse).transpose().map_err(|e| bad(&e))?,
        plan: crate::flags::Plan::parse(&manifest.plan).ok_or_else(|| bad(&"an unknown plan"))?,
    };
    let id = create_tenant_with(db, &new, &MigrationSet::tenant().up_to(manifest.schema_version)).await?;
    let mut tx = db.pool().begin().await?;
    sqlx::query(
        "update platform.tenants
         set plan = $2, status = $3, suspended_at = case when $3 = 'suspended' then now() end
         where tenant_id = $1",
    )
    .bind(id.0)
    .bind(&manifest.plan)
    .bind(&manifest.status)
    .execute(&mut *tx)
    .await?;
    for (flag, value, reason, set_by) in &manifest.flag_overrides {
        sqlx::query(
            "insert into platform.tenant_flag_overrides (tenant_id, flag_key, value, reason, set_by)
             values ($1, $2, $3, $4, $5)",
        )
        .bind(id.0)
        .bind(flag)
        .bind(value)
        .bind(reason)
        .bind(set_by)
        .execute(&mut *tx)
        .await?;
    }
    if slug.as_str() == manifest.slug {
        for hostname in &manifest.hostnames {
            sqlx::query(
                "insert into platform.tenant_hostnames (hostname, tenant_id) values ($1, $2)
                 on conflict do nothing",
            )
            .bind(hostname)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        }
    }
    let (schema, role): (String, String) =
        sqlx::query_as("select schema_name, role_name from platform.tenants where tenant_id = $1")
            .bind(id.0)
            .fetch_one(&mut *tx)
            .await?;
    tx.commit().await?;
    Ok(TenantHandle::new(id, schema, role))
}

/// The script that loads a backup's rows into the firm `handle` names: the
/// preamble, then the rows moved to the firm's schema.
pub async fn load_script(
    db: &Database,
    handle: &TenantHandle,
    manifest: &Manifest,
    dump: &str,
) -> Result<String, BackupError> {
    let rows = super::dump::retarget(dump, &manifest.schema_name, handle.schema_name())
        .map_err(|e| BackupError::BadManifest(e.to_string()))?;
    Ok(format!("{}{rows}", restore_preamble(db, handle).await?))
}

/// What the loader runs before the backup's rows, inside the same
/// transaction: become the firm's role (so the rows land with the firm's
/// rights and nowhere else) and empty the tables provisioning filled.
async fn restore_preamble(db: &Database, handle: &TenantHandle) -> Result<String, sqlx::Error> {
    let tables: Vec<String> = row_counts(db, handle).await?.into_keys().collect();
    let mut preamble = format!("set role {};\n", quote_ident(handle.role_name()));
    if !tables.is_empty() {
        let schema = quote_ident(handle.schema_name());
        let names: Vec<String> = tables.iter().map(|t| format!("{schema}.{}", quote_ident(t))).collect();
        preamble.push_str(&format!("truncate table {} cascade;\n", names.join(", ")));
    }
    Ok(preamble)
}

/// The restored firm holds exactly the rows its backup counted.
pub async fn check_restored(db: &Database, handle: &TenantHandle, manifest: &Manifest) -> Result<(), BackupError> {
    let counted = row_counts(db, handle).await?;
    if counted != manifest.row_counts {
        let differ: Vec<String> = manifest
            .row_counts
            .iter()
            .filter(|(table, n)| counted.get(*table) != Some(n))
            .map(|(table, n)| format!("{table}: {n} in the backup, {} restored", counted.get(table).unwrap_or(&0)))
            .collect();
        return Err(BackupError::Mismatch(differ.join("; ")));
    }
    Ok(())
}

/// Removes a firm for good: its schema, its role, its platform rows (its
/// hostnames, migrations and overrides go with them; the platform trail
/// keeps its entries, no longer linked) and its sign-in counters, in one
/// transaction. Only a firm suspended for at least `retention_days`.
pub async fn delete_firm(db: &Database, slug: &str, retention_days: i64) -> Result<TenantId, BackupError> {
    let mut tx = db.pool().begin().await?;
    let row: Option<(i64, String, String, String, Option<i64>)> = sqlx::query_as(
        "select tenant_id, status, schema_name, role_name, extract(day from now() - suspended_at)::bigint
         from platform.tenants where slug = $1 for update",
    )
    .bind(slug)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((id, status, schema, role, days)) = row else { return Err(BackupError::NotFound(slug.to_owned())) };
    if status != "suspended" {
        return Err(BackupError::NotSuspended(slug.to_owned()));
    }
    let days = days.unwrap_or(0);
    if days < retention_days {
        return Err(BackupError::WithinRetention { days, retention: retention_days });
    }
    drop_firm_in(&mut tx, TenantId(id), &schema, &role).await?;
    tx.commit().await?;
    Ok(TenantId(id))
}

/// Undoes [`prepare_restore`] when loading the rows failed.
pub async fn discard_restore(db: &Database, handle: &TenantHandle) -> Result<(), sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    drop_firm_in(&mut tx, handle.tenant_id(), handle.schema_name(), handle.role_name()).await?;
    tx.commit().await
}

async fn drop_firm_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
    id: TenantId,
    schema: &str,
    role: &str,
) -> Result<(), sqlx::Error> {
    sqlx::raw_sql(&format!("drop schema {} cascade; drop role {};", quote_ident(schema), quote_ident(role)))
        .execute(&mut **tx)
        .await?;
    sqlx::query("delete from platform.sign_in_throttle where throttle_key like $1 or throttle_key like $2")
        .bind(format!("account:{}:%", id.0))
        .bind(format!("pair:account:{}:%", id.0))
        .execute(&mut **tx)
        .await?;
    sqlx::query("delete from platform.sign_in_known_addresses where account_key like $1")
        .bind(format!("account:{}:%", id.0))
        .execute(&mut **tx)
        .await?;
    sqlx::query("delete from platform.tenants where tenant_id = $1").bind(id.0).execute(&mut **tx).await?;
    Ok(())
}
