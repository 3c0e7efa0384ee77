//! Reading firms from `platform.tenants`, for the registry and the CLI.

use super::Tenant;
use crate::brand::{DEFAULT_ACCENT, DEFAULT_PRIMARY, DisplayName, LogoUrl, Theme};
use crate::colour::HexColour;
use crate::db::{Database, TenantHandle};
use crate::flags::{FlagValue, Plan};
use crate::slug::TenantSlug;
use crate::tenant::{TenantId, TenantStatus};

#[derive(sqlx::FromRow)]
struct TenantRow {
    tenant_id: i64,
    slug: String,
    display_name: String,
    status: String,
    schema_name: String,
    role_name: String,
    schema_version: i32,
    primary_colour: String,
    accent_colour: String,
    logo_url: Option<String>,
    icon_url: Option<String>,
    hostnames: Vec<String>,
    primary_host: Option<String>,
    awaiting_certificate: Vec<String>,
    plan: String,
    override_keys: Vec<String>,
    override_values: Vec<String>,
}

const ALL_TENANTS: &str = "
    select t.tenant_id, t.slug, t.display_name, t.status, t.schema_name, t.role_name, t.schema_version,
           t.primary_colour, t.accent_colour, t.logo_url, t.icon_url,
           coalesce(array_agg(h.hostname order by h.hostname) filter (where h.hostname is not null), '{}') as hostnames,
           (array_agg(h.hostname) filter (where h.is_primary))[1] as primary_host,
           coalesce(array_agg(h.hostname) filter (where h.status = 'verified'), '{}') as awaiting_certificate,
           t.plan,
           array(select o.flag_key from platform.tenant_flag_overrides o
                 where o.tenant_id = t.tenant_id order by o.flag_key) as override_keys,
           array(select o.value from platform.tenant_flag_overrides o
                 where o.tenant_id = t.tenant_id order by o.flag_key) as override_values
    from platform.tenants t
    -- A custom domain is served only once proven (or vouched for by an operator).
    left join platform.tenant_hostnames h on h.tenant_id = t.tenant_id and h.status in ('verified', 'active')
    group by t.tenant_id
    order by t.tenant_id";

/// Every firm, with the hostnames it is served on.
pub async fn list_tenants(db: &Database) -> Result<Vec<Tenant>, sqlx::Error> {
    let rows: Vec<TenantRow> = sqlx::query_as(ALL_TENANTS).fetch_all(db.pool()).await?;
    Ok(rows.into_iter().filter_map(TenantRow::into_tenant).collect())
}

impl TenantRow {
    /// Rows were validated on the way in; one that no longer parses (edited
    /// by hand) is logged and skipped rather than served half-broken.
    fn into_tenant(self) -> Option<Tenant> {
        let id = TenantId(self.tenant_id);
        let (Ok(slug), Ok(display_name)) = (TenantSlug::parse(&self.slug), DisplayName::parse(&self.display_name))
        else {
            tracing::error!(tenant.id = %id, "stored slug or name is invalid; tenant not served");
            return None;
        };
        let Some(status) = TenantStatus::parse(&self.status) else {
            tracing::error!(tenant.id = %id, status = %self.status, "unknown tenant status; tenant not served");
            return None;
        };
        let plan = Plan::parse(&self.plan).unwrap_or_else(|| {
            tracing::error!(tenant.id = %id, plan = %self.plan, "unknown plan; serving the firm on Starter");
            Plan::Starter
        });
        // A value that does not read is skipped: the plan then decides.
        let flag_overrides = self
            .override_keys
            .into_iter()
            .zip(self.override_values)
            .filter_map(|(key, raw)| FlagValue::from_stored(&raw).map(|value| (key, value)))
            .collect();
        let theme = Theme {
            display_name,
            primary: HexColour::parse(&self.primary_colour).unwrap_or(DEFAULT_PRIMARY),
            accent: HexColour::parse(&self.accent_colour).unwrap_or(DEFAULT_ACCENT),
            logo: self.logo_url.as_deref().and_then(|url| LogoUrl::parse(url).ok()),
        };
        Some(Tenant {
            id,
            slug,
            status,
            theme,
            schema_version: self.schema_version,
            hostnames: self.hostnames,
            primary_host: self.primary_host,
            awaiting_certificate: self.awaiting_certificate,
            icon: self.icon_url.as_deref().and_then(|url| LogoUrl::parse(url).ok()),
            plan,
            flag_overrides,
            handle: TenantHandle::new(id, self.schema_name, self.role_name),
        })
    }
}
