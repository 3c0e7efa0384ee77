use super::{digest, is_live};
use std::collections::HashMap;
use time::{Duration, OffsetDateTime};
use tower_sessions_core::session::{Id, Record};

fn record(expiry_date: OffsetDateTime) -> Record {
    Record { id: Id(1), data: HashMap::new(), expiry_date }
}

#[test]
fn a_sessions_key_is_the_sha256_of_the_id_as_the_store_writes_it() {
    // The store keeps id 1 as "AQAAAAAAAAAAAAAAAAAAAA"; PostgreSQL's trigger
    // hashes that text, and the two must meet.
    assert_eq!(Id(1).to_string(), "AQAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(digest(&Id(1)), "c20b382edd27f8925fb2f53d12130212163e38651dd7fc2583d1a9db30f41176");
}

#[test]
fn a_key_does_not_reveal_the_id() {
    assert!(!digest(&Id(1)).contains(&Id(1).to_string()));
    assert_ne!(digest(&Id(1)), digest(&Id(2)));
}

#[test]
fn a_session_past_its_expiry_is_not_served_from_memory() {
    assert!(is_live(&record(OffsetDateTime::now_utc() + Duration::minutes(1))));
    assert!(!is_live(&record(OffsetDateTime::now_utc() - Duration::seconds(1))));
}
