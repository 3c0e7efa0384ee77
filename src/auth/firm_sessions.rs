//! Ending every session of a firm that is being removed. The session store
//! (tower-sessions, schema `tower_sessions`) keeps each session as a
//! MessagePack record `[id, data, expiry]`; a firm's sign-in is the
//! `signed_in` entry of `data`, naming its `tenant_id`.

use crate::db::Database;
use crate::tenant::TenantId;

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

/// The firm a stored session is signed in to, if it can be read.
fn signed_in_to(record: &[u8]) -> Option<i64> {
    let record: serde_json::Value = rmp_serde::from_slice(record).ok()?;
    let data = record.get(1).or_else(|| record.get("data"))?;
    data.get("signed_in")?.get("tenant_id")?.as_i64()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_stored_session_names_the_firm_it_is_signed_in_to() {
        let data: HashMap<String, serde_json::Value> =
            HashMap::from([("signed_in".to_owned(), serde_json::json!({ "tenant_id": 7, "user_id": 3 }))]);
        let record = rmp_serde::to_vec(&("session-id", data, "2026-12-31T00:00:00Z")).unwrap();
        assert_eq!(signed_in_to(&record), Some(7));
    }

    #[test]
    fn a_session_without_a_sign_in_names_no_firm() {
        let record = rmp_serde::to_vec(&("session-id", HashMap::<String, i32>::new(), "x")).unwrap();
        assert_eq!(signed_in_to(&record), None);
        assert_eq!(signed_in_to(b"not messagepack"), None);
    }
}
