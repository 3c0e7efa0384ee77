//! Creating a firm: its row, its own PostgreSQL role, its schema owned by that
//! role, the tenant migrations and default settings — in one transaction.
//! PostgreSQL's roles and schemas are transactional, so a failure at any step
//! leaves nothing behind: no half-made firm to clean up.

use crate::brand::{DisplayName, LogoUrl};
use crate::colour::HexColour;
use crate::db::{Database, TenantHandle, quote_ident};
use crate::email::EmailAddress;
use crate::flags::Plan;
use crate::migrate::{MigrationSet, apply_in_tx, record_applied};
use crate::slug::TenantSlug;
use crate::tenant::TenantId;
use sqlx::Executor;

#[derive(Debug, Clone)]
pub struct NewTenant {
    pub slug: TenantSlug,
    pub display_name: DisplayName,
    pub admin_email: Option<EmailAddress>,
    pub primary: HexColour,
    pub accent: HexColour,
    pub logo: Option<LogoUrl>,
    /// What the firm pays for from its first day.
    pub plan: Plan,
}

#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    #[error("a firm with the short name “{0}” already exists")]
    SlugTaken(TenantSlug),
    #[error("tenant migration {version} failed while setting up the firm: {message}")]
    Migration { version: i32, message: String },
    #[error("database error while creating the firm: {0}")]
    Db(#[from] sqlx::Error),
}

/// Settings every firm starts with; a firm admin changes them later.
const DEFAULT_SETTINGS: &str = r#"
    insert into firm_settings (setting_key, value) values
        ('time_zone', '"UTC"'),
        ('week_starts_on', '"monday"'),
        ('default_currency', '"USD"')
    on conflict (setting_key) do nothing"#;

pub async fn create_tenant(db: &Database, new: &NewTenant) -> Result<TenantId, ProvisionError> {
    create_tenant_with(db, new, MigrationSet::tenant()).await
}

/// As [`create_tenant`], with an explicit tenant migration set (tests use a
/// broken one to prove nothing is left behind; benchmarks an older one).
pub async fn create_tenant_with(
    db: &Database,
    new: &NewTenant,
    migrations: &MigrationSet,
) -> Result<TenantId, ProvisionError> {
    let mut tx = db.pool().begin().await?;
    // Schema and role names derive from the id alone. Roles are shared by all
    // databases of a cluster, so the role name also carries a tag of this
    // database (test databases on one cluster must not collide).
    let inserted: Result<(i64, String, String), sqlx::Error> = sqlx::query_as(
        "with next as (select nextval(pg_get_serial_sequence('platform.tenants', 'tenant_id')) as id)
         insert into platform.tenants
             (tenant_id, slug, display_name, admin_email, primary_colour, accent_colour, logo_url, plan, schema_name, role_name)
         overriding system value
         select id, $1, $2, $3, $4, $5, $6, $7,
                'tenant_' || id,
                'pespro_' || substr(md5(current_database()), 1, 10) || '_t' || id
         from next
         returning tenant_id, schema_name, role_name",
    )
    .bind(new.slug.as_str())
    .bind(new.display_name.as_str())
    .bind(new.admin_email.as_ref().map(EmailAddress::as_str))
    .bind(new.primary.to_string())
    .bind(new.accent.to_string())
    .bind(new.logo.as_ref().map(LogoUrl::as_str))
    .bind(new.plan.as_str())
    .fetch_one(&mut *tx)
    .await;
    let handle = match inserted {
        Ok((id, schema, role)) => TenantHandle::new(TenantId(id), schema, role),
        Err(e) if is_unique_violation(&e) => {
            return Err(ProvisionError::SlugTaken(new.slug.clone()));
        }
        Err(e) => return Err(e.into()),
    };
    let id = handle.tenant_id();

    let role = quote_ident(handle.role_name());
    let schema = quote_ident(handle.schema_name());
    // NOLOGIN: nobody connects as a firm; the platform switches to it with
    // SET ROLE. The firm's role owns its schema and is granted nothing else.
    // `tx.execute(raw_sql(..))`: see `migrate::tenant_schema` on `Send`.
    tx.execute(sqlx::raw_sql(&format!(
        "create role {role} nologin noinherit;
         grant {role} to current_user;
         create schema {schema} authorization {role};"
    )))
    .await?;

    let applied = apply_in_tx(&mut tx, &handle, migrations.after(0))
        .await
        .map_err(|f| ProvisionError::Migration { version: f.version, message: f.message })?;
    record_applied(&mut tx, id, &applied).await?;
    if migrations.latest() > 0 {
        handle.enter(&mut tx).await?;
        sqlx::query(DEFAULT_SETTINGS).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    tracing::info!(tenant.id = %id, tenant.slug = %new.slug, "created tenant");
    Ok(id)
}

pub(super) fn is_unique_violation(error: &sqlx::Error) -> bool {
    error.as_database_error().and_then(|e| e.code()).is_some_and(|c| c == "23505")
}
