//! The firm's audit trail records sign-ins (good and bad) and sign-outs,
//! and only administrators may read it, a page at a time.

use crate::helpers::{PASSWORD, TestApp, call, form_post, fresh_database, test_config};
use axum::body::Body;
use axum::http::header;
use pespro::access::Role;
use pespro::audit::{AuditAction, AuditPage};

#[tokio::test]
async fn sign_ins_failures_and_sign_outs_are_in_the_log_with_who_and_from_where() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start_with(&test, test_config(true)).await;
    let from = |request: axum::http::Request<Body>| {
        let (mut parts, body) = request.into_parts();
        parts.headers.insert("x-forwarded-for", "198.51.100.1, 203.0.113.9".parse().unwrap());
        axum::http::Request::from_parts(parts, body)
    };
    app.request(from(
        form_post("alpha.localhost", "/api/sign_in", None)
            .header(header::ACCEPT, "application/json")
            .body(Body::from("email=mallory%40alpha.example&password=guess"))
            .unwrap(),
    ))
    .await;
    let emil = app.sign_in("alpha.localhost", "emil@alpha.example", PASSWORD).await.unwrap();
    app.request(form_post("alpha.localhost", "/api/sign_out", Some(&emil)).body(Body::empty()).unwrap()).await;
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let response = app.request(call("alpha.localhost", "/api/audit_log", "", &admin)).await;

    let page: AuditPage = serde_json::from_str(&response.body).expect(&response.body);
    let lines: Vec<(String, AuditAction)> = page.events.iter().map(|e| (e.actor.clone(), e.action)).collect();
    assert_eq!(
        lines,
        [
            ("ada@alpha.example".to_owned(), AuditAction::SignInSucceeded),
            ("emil@alpha.example".to_owned(), AuditAction::SignedOut),
            ("emil@alpha.example".to_owned(), AuditAction::SignInSucceeded),
            ("Not signed in".to_owned(), AuditAction::SignInFailed),
        ]
    );
    assert_eq!(page.events[3].detail, "email typed: \u{201c}mallory@alpha.example\u{201d}", "typed text, not a person");
    assert_eq!(page.events[3].client_address.as_deref(), Some("203.0.113.9"), "the proxy's own entry counts");
    assert_eq!(page.older_than, None);
}

#[tokio::test]
async fn only_administrators_may_read_the_log() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let app = TestApp::start(&test).await;
    let manager = app.sign_in("alpha.localhost", "mia@alpha.example", PASSWORD).await.unwrap();

    let response = app.request(call("alpha.localhost", "/api/audit_log", "", &manager)).await;
    let page = app.get_with("alpha.localhost", "/audit", &manager).await;

    assert_eq!(response.body, "\"Forbidden\"");
    assert_eq!(page.status, axum::http::StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_log_is_read_fifty_events_at_a_time_newest_first() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let schema = test.schema_of("alpha").await;
    sqlx::query(&format!(
        "insert into {schema}.audit_events (actor_label, action)
         select 'bulk' || n, 'sign_out' from generate_series(1, 60) as n"
    ))
    .execute(&mut test.raw().await)
    .await
    .unwrap();
    let app = TestApp::start(&test).await;
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let first: AuditPage =
        serde_json::from_str(&app.request(call("alpha.localhost", "/api/audit_log", "", &admin)).await.body).unwrap();
    let cursor = first.older_than.expect("there is an older page");
    let second: AuditPage = serde_json::from_str(
        &app.request(call("alpha.localhost", "/api/audit_log", &format!("older_than={cursor}"), &admin)).await.body,
    )
    .unwrap();

    assert_eq!(first.events.len(), 50);
    assert_eq!(first.events[0].actor, "ada@alpha.example", "the admin's own sign-in is newest");
    assert_eq!(second.events.len(), 11, "61 events in all");
    assert_eq!(second.events.last().unwrap().actor, "bulk1");
    assert_eq!(second.older_than, None);
}
