//! Reset links as an attacker would try them: their address comes from the
//! configuration, not from the request's `Host`; an older link dies once
//! the password changes; and asking costs the same time whether or not the
//! account exists, even when mail is slow.

use crate::helpers::{PASSWORD, TestApp, TestDb, call_anonymous, form_encode, fresh_database, test_config};
use crate::mail_sink::mail_sink;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use pespro::access::Role;
use pespro::mail::Mailer;
use std::time::{Duration, Instant};

async fn app_with_smtp(test: &TestDb, smtp: &str) -> TestApp {
    let mut config = test_config(false);
    config.mailer = Mailer::new(Some(smtp), "/nonexistent".into(), "PesPro <no-reply@localhost>").unwrap();
    TestApp::start_with(test, config).await
}

/// "Forgot your password?", from a page of `host` (which may name a port).
fn ask_for_reset(host: &str, email: &str) -> Request<Body> {
    call_anonymous(host, "/api/request_password_reset", &format!("email={}", form_encode(email)))
}

#[tokio::test]
async fn the_link_names_the_firms_own_host_and_configured_port_not_the_requests() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let email = format!("port-{}@alpha.example", std::process::id());
    test.create_person("alpha", &email, Role::Employee).await;
    let app = app_with_smtp(&test, &format!("smtp://127.0.0.1:{}", mail_sink().port)).await;
    let before = mail_sink().messages_to(&email).len();

    let asked = app.request(ask_for_reset("alpha.localhost:6666", &email)).await;

    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    let link = mail_sink().wait_for_link(&email, before).await;
    assert!(link.starts_with("http://alpha.localhost:3000/reset-password?token="), "{link}");
}

#[tokio::test]
async fn an_older_link_dies_once_the_password_has_changed() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let email = format!("twice-{}@alpha.example", std::process::id());
    test.create_person("alpha", &email, Role::Employee).await;
    let app = app_with_smtp(&test, &format!("smtp://127.0.0.1:{}", mail_sink().port)).await;
    let before = mail_sink().messages_to(&email).len();
    app.request(ask_for_reset("alpha.localhost", &email)).await;
    let first = mail_sink().wait_for_link(&email, before).await;
    app.request(ask_for_reset("alpha.localhost", &email)).await;
    let second = mail_sink().wait_for_link(&email, before + 1).await;
    let reset = |link: &str, password: &str| {
        let token = link.split("token=").nth(1).unwrap().to_owned();
        let body = format!("token={token}&new_password={}", form_encode(password));
        call_anonymous("alpha.localhost", "/api/reset_password", &body)
    };

    let used = app.request(reset(&second, "the second link's passphrase")).await;
    let older = app.request(reset(&first, "the first link's passphrase")).await;

    assert_eq!(used.status, StatusCode::OK, "{}", used.body);
    assert!(older.body.contains("expired or was already used"), "{}", older.body);
    assert!(app.sign_in("alpha.localhost", &email, "the second link's passphrase").await.is_ok());
    assert!(app.sign_in("alpha.localhost", &email, PASSWORD).await.is_err());
}

/// A mail server that accepts connections and never says a word.
async fn silent_smtp() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    port
}

#[tokio::test]
async fn a_real_account_is_answered_as_fast_as_an_unknown_one_even_when_mail_is_slow() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = app_with_smtp(&test, &format!("smtp://127.0.0.1:{}", silent_smtp().await)).await;

    let started = Instant::now();
    let real = app.request(ask_for_reset("alpha.localhost", "ada@alpha.example")).await;
    let real_took = started.elapsed();
    let unknown = app.request(ask_for_reset("alpha.localhost", "nobody@alpha.example")).await;

    assert_eq!((real.status, real.body.as_str()), (unknown.status, unknown.body.as_str()));
    // Before, the answer waited for the mail server (here: forever, until
    // the mailer's own timeout), which told a real account from a made-up one.
    assert!(real_took < Duration::from_secs(3), "the answer waited {real_took:?} for the mail server");
}
