//! Administrators manage their firm's people — and only their own firm's,
//! and never their own account. Every change lands in the audit trail.

use crate::helpers::{PASSWORD, TestApp, call, fresh_database};
use axum::http::StatusCode;
use pespro::access::{PersonSummary, Role};
use pespro::audit::{AuditAction, AuditPage};

#[tokio::test]
async fn an_admin_promotes_an_employee_who_gains_the_new_permissions_at_once() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let emil_id = test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let emil = app.sign_in("alpha.localhost", "emil@alpha.example", PASSWORD).await.unwrap();
    let before = app.request(call("alpha.localhost", "/api/create_client", "name=Acme", &emil)).await;
    assert_eq!(before.body, "\"Forbidden\"");

    let changed = app
        .request(call("alpha.localhost", "/api/change_role", &format!("user_id={emil_id}&role=manager"), &admin))
        .await;

    let person: PersonSummary = serde_json::from_str(&changed.body).expect(&changed.body);
    assert_eq!(person.role, Role::Manager);
    let after = app.request(call("alpha.localhost", "/api/create_client", "name=Acme", &emil)).await;
    assert_eq!(after.status, StatusCode::OK, "{}", after.body);
    let log: AuditPage =
        serde_json::from_str(&app.request(call("alpha.localhost", "/api/audit_log", "", &admin)).await.body).unwrap();
    let entry = log.events.iter().find(|e| e.action == AuditAction::RoleChanged).expect("audited");
    assert_eq!(
        (entry.actor.as_str(), entry.subject.as_str(), entry.detail.as_str()),
        ("ada@alpha.example", "emil@alpha.example", "Employee → Manager")
    );
}

#[tokio::test]
async fn an_admin_cannot_change_or_deactivate_their_own_account() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let ada_id = test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let demote = app
        .request(call("alpha.localhost", "/api/change_role", &format!("user_id={ada_id}&role=employee"), &admin))
        .await;
    let leave =
        app.request(call("alpha.localhost", "/api/deactivate_person", &format!("user_id={ada_id}"), &admin)).await;

    assert!(demote.body.contains("can't change your own role"), "{}", demote.body);
    assert!(leave.body.contains("can't change your own role"), "{}", leave.body);
    assert_eq!(app.get_with("alpha.localhost", "/", &admin).await.status, StatusCode::OK, "still an active admin");
}

#[tokio::test]
async fn managers_and_employees_cannot_manage_people() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let emil_id = test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let app = TestApp::start(&test).await;
    let manager = app.sign_in("alpha.localhost", "mia@alpha.example", PASSWORD).await.unwrap();

    let response = app
        .request(call("alpha.localhost", "/api/change_role", &format!("user_id={emil_id}&role=admin"), &manager))
        .await;
    let page = app.get_with("alpha.localhost", "/people", &manager).await;

    assert_eq!(response.body, "\"Forbidden\"");
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_id_from_another_firm_is_not_found_and_that_person_is_untouched() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_firm("beta").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let mut beta_ids = Vec::new();
    for i in 0..4 {
        beta_ids.push(test.create_person("beta", &format!("p{i}@beta.example"), Role::Employee).await);
    }
    let target = *beta_ids.last().unwrap();
    let app = TestApp::start(&test).await;
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let response =
        app.request(call("alpha.localhost", "/api/deactivate_person", &format!("user_id={target}"), &admin)).await;

    assert_eq!(response.body, "\"NotFound\"");
    assert!(app.sign_in("beta.localhost", "p3@beta.example", PASSWORD).await.is_ok(), "beta's person still active");
}

#[tokio::test]
async fn a_deactivated_person_is_signed_out_at_once_and_the_change_is_audited() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let emil_id = test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let emil = app.sign_in("alpha.localhost", "emil@alpha.example", PASSWORD).await.unwrap();

    let response =
        app.request(call("alpha.localhost", "/api/deactivate_person", &format!("user_id={emil_id}"), &admin)).await;

    let person: PersonSummary = serde_json::from_str(&response.body).expect(&response.body);
    assert!(!person.active);
    assert_eq!(app.get_with("alpha.localhost", "/", &emil).await.status, StatusCode::FOUND);
    let page = app.get_with("alpha.localhost", "/people", &admin).await;
    assert!(page.body.contains("Deactivated"));
    let log: AuditPage =
        serde_json::from_str(&app.request(call("alpha.localhost", "/api/audit_log", "", &admin)).await.body).unwrap();
    assert!(log.events.iter().any(|e| e.action == AuditAction::UserDeactivated && e.subject == "emil@alpha.example"));
}
