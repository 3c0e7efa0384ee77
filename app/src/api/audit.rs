//! The firm's audit trail, for its administrators.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::audit::AuditPage;

/// A page of events, newest first, narrowed by the page's filter (raw, as
/// in its address: what does not read narrows nothing); `older_than` is the
/// previous page's cursor.
#[server(endpoint = "audit_log")]
pub async fn load_audit_log(
    older_than: Option<i64>,
    who: Option<String>,
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<AuditPage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ReadAuditLog)?;
    let filter = pespro::audit::AuditFilter::from_query(|name| match name {
        "who" => who.clone(),
        "action" => action.clone(),
        "from" => from.clone(),
        "to" => to.clone(),
        _ => None,
    });
    let mut tx = ctx.tenant_tx().await?;
    let page =
        pespro::audit::page(&mut tx, &filter, older_than, pespro::practice::time_zones::Reader::of(user)).await?;
    tx.commit().await?;
    Ok(page)
}
