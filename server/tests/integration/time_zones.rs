//! Time zones on real PostgreSQL, whose time zone database is the one
//! used: the firm's zone and each person's own, only names PostgreSQL
//! knows, the audit log read (and its days filtered) on the reader's
//! clock, and daily digests going at the person's morning.

use crate::approvals::{Firm, MONDAY, firm, first_id};
use axum::http::StatusCode;
use serde_json::Value;
use time::{Duration, OffsetDateTime, macros::time};

/// Writes an audit event at a fixed moment, as a script would.
async fn event_at(f: &Firm, subject: &str, at: &str) {
    let schema = f.test.schema_of("alpha").await;
    sqlx::query(&format!(
        "insert into {schema}.audit_events (occurred_at, actor_label, action, subject, detail)
         values ($1::timestamptz, 'script', 'branding.changed', $2, '')"
    ))
    .bind(at)
    .bind(subject)
    .execute(&mut f.test.raw().await)
    .await
    .unwrap();
}

async fn audit(f: &Firm, query: &str) -> Value {
    let answer = f.post("/api/audit_log", query, &f.avery).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

async fn when(f: &Firm) -> (String, String) {
    let page = audit(f, "who=Marker").await;
    (page["events"][0]["when"].as_str().unwrap().to_owned(), page["time_zone"].as_str().unwrap().to_owned())
}

fn pair(when: &str, zone: &str) -> (String, String) {
    (when.to_owned(), zone.to_owned())
}

#[tokio::test]
async fn the_audit_log_reads_on_the_firms_clock_or_the_persons_own() {
    let f = firm().await;
    event_at(&f, "Marker", "2026-12-03 13:58:00+00").await;
    assert_eq!(when(&f).await, pair("3 Dec 2026, 13:58", "UTC"), "a new firm is on UTC");

    let set = f.post("/api/set_firm_time_zone", "zone=Europe/Berlin", &f.avery).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(when(&f).await, pair("3 Dec 2026, 14:58", "Europe/Berlin"));

    let own = f.post("/api/set_own_time_zone", "zone=America/New_York", &f.avery).await;
    assert_eq!(own.body, "\"America/New_York\"");
    assert_eq!(when(&f).await, pair("3 Dec 2026, 08:58", "America/New_York"));
    let back = f.post("/api/set_own_time_zone", "zone=", &f.avery).await;
    assert_eq!(back.body, "\"Europe/Berlin\"", "none: the firm's again");

    let schema = f.test.schema_of("alpha").await;
    let detail: String = sqlx::query_scalar(&format!(
        "select detail from {schema}.audit_events where action = 'firm.time_zone_changed'"
    ))
    .fetch_one(&mut f.test.raw().await)
    .await
    .unwrap();
    assert_eq!(detail, "was UTC");
}

#[tokio::test]
async fn only_names_postgresql_knows_are_kept_and_only_administrators_set_the_firms() {
    let f = firm().await;
    for (path, who) in [("/api/set_firm_time_zone", &f.avery), ("/api/set_own_time_zone", &f.emery)] {
        let refused = f.post(path, "zone=Mars/Olympus_Mons", who).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {}", refused.body);
        assert!(refused.body.contains("\"field\":\"zone\""), "{}", refused.body);
    }
    let by_employee = f.post("/api/set_firm_time_zone", "zone=Europe/Berlin", &f.emery).await;
    assert_eq!(by_employee.status, StatusCode::FORBIDDEN);
    let choice: Value = serde_json::from_str(&f.post("/api/load_time_zones", "", &f.emery).await.body).unwrap();
    assert_eq!((&choice["own"], &choice["firm"]), (&Value::Null, &Value::from("UTC")));
    let names: Vec<&str> = choice["names"].as_array().unwrap().iter().map(|n| n.as_str().unwrap()).collect();
    assert!(names.contains(&"Europe/Berlin") && names.contains(&"UTC") && names.len() > 300, "{}", names.len());
    assert!(!names.iter().any(|n| n.starts_with("posix/") || n.starts_with("Etc/")), "no aliases offered");
}

#[tokio::test]
async fn a_day_in_the_audit_filter_is_the_readers_day() {
    let f = firm().await;
    // Late on the 3rd in London is already the 4th in Berlin.
    event_at(&f, "Late", "2026-12-03 23:30:00+00").await;
    let on_the_3rd = "who=Late&from=2026-12-03&to=2026-12-03";
    assert_eq!(audit(&f, on_the_3rd).await["events"].as_array().unwrap().len(), 1);
    f.post("/api/set_firm_time_zone", "zone=Europe/Berlin", &f.avery).await;
    assert_eq!(audit(&f, on_the_3rd).await["events"].as_array().unwrap().len(), 0);
    let on_the_4th = audit(&f, "who=Late&from=2026-12-04&to=2026-12-04").await;
    assert_eq!(on_the_4th["events"][0]["when"], "4 Dec 2026, 00:30");
}

#[tokio::test]
async fn a_daily_digest_goes_at_the_persons_morning() {
    let f = firm().await;
    // Chosen first: the server's own worker emails "at once" notices the
    // moment they are written.
    for who in [&f.emery, &f.morgan] {
        f.post("/api/set_email_choice", "choice=daily", who).await;
    }
    f.post("/api/set_own_time_zone", "zone=Asia/Tokyo", &f.emery).await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    f.decide(&f.morgan, first_id(&f.inbox(&f.morgan).await), "reject", "Notes").await;
    // Both notices written at 20:00 UTC on a day ahead (so the server's
    // own worker, on today's clock, leaves them alone): 05:00 the next
    // morning in Tokyo.
    let evening = (OffsetDateTime::now_utc() + Duration::days(10)).replace_time(time!(20:00));
    let schema = f.test.schema_of("alpha").await;
    sqlx::query(&format!("update {schema}.notifications set created_at = $1"))
        .bind(evening)
        .execute(&mut f.test.raw().await)
        .await
        .unwrap();
    let tenant = pespro::tenancy::TenantRegistry::load(&f.test.db).await.unwrap().by_slug("alpha").unwrap();
    let outbox = crate::helpers::scratch("digest-outbox");
    let worker = pespro::notices_mail::NoticeMail {
        db: f.test.db.clone(),
        registry: pespro::tenancy::TenantRegistry::load(&f.test.db).await.unwrap(),
        mailer: pespro::mail::Mailer::new(None, outbox, "PesPro <no-reply@localhost>").unwrap(),
        hosts: pespro::host::HostRules::new("localhost", "admin.localhost"),
        https: false,
        public_port: Some(3000),
    };

    // The server's own worker may hold the rows for a moment (they are
    // skipped, not waited for): a pass is tried until it sent something.
    let pass = async |at: OffsetDateTime| {
        for _ in 0..100 {
            let done = worker.deliver(&tenant, at).await.unwrap();
            if done.emails > 0 {
                return done.emails;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        0
    };
    // 22:30 UTC is 07:30 in Tokyo: Emery's digest goes, Morgan's (UTC) waits.
    assert_eq!(pass(evening + Duration::minutes(150)).await, 1, "Emery's, at Tokyo's morning");
    assert_eq!(worker.deliver(&tenant, evening + Duration::minutes(150)).await.unwrap().emails, 0);
    assert_eq!(pass(evening + Duration::hours(11)).await, 1, "Morgan's, at 07:00 UTC");
}
