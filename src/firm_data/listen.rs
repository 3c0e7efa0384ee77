//! Hearing that a firm's data changed, from PostgreSQL (LISTEN on
//! `pespro_firm_data`; payload `schema:table`, sent after commit by the
//! triggers of tenant migration 0016).
//!
//! While not listening, nothing is heard: so every (re)subscription clears
//! the caches before trusting them again, the same rule the tenant registry
//! follows with its full reload.

use super::FirmData;
use crate::db::Database;
use std::time::Duration;

const CHANNEL: &str = "pespro_firm_data";

pub(super) async fn follow(data: FirmData, db: Database) {
    loop {
        match listen_once(&data, &db).await {
            Ok(()) => tracing::warn!("firm data listener lost its connection; subscribing again"),
            Err(error) => tracing::warn!(%error, "firm data listener lost its connection; retrying"),
        }
        // Until it listens again, nothing can be trusted to be current.
        data.clear();
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn listen_once(data: &FirmData, db: &Database) -> Result<(), sqlx::Error> {
    let mut listener = db.listener(&[CHANNEL]).await?;
    data.clear();
    loop {
        // `recv` would reconnect by itself and lose what was sent meanwhile
        // without a word; `try_recv` says so, and the caller subscribes
        // afresh and clears.
        let Some(notification) = listener.try_recv().await? else { return Ok(()) };
        match notification.payload().split_once(':') {
            Some((schema, table)) => data.changed(schema, table),
            None => {
                tracing::warn!(payload = notification.payload(), "unreadable firm data notification; clearing");
                data.clear();
            }
        }
    }
}
