//! Clients and their engagements, as the dashboard lists them.

use crate::client_name::ClientName;
use crate::db::TenantTx;
use crate::overview::{ClientOverview, EngagementOverview};

#[derive(sqlx::FromRow)]
struct ClientEngagementRow {
    client_id: i64,
    client_name: String,
    engagement_id: Option<i64>,
    code: Option<String>,
    engagement_name: Option<String>,
    status: Option<String>,
}

/// Active clients, alphabetically, each with its engagements.
pub async fn client_overview(tx: &mut TenantTx) -> Result<Vec<ClientOverview>, sqlx::Error> {
    let rows: Vec<ClientEngagementRow> = sqlx::query_as(
        "select c.client_id, c.name as client_name,
                e.engagement_id, e.code, e.name as engagement_name, e.status
         from clients c
         left join engagements e using (client_id)
         where c.archived_at is null
         order by lower(c.name), c.client_id, e.code",
    )
    .fetch_all(tx.conn())
    .await?;
    let mut clients: Vec<ClientOverview> = Vec::new();
    for row in rows {
        if clients.last().is_none_or(|c| c.client_id != row.client_id) {
            clients.push(ClientOverview { client_id: row.client_id, name: row.client_name, engagements: Vec::new() });
        }
        if let (Some(engagement_id), Some(code), Some(name)) = (row.engagement_id, row.code, row.engagement_name) {
            let active = row.status.as_deref() == Some("active");
            let client = clients.last_mut().expect("pushed above");
            client.engagements.push(EngagementOverview { engagement_id, code, name, active });
        }
    }
    Ok(clients)
}

#[derive(Debug, thiserror::Error)]
pub enum CreateClientError {
    #[error("a client named “{0}” already exists")]
    NameTaken(ClientName),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub async fn create_client(tx: &mut TenantTx, name: &ClientName) -> Result<i64, CreateClientError> {
    tx.wrote("clients");
    let inserted: Option<i64> = sqlx::query_scalar(
        "insert into clients (name) values ($1) on conflict ((lower(name))) do nothing returning client_id",
    )
    .bind(name.as_str())
    .fetch_optional(tx.conn())
    .await?;
    inserted.ok_or_else(|| CreateClientError::NameTaken(name.clone()))
}
