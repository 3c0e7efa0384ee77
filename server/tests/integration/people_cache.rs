//! The person check of every signed-in request, answered from each
//! process's copy of the firm's people (`pespro::firm_data`), with two
//! server processes on one database: deactivation and a role taken away
//! through one are enforced by the other on its next requests, and by the
//! one that made them at once; the copy is really what answers (no
//! statement), and a copy that missed a change can let a revoked session
//! through for a moment but never refuse a good one.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use axum::http::StatusCode;
use pespro::access::Role;
use std::time::Duration;

const HOST: &str = "alpha.localhost";

struct Alpha {
    test: TestDb,
    bo: i64,
}

/// Alpha with Ada (administrator) and Bo (manager).
async fn alpha() -> Alpha {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let bo = test.create_person("alpha", "bo@alpha.example", Role::Manager).await;
    Alpha { test, bo }
}

async fn signed_in(app: &TestApp, cookie: &str) -> bool {
    match app.get_with(HOST, "/", cookie).await.status {
        StatusCode::OK => true,
        StatusCode::FOUND => false,
        other => panic!("the dashboard answered {other}"),
    }
}

/// May open the approvals inbox (managers and administrators may).
async fn approves(app: &TestApp, cookie: &str) -> bool {
    match app.request(call(HOST, "/api/load_inbox", "", cookie)).await.status {
        StatusCode::OK => true,
        StatusCode::FORBIDDEN => false,
        other => panic!("the inbox answered {other}"),
    }
}

/// A notification's trip: polls until `check` says `want`.
async fn eventually<F: AsyncFn() -> bool>(check: F, want: bool, what: &str) {
    for _ in 0..100 {
        if check().await == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the other process kept {what}");
}

async fn execute(test: &TestDb, statement: &str) {
    sqlx::query(statement).execute(&mut test.raw().await).await.unwrap();
}

#[tokio::test]
async fn a_person_deactivated_through_one_process_is_signed_out_by_the_other() {
    let Alpha { test, bo } = alpha().await;
    let first = TestApp::start(&test).await;
    let second = TestApp::start(&test).await;
    let ada = first.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let bo_cookie = first.sign_in(HOST, "bo@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&second, &bo_cookie).await, "the second process now holds Alpha's people");

    let answer = first.request(call(HOST, "/api/deactivate_person", &format!("user_id={bo}"), &ada)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(!signed_in(&first, &bo_cookie).await, "the process that deactivated Bo refuses him at once");
    eventually(async || signed_in(&second, &bo_cookie).await, false, "serving a deactivated person").await;
}

#[tokio::test]
async fn a_role_taken_away_through_one_process_is_enforced_by_the_other() {
    let Alpha { test, bo } = alpha().await;
    let first = TestApp::start(&test).await;
    let second = TestApp::start(&test).await;
    let ada = first.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let bo_cookie = first.sign_in(HOST, "bo@alpha.example", PASSWORD).await.unwrap();
    assert!(approves(&second, &bo_cookie).await, "a manager approves");

    let answer = first.request(call(HOST, "/api/change_role", &format!("user_id={bo}&role=employee"), &ada)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(!approves(&first, &bo_cookie).await, "the process that changed the role enforces it at once");
    eventually(async || approves(&second, &bo_cookie).await, false, "letting a former manager approve").await;
}

#[tokio::test]
async fn the_person_check_is_answered_from_memory_until_the_databases_word() {
    let Alpha { test, bo } = alpha().await;
    let app = TestApp::start(&test).await;
    let bo_cookie = app.sign_in(HOST, "bo@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&app, &bo_cookie).await);
    let schema = test.schema_of("alpha").await;

    // Deactivated with the trigger off, so the process never hears: its copy
    // is all it has. Proof that the check no longer reads the database, and
    // that the trigger is what keeps revocation immediate.
    execute(&test, &format!("alter table {schema}.users disable trigger users_changed")).await;
    execute(&test, &format!("update {schema}.users set active = false where user_id = {bo}")).await;
    assert!(signed_in(&app, &bo_cookie).await, "served from memory");

    execute(&test, &format!("alter table {schema}.users enable trigger users_changed")).await;
    execute(&test, &format!("update {schema}.users set display_name = display_name where user_id = {bo}")).await;
    eventually(async || signed_in(&app, &bo_cookie).await, false, "serving a person deactivated in the database").await;
}

#[tokio::test]
async fn a_copy_that_missed_a_change_never_refuses_a_good_session() {
    let Alpha { test, .. } = alpha().await;
    let first = TestApp::start(&test).await;
    let second = TestApp::start(&test).await;
    let old = first.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&second, &old).await, "the second process now holds Alpha's people");
    let schema = test.schema_of("alpha").await;
    execute(&test, &format!("alter table {schema}.users disable trigger users_changed")).await;

    // Someone joins and Ada's credentials move on, neither heard of by the
    // second process: its copy lacks Cy and knows Ada's old epoch.
    test.create_person("alpha", "cy@alpha.example", Role::Employee).await;
    execute(&test, &format!("update {schema}.users set session_epoch = session_epoch + 1")).await;
    let cy = first.sign_in(HOST, "cy@alpha.example", PASSWORD).await.unwrap();
    let ada = first.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&second, &cy).await, "a person the copy lacks is looked up, not refused");
    assert!(signed_in(&second, &ada).await, "a session of a newer epoch is looked up, not refused");
    assert!(!signed_in(&second, &old).await, "while the old epoch's session is over");
}

#[tokio::test]
async fn the_process_that_made_a_change_sees_it_without_waiting_for_the_notification() {
    let Alpha { test, bo } = alpha().await;
    let app = TestApp::start(&test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let bo_cookie = app.sign_in(HOST, "bo@alpha.example", PASSWORD).await.unwrap();
    assert!(approves(&app, &bo_cookie).await);
    let schema = test.schema_of("alpha").await;
    execute(&test, &format!("alter table {schema}.users disable trigger users_changed")).await;

    // No notification will come: the request's own transaction said what it
    // wrote (`TenantTx::wrote`) and dropped this process's copy as it committed.
    let answer = app.request(call(HOST, "/api/change_role", &format!("user_id={bo}&role=employee"), &ada)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(!approves(&app, &bo_cookie).await, "the former manager is refused on his next request");
}
