//! Forgotten passwords, end to end through a real SMTP server: the emailed
//! link works once, sets a new password and ends the person's other
//! sessions; an unknown email gets the same answer and no mail, and so does
//! a fourth request within the hour.

use crate::helpers::{PASSWORD, TestApp, call, call_anonymous, fresh_database, test_config};
use crate::mail_sink::mail_sink;
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::mail::Mailer;

async fn app_with_smtp(test: &crate::helpers::TestDb) -> TestApp {
    let mut config = test_config(false);
    let smtp = format!("smtp://127.0.0.1:{}", mail_sink().port);
    config.mailer = Mailer::new(Some(&smtp), "/nonexistent".into(), "PesPro <no-reply@localhost>").unwrap();
    TestApp::start_with(test, config).await
}

#[tokio::test]
async fn an_emailed_link_sets_a_new_password_once_and_ends_other_sessions() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let email = format!("ada-{}@alpha.example", std::process::id());
    test.create_person("alpha", &email, Role::Admin).await;
    let app = app_with_smtp(&test).await;
    let old_session = app.sign_in("alpha.localhost", &email, PASSWORD).await.unwrap();
    let before = mail_sink().messages_to(&email).len();

    let asked = app
        .request(call_anonymous(
            "alpha.localhost",
            "/api/request_password_reset",
            &format!("email={}", email.replace('@', "%40")),
        ))
        .await;
    assert_eq!(asked.body, "null");
    let link = mail_sink().wait_for_link(&email, before).await;
    assert!(link.starts_with("http://alpha.localhost:3000/reset-password?token="), "{link}");
    let token = link.split("token=").nth(1).unwrap();

    let reset = app
        .request(call_anonymous(
            "alpha.localhost",
            "/api/reset_password",
            &format!("token={token}&new_password=a+brand+new+passphrase"),
        ))
        .await;
    let again = app
        .request(call_anonymous(
            "alpha.localhost",
            "/api/reset_password",
            &format!("token={token}&new_password=another+new+passphrase"),
        ))
        .await;

    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert!(again.body.contains("expired or was already used"), "{}", again.body);
    assert!(app.sign_in("alpha.localhost", &email, "a brand new passphrase").await.is_ok());
    assert!(app.sign_in("alpha.localhost", &email, PASSWORD).await.is_err());
    assert_eq!(app.get_with("alpha.localhost", "/", &old_session).await.status, StatusCode::FOUND);
}

#[tokio::test]
async fn a_fourth_request_within_the_hour_gets_the_same_answer_and_no_mail() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let email = format!("flood-{}@alpha.example", std::process::id());
    test.create_person("alpha", &email, Role::Employee).await;
    let app = app_with_smtp(&test).await;
    let ask = || {
        call_anonymous(
            "alpha.localhost",
            "/api/request_password_reset",
            &format!("email={}", email.replace('@', "%40")),
        )
    };

    let mut answers = Vec::new();
    for _ in 0..4 {
        answers.push(app.request(ask()).await.body);
    }

    assert_eq!(answers, ["null"; 4], "the same answer every time");
    mail_sink().wait_for_link(&email, 2).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(mail_sink().messages_to(&email).len(), 3, "three links, not four");
}

#[tokio::test]
async fn an_unknown_email_gets_the_same_answer_and_no_mail() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = app_with_smtp(&test).await;
    let email = format!("nobody-{}@alpha.example", std::process::id());

    let asked = app
        .request(call_anonymous(
            "alpha.localhost",
            "/api/request_password_reset",
            &format!("email={}", email.replace('@', "%40")),
        ))
        .await;

    assert_eq!(asked.body, "null");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(mail_sink().messages_to(&email).is_empty());
}

#[tokio::test]
async fn a_made_up_token_sets_nothing() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = app_with_smtp(&test).await;

    let response = app
        .request(call_anonymous(
            "alpha.localhost",
            "/api/reset_password",
            "token=00ff&new_password=a+brand+new+passphrase",
        ))
        .await;

    assert!(response.body.contains("expired or was already used"), "{}", response.body);
}

#[tokio::test]
async fn an_invited_person_chooses_a_password_from_the_emailed_link_and_signs_in() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = app_with_smtp(&test).await;
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let invitee = format!("ivy-{}@alpha.example", std::process::id());
    let before = mail_sink().messages_to(&invitee).len();
    let body = format!("email={}&display_name=Ivy+Invited&role=manager", invitee.replace('@', "%40"));

    let invited = app.request(call("alpha.localhost", "/api/invite_person", &body, &admin)).await;
    let twice = app.request(call("alpha.localhost", "/api/invite_person", &body, &admin)).await;

    assert!(invited.body.contains("\"active\":true"), "{}", invited.body);
    assert!(twice.body.contains("already uses"), "{}", twice.body);
    assert!(app.sign_in("alpha.localhost", &invitee, "").await.is_err(), "no password until they choose one");
    let link = mail_sink().wait_for_link(&invitee, before).await;
    let token = link.split("token=").nth(1).unwrap();
    let chosen = app
        .request(call_anonymous(
            "alpha.localhost",
            "/api/reset_password",
            &format!("token={token}&new_password=ivy+chose+this+one"),
        ))
        .await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);
    let ivy =
        app.sign_in("alpha.localhost", &invitee, "ivy chose this one").await.expect("the invited person signs in");
    let page = app.get_with("alpha.localhost", "/", &ivy).await;
    assert!(page.body.contains("Add a client"), "invited as a manager");
}

#[tokio::test]
async fn only_administrators_may_invite() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let app = app_with_smtp(&test).await;
    let manager = app.sign_in("alpha.localhost", "mia@alpha.example", PASSWORD).await.unwrap();

    let response = app
        .request(call(
            "alpha.localhost",
            "/api/invite_person",
            "email=x%40alpha.example&display_name=X&role=admin",
            &manager,
        ))
        .await;

    assert_eq!(response.body, "\"Forbidden\"");
}
