//! Invitations as states: an invited person is listed as invited (not
//! active) until they choose a password; an administrator sends the
//! invitation again (the old link stops working) or revokes it (the person
//! is gone and the address free, or — when the firm's data names them —
//! deactivated); someone who joined is neither; each step is audited; a
//! mail left in the outbox is reported as not sent.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, call_anonymous, fresh_database, test_config};
use crate::mail_sink::mail_sink;
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::mail::Mailer;
use serde_json::Value;

const HOST: &str = "alpha.localhost";

async fn app_with_smtp(test: &TestDb) -> TestApp {
    let mut config = test_config(false);
    let smtp = format!("smtp://127.0.0.1:{}", mail_sink().port);
    config.mailer = Mailer::new(Some(&smtp), "/nonexistent".into(), "PesPro <no-reply@localhost>").unwrap();
    TestApp::start_with(test, config).await
}

async fn firm_with_admin() -> (TestDb, String) {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    (test, format!("ivy-{}-{}@alpha.example", std::process::id(), rand_suffix()))
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 % 1_000_000_007
}

fn invite_body(email: &str) -> String {
    format!("email={}&display_name=Ivy+Invited&role=employee", email.replace('@', "%40"))
}

/// The person with `email` as `/api/people` lists them.
async fn listed(app: &TestApp, admin: &str, email: &str) -> Option<Value> {
    let people = app.request(call(HOST, "/api/people", "", admin)).await;
    let people: Value = serde_json::from_str(&people.body).unwrap();
    people["people"].as_array().unwrap().iter().find(|p| p["email"] == email).cloned()
}

async fn choose_password(app: &TestApp, link: &str) -> StatusCode {
    let token = link.split("token=").nth(1).unwrap();
    let body = format!("token={token}&new_password=ivy+chose+this+one");
    app.request(call_anonymous(HOST, "/api/reset_password", &body)).await.status
}

async fn audit_actions(test: &TestDb) -> Vec<String> {
    let schema = test.schema_of("alpha").await;
    sqlx::query_scalar(&format!("select action from {schema}.audit_events order by audit_event_id"))
        .fetch_all(&mut test.raw().await)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invited_person_is_listed_as_invited_until_they_choose_a_password() {
    let (test, ivy) = firm_with_admin().await;
    let app = app_with_smtp(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let before = mail_sink().messages_to(&ivy).len();

    let invited = app.request(call(HOST, "/api/invite_person", &invite_body(&ivy), &admin)).await;
    let while_invited = listed(&app, &admin, &ivy).await.unwrap();
    let link = mail_sink().wait_for_link(&ivy, before).await;
    let chose = choose_password(&app, &link).await;
    let joined = listed(&app, &admin, &ivy).await.unwrap();

    assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
    assert_eq!(serde_json::from_str::<Value>(&invited.body).unwrap()["delivered"], true);
    assert!(while_invited["invitation"].get("Until").is_some(), "{while_invited}");
    assert_eq!(chose, StatusCode::OK);
    assert_eq!(joined["invitation"], Value::Null, "joined: {joined}");
    let page = app.get_with(HOST, "/people", &admin).await;
    assert!(page.body.contains("seats taken"), "the plan's seats are shown");
}

#[tokio::test]
async fn sending_again_ends_the_old_link_and_mails_a_new_one() {
    let (test, ivy) = firm_with_admin().await;
    let app = app_with_smtp(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let before = mail_sink().messages_to(&ivy).len();
    app.request(call(HOST, "/api/invite_person", &invite_body(&ivy), &admin)).await;
    let first = mail_sink().wait_for_link(&ivy, before).await;
    let id = listed(&app, &admin, &ivy).await.unwrap()["user_id"].clone();

    let resent = app.request(call(HOST, "/api/resend_invitation", &format!("user_id={id}"), &admin)).await;
    let second = mail_sink().wait_for_link(&ivy, before + 1).await;

    assert_eq!(resent.status, StatusCode::OK, "{}", resent.body);
    assert_ne!(first, second);
    assert_eq!(choose_password(&app, &first).await, StatusCode::UNPROCESSABLE_ENTITY, "the old link ended");
    assert_eq!(choose_password(&app, &second).await, StatusCode::OK);
    let again = app.request(call(HOST, "/api/resend_invitation", &format!("user_id={id}"), &admin)).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "joined: nothing to send again");
    let actions = audit_actions(&test).await;
    assert!(actions.contains(&"user.invitation_resent".to_owned()), "{actions:?}");
}

#[tokio::test]
async fn revoking_removes_the_person_ends_the_link_and_frees_the_address() {
    let (test, ivy) = firm_with_admin().await;
    let app = app_with_smtp(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let before = mail_sink().messages_to(&ivy).len();
    app.request(call(HOST, "/api/invite_person", &invite_body(&ivy), &admin)).await;
    let link = mail_sink().wait_for_link(&ivy, before).await;
    let id = listed(&app, &admin, &ivy).await.unwrap()["user_id"].clone();

    let revoked = app.request(call(HOST, "/api/revoke_invitation", &format!("user_id={id}"), &admin)).await;

    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    assert!(listed(&app, &admin, &ivy).await.is_none(), "gone from the list");
    assert_eq!(choose_password(&app, &link).await, StatusCode::UNPROCESSABLE_ENTITY, "the link ended with them");
    let invited_again = app.request(call(HOST, "/api/invite_person", &invite_body(&ivy), &admin)).await;
    assert_eq!(invited_again.status, StatusCode::OK, "the address is free: {}", invited_again.body);
    let actions = audit_actions(&test).await;
    assert!(actions.contains(&"user.invitation_revoked".to_owned()), "{actions:?}");
}

#[tokio::test]
async fn an_invited_person_the_firm_s_data_names_is_deactivated_instead_of_removed() {
    let (test, ivy) = firm_with_admin().await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    app.request(call(HOST, "/api/invite_person", &invite_body(&ivy), &admin)).await;
    let id = listed(&app, &admin, &ivy).await.unwrap()["user_id"].as_i64().unwrap();
    let schema = test.schema_of("alpha").await;
    sqlx::query(&format!("insert into {schema}.teams (name, manager_id) values ('Audit', $1)"))
        .bind(id)
        .execute(&mut test.raw().await)
        .await
        .unwrap();

    let revoked = app.request(call(HOST, "/api/revoke_invitation", &format!("user_id={id}"), &admin)).await;

    assert_eq!(revoked.status, StatusCode::OK, "{}", revoked.body);
    let person = listed(&app, &admin, &ivy).await.expect("kept: a team names them");
    assert_eq!((&person["active"], &person["invitation"]), (&Value::from(false), &Value::Null));
}

#[tokio::test]
async fn someone_who_joined_is_neither_resent_nor_revoked_and_only_administrators_may_try() {
    let (test, _) = firm_with_admin().await;
    let emma = test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let employee = app.sign_in(HOST, "emma@alpha.example", PASSWORD).await.unwrap();
    let body = format!("user_id={emma}");

    let resend = app.request(call(HOST, "/api/resend_invitation", &body, &admin)).await;
    let revoke = app.request(call(HOST, "/api/revoke_invitation", &body, &admin)).await;
    let by_employee = app.request(call(HOST, "/api/revoke_invitation", &body, &employee)).await;

    assert_eq!((resend.status, revoke.status), (StatusCode::CONFLICT, StatusCode::CONFLICT));
    assert_eq!(by_employee.body, "\"Forbidden\"");
    assert_eq!(listed(&app, &admin, "emma@alpha.example").await.unwrap()["active"], true, "untouched");
}

#[tokio::test]
async fn with_no_mail_server_the_administrator_is_told_the_invitation_was_not_sent() {
    let (test, ivy) = firm_with_admin().await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let invited = app.request(call(HOST, "/api/invite_person", &invite_body(&ivy), &admin)).await;

    assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
    assert_eq!(serde_json::from_str::<Value>(&invited.body).unwrap()["delivered"], false);
}
