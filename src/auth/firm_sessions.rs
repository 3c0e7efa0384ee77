//! Ending every session of a firm that is being removed. The session store
//! (tower-sessions, schema `tower_sessions`) keeps each session as a
//! MessagePack record `[id, data, expiry]`; a firm's sign-in is the
//! `signed_in` entry of `data`, naming its `tenant_id`.

use crate::db::Database;
use crate::tenant::TenantId;
use tower_sessions_core::session::Record;

/// Deletes the sessions signed in to `tenant`; returns how many.
pub async fn end_sessions_of_firm(db: &Database, tenant: TenantId) -> Result<u64, sqlx::Error> {
    // The store makes its table when a server first starts; before that
    // nobody has a session.
    let store_exists: bool =
        sqlx::query_scalar("select to_regclass('tower_sessions.session') is not null").fetch_one(db.pool()).await?;
    if !store_exists {
        return Ok(0);
    }
    let sessions: Vec<(String, Vec<u8>)> =
        sqlx::query_as("select id, data from tower_sessions.session").fetch_all(db.pool()).await?;
    let ids: Vec<String> =
        sessions.into_iter().filter(|(_, data)| signed_in_to(data) == Some(tenant.0)).map(|(id, _)| id).collect();
    let deleted =
        sqlx::query("delete from tower_sessions.session where id = any($1)").bind(&ids).execute(db.pool()).await?;
    Ok(deleted.rows_affected())
}

/// The firm a stored session is signed in to, if it can be read. Decoded
/// as the store's own record type: its id is an `i128`, which a generic
/// reading cannot hold (that reading found no session at all).
fn signed_in_to(record: &[u8]) -> Option<i64> {
    let record: Record = rmp_serde::from_slice(record).ok()?;
    record.data.get("signed_in")?.get("tenant_id")?.as_i64()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;
    use tower_sessions_core::session::Id;

    /// A record as the store writes it.
    fn stored(data: serde_json::Value) -> Vec<u8> {
        let data = serde_json::from_value(data).unwrap();
        rmp_serde::to_vec(&Record { id: Id::default(), data, expiry_date: OffsetDateTime::now_utc() }).unwrap()
    }

    #[test]
    fn a_stored_session_names_the_firm_it_is_signed_in_to() {
        let record = stored(serde_json::json!({ "signed_in": { "tenant_id": 7, "user_id": 3, "session_epoch": 0 } }));
        assert_eq!(signed_in_to(&record), Some(7));
    }

    #[test]
    fn a_session_without_a_sign_in_names_no_firm() {
        assert_eq!(signed_in_to(&stored(serde_json::json!({}))), None);
        assert_eq!(signed_in_to(b"not messagepack"), None);
    }
}
