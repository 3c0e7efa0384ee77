//! The firm's audit trail, for its administrators.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::audit::AuditPage;

/// A page of events, newest first; `older_than` is the previous page's cursor.
#[server(endpoint = "audit_log")]
pub async fn load_audit_log(older_than: Option<i64>) -> Result<AuditPage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ReadAuditLog)?;
    let mut tx = ctx.tenant_tx().await?;
    let page = pespro::audit::page(&mut tx, older_than).await?;
    tx.commit().await?;
    Ok(page)
}
