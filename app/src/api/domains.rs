//! The firm's custom domains (`/settings/domains`), for administrators:
//! add one (the name's rules are `pespro::domains::name`), check it now,
//! make it the primary, remove it. Each change is audited in the firm's
//! trail; what DNS says is recorded by `pespro::domains::check`.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::domains::{DnsRecord, FirmDomain};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainsData {
    /// Each domain with the DNS records it needs.
    pub domains: Vec<(FirmDomain, Vec<DnsRecord>)>,
    /// The firm's address on the platform, always served.
    pub platform_host: String,
    /// What was typed, when this load follows a refused add without JavaScript.
    pub typed: String,
}

#[cfg(feature = "ssr")]
const FORM: &str = "domains";

#[cfg(feature = "ssr")]
fn refused(error: pespro::tenancy::DomainError) -> AppError {
    use pespro::tenancy::DomainError;
    match error {
        DomainError::Db(e) => e.into(),
        DomainError::NotFound(_) => AppError::NotFound,
        DomainError::NotServed(_) => AppError::Conflict(error.to_string()),
        refusal => AppError::validation("hostname", refusal),
    }
}

#[cfg(feature = "ssr")]
fn checks() -> Result<pespro::domains::check::DomainChecks, AppError> {
    use_context().ok_or_else(|| AppError::internal("no domain checks in context"))
}

/// This process serves a change on the admin's next page; others follow
/// the catalog's notification.
#[cfg(feature = "ssr")]
async fn reload_registry(ctx: &super::context::RequestContext) -> Result<(), AppError> {
    if let Some(registry) = use_context::<pespro::tenancy::TenantRegistry>() {
        registry.reload(&ctx.db).await?;
    }
    Ok(())
}

#[server(endpoint = "domains")]
pub async fn load_domains() -> Result<DomainsData, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let edge = checks()?.edge;
    let reader = pespro::practice::time_zones::Reader::of(user);
    let domains = pespro::tenancy::firm_domains(&ctx.db, ctx.tenant.handle(), reader).await?;
    let domains = domains.into_iter().map(|d| (d.records(&edge), d)).map(|(r, d)| (d, r)).collect();
    let platform_host = ctx.outbound()?.hosts.firm_host(&ctx.tenant.slug);
    let typed = super::refused_form::take(&ctx, FORM).await.unwrap_or_default();
    Ok(DomainsData { domains, platform_host, typed })
}

#[server(endpoint = "add_domain")]
pub async fn add_domain(hostname: String) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let hosts = ctx.outbound()?.hosts;
    let added = match pespro::domains::name::parse_custom_domain(&hostname, &hosts, &hosts.firm_host(&ctx.tenant.slug))
    {
        Err(refusal) => Err(AppError::validation("hostname", refusal)),
        Ok(host) => {
            pespro::tenancy::add_domain(&ctx.db, ctx.tenant.handle(), &host).await.map(|tx| (tx, host)).map_err(refused)
        }
    };
    let (mut tx, host) = match added {
        Ok(added) => added,
        Err(error) => {
            if error.is_validation() {
                super::refused_form::keep(&ctx, FORM, &hostname).await;
            }
            return Err(error);
        }
    };
    ctx.audit(&mut tx, pespro::audit::AuditAction::DomainsChanged, host.as_str(), "added; waiting for its DNS records")
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Asks DNS about one of the firm's domains now; its status after.
#[server(endpoint = "check_domain")]
pub async fn check_domain(hostname: String) -> Result<pespro::domains::lifecycle::DomainStatus, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let status = checks()?.check_now(&ctx.db, ctx.tenant.id, &hostname).await?.ok_or(AppError::NotFound)?;
    reload_registry(&ctx).await?;
    Ok(status)
}

#[server(endpoint = "remove_domain")]
pub async fn remove_domain(hostname: String) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let (mut tx, was) =
        pespro::tenancy::remove_domain(&ctx.db, ctx.tenant.handle(), &hostname).await.map_err(refused)?;
    let detail = format!("removed (it was {})", was.label().to_lowercase());
    ctx.audit(&mut tx, pespro::audit::AuditAction::DomainsChanged, &hostname, &detail).await?;
    tx.commit().await?;
    reload_registry(&ctx).await
}

/// Makes a served domain the primary; an empty name goes back to the
/// firm's address on the platform.
#[server(endpoint = "make_primary_domain")]
pub async fn make_primary_domain(hostname: String) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let host = Some(hostname.as_str()).filter(|h| !h.is_empty());
    let mut tx = pespro::tenancy::make_primary(&ctx.db, ctx.tenant.handle(), host).await.map_err(refused)?;
    let subject =
        host.map_or_else(|| ctx.outbound().map(|o| o.hosts.firm_host(&ctx.tenant.slug)), |h| Ok(h.to_owned()))?;
    ctx.audit(&mut tx, pespro::audit::AuditAction::DomainsChanged, &subject, "made the primary address").await?;
    tx.commit().await?;
    reload_registry(&ctx).await
}
