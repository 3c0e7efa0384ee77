//! Hearing that a firm's data changed, from PostgreSQL (LISTEN on
//! `pespro_firm_data`; payload `schema:table`, sent after commit by the
//! triggers of tenant migration 0016). Whenever notifications may have been
//! missed, the caches are cleared (`Database::follow`).

use super::FirmData;
use crate::db::Database;

const CHANNEL: &str = "pespro_firm_data";

pub(super) async fn follow(data: FirmData, db: Database) {
    let heard = |payload: &str| match payload.split_once(':') {
        Some((schema, table)) => data.changed(schema, table),
        None => {
            tracing::warn!(payload, "unreadable firm data notification; clearing");
            data.clear();
        }
    };
    db.follow(CHANNEL, || data.clear(), heard).await
}
