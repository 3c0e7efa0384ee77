//! Forgotten passwords, end to end through a real SMTP server: the emailed
//! link works once, sets a new password and ends the person's other
//! sessions; an unknown email gets the same answer and no mail.

use crate::helpers::{PASSWORD, TestApp, call_anonymous, fresh_database, test_config};
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
    let link = mail_sink().wait_for_link(&email, before);
    assert!(link.starts_with("http://alpha.localhost/reset-password?token="), "{link}");
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
