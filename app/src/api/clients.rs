//! Clients and engagements on the firm dashboard.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::overview::ClientOverview;

#[server(endpoint = "list_clients")]
pub async fn list_clients() -> Result<Vec<ClientOverview>, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let mut tx = ctx.tenant_tx().await?;
    let clients = pespro::practice::client_overview(&mut tx).await?;
    tx.commit().await?;
    Ok(clients)
}

/// Adds a client; returns its name as stored (trimmed, spaces collapsed).
#[server(endpoint = "create_client")]
pub async fn create_client(name: String) -> Result<String, AppError> {
    use pespro::client_name::ClientName;
    use pespro::practice::CreateClientError;

    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let name = ClientName::parse(&name).map_err(|e| AppError::validation("name", e))?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::create_client(&mut tx, &name).await.map_err(|e| match e {
        CreateClientError::NameTaken(_) => AppError::validation("name", e),
        CreateClientError::Db(db) => db.into(),
    })?;
    ctx.audit(&mut tx, pespro::audit::AuditAction::ClientAdded, name.as_str(), "").await?;
    tx.commit().await?;
    Ok(name.to_string())
}
