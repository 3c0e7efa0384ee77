//! Signing in, as an attacker would probe it: no enumeration, sessions that
//! only count on their own firm's host, rotation, deactivation that bites at
//! once, and writes refused from other sites.

use crate::helpers::{PASSWORD, TestApp, call, call_anonymous, form_post, fresh_database};
use axum::body::Body;
use axum::http::{StatusCode, header};
use pespro::access::Role;

/// A sign-in form post from the hydrated page (it asks for JSON back).
fn sign_in_attempt(host: &str, email: &str, password: &str) -> axum::http::Request<Body> {
    call_anonymous(host, "/api/sign_in", &format!("email={email}&password={password}"))
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;

    let wrong_password = app.request(sign_in_attempt("alpha.localhost", "ada@alpha.example", "not-the-password")).await;
    let unknown_email =
        app.request(sign_in_attempt("alpha.localhost", "nobody@alpha.example", "not-the-password")).await;

    assert_eq!(wrong_password.status, unknown_email.status);
    assert_eq!(wrong_password.body, unknown_email.body);
    assert!(wrong_password.body.contains("don't match an account"), "{}", wrong_password.body);
    assert!(!wrong_password.headers.contains_key(header::SET_COOKIE), "no session for a failed attempt");
}

#[tokio::test]
async fn a_person_of_one_firm_cannot_sign_in_on_another_firms_host() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_firm("beta").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;

    let refused =
        app.request(sign_in_attempt("beta.localhost", "ada@alpha.example", &PASSWORD.replace(' ', "+"))).await;

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("don't match an account"), "{}", refused.body);
    assert!(!refused.headers.contains_key(header::SET_COOKIE));
}

#[tokio::test]
async fn the_session_cookie_is_host_only_http_only_and_same_site_lax() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;

    let response = app
        .request(
            form_post("alpha.localhost", "/api/sign_in", None)
                .header(header::ACCEPT, "text/html")
                .body(Body::from(format!("email=ada%40alpha.example&password={}", PASSWORD.replace(' ', "+"))))
                .unwrap(),
        )
        .await;

    let cookie = response.headers[header::SET_COOKIE].to_str().unwrap().to_lowercase();
    assert!(cookie.starts_with("pespro_session="), "{cookie}");
    assert!(cookie.contains("httponly") && cookie.contains("samesite=lax"), "{cookie}");
    assert!(!cookie.contains("domain="), "a Domain attribute would share it with other hosts: {cookie}");
    assert!(!cookie.contains("secure"), "plain-HTTP development has no Secure flag: {cookie}");
}

#[tokio::test]
async fn a_session_from_one_firm_replayed_on_another_firms_host_counts_as_signed_out() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_firm("beta").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test.create_person("beta", "bob@beta.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let alpha_cookie = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let replayed = app.get_with("beta.localhost", "/", &alpha_cookie).await;
    let listed = app
        .request(
            form_post("beta.localhost", "/api/list_clients", Some(&alpha_cookie))
                .header(header::ACCEPT, "application/json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(replayed.status, StatusCode::FOUND);
    assert_eq!(replayed.headers[header::LOCATION], "/sign-in");
    assert_eq!(listed.body, "\"Unauthenticated\"");
    let still_valid_at_home = app.get_with("alpha.localhost", "/", &alpha_cookie).await;
    assert_eq!(still_valid_at_home.status, StatusCode::OK);
}

#[tokio::test]
async fn signing_in_again_issues_a_new_session_id() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let first = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let body = format!("email=ada%40alpha.example&password={}", PASSWORD.replace(' ', "+"));
    let again = app
        .request(
            form_post("alpha.localhost", "/api/sign_in", Some(&first))
                .header(header::ACCEPT, "text/html")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;

    let second = again.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    assert_ne!(first, second);
    assert_eq!(app.get_with("alpha.localhost", "/", &first).await.status, StatusCode::FOUND, "the old id is dead");
}

/// Deactivated behind the server's back (psql, a script): the process hears
/// of it by notification (`firm_data`), so the session ends within that
/// trip, not at a set moment. Through the server it ends at once
/// (`people.rs`, `people_cache.rs`).
#[tokio::test]
async fn a_deactivated_persons_session_ends_once_the_server_hears_of_it() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let user_id = test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let cookie = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    assert_eq!(app.get_with("alpha.localhost", "/", &cookie).await.status, StatusCode::OK);

    let schema = test.schema_of("alpha").await;
    sqlx::query(&format!("update {schema}.users set active = false where user_id = $1"))
        .bind(user_id)
        .execute(&mut test.raw().await)
        .await
        .unwrap();

    let mut status = StatusCode::OK;
    for _ in 0..100 {
        status = app.get_with("alpha.localhost", "/", &cookie).await.status;
        if status == StatusCode::FOUND {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(status, StatusCode::FOUND, "the session outlived the deactivation");
    assert!(app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.is_err());
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let cookie = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let out = app
        .request(
            form_post("alpha.localhost", "/api/sign_out", Some(&cookie))
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(out.headers[header::LOCATION], "/sign-in");
    assert_eq!(app.get_with("alpha.localhost", "/", &cookie).await.status, StatusCode::FOUND);
}

#[tokio::test]
async fn a_write_from_another_site_or_with_no_origin_is_refused() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let cookie = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let attempt = |origin: Option<&str>| {
        let mut builder = axum::http::Request::post("/api/create_client")
            .header("host", "alpha.localhost")
            .header("cookie", &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(origin) = origin {
            builder = builder.header(header::ORIGIN, origin);
        }
        builder.body(Body::from("name=Forged")).unwrap()
    };

    let foreign = app.request(attempt(Some("http://evil.example"))).await;
    let sibling = app.request(attempt(Some("http://beta.localhost"))).await;
    let none = app.request(attempt(None)).await;

    for response in [foreign, sibling, none] {
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{}", response.body);
    }
}

#[tokio::test]
async fn after_five_failures_even_the_right_password_must_wait() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    for _ in 0..5 {
        app.request(sign_in_attempt("alpha.localhost", "ada@alpha.example", "guess")).await;
    }

    let refused =
        app.request(sign_in_attempt("alpha.localhost", "ada@alpha.example", &PASSWORD.replace(' ', "+"))).await;

    assert!(refused.body.contains("Too many sign-in attempts. Try again in 15 minutes."), "{}", refused.body);
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!refused.headers.contains_key(header::SET_COOKIE));
}

#[tokio::test]
async fn unknown_emails_are_throttled_exactly_like_real_ones() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let mut answers = Vec::new();

    for email in ["ada@alpha.example", "nobody@alpha.example"] {
        for _ in 0..6 {
            answers.push((email, app.request(sign_in_attempt("alpha.localhost", email, "guess")).await.body));
        }
    }

    let (real, unknown) = answers.split_at(6);
    for ((_, a), (_, b)) in real.iter().zip(unknown) {
        assert_eq!(a, b);
    }
    assert!(real[5].1.contains("Too many"), "{}", real[5].1);
}

#[tokio::test]
async fn a_successful_sign_in_clears_the_accounts_failures() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    for _ in 0..4 {
        app.request(sign_in_attempt("alpha.localhost", "ada@alpha.example", "guess")).await;
    }
    app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    for _ in 0..4 {
        app.request(sign_in_attempt("alpha.localhost", "ada@alpha.example", "guess")).await;
    }

    assert!(app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.is_ok(), "4 + 4 failures, not 8");
}

#[tokio::test]
async fn the_same_email_at_another_firm_has_its_own_count() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_firm("beta").await;
    test.create_person("beta", "ada@shared.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    for _ in 0..6 {
        app.request(sign_in_attempt("alpha.localhost", "ada@shared.example", "guess")).await;
    }

    assert!(app.sign_in("beta.localhost", "ada@shared.example", PASSWORD).await.is_ok());
}

fn change_password(cookie: &str, current: &str, new: &str) -> axum::http::Request<Body> {
    let body = format!("current_password={current}&new_password={new}");
    call("alpha.localhost", "/api/change_password", &body, cookie)
}

#[tokio::test]
async fn changing_ones_password_keeps_this_session_and_ends_every_other() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let laptop = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let phone = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let changed = app.request(change_password(&laptop, &PASSWORD.replace(' ', "+"), "an+even+longer+passphrase")).await;

    assert_eq!(changed.body, "null", "{}", changed.body);
    let rotated = changed.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    assert_eq!(app.get_with("alpha.localhost", "/", &rotated).await.status, StatusCode::OK, "this session continues");
    assert_eq!(app.get_with("alpha.localhost", "/", &phone).await.status, StatusCode::FOUND, "the other one ended");
    assert!(app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.is_err());
    assert!(app.sign_in("alpha.localhost", "ada@alpha.example", "an even longer passphrase").await.is_ok());
}

#[tokio::test]
async fn a_wrong_current_password_or_a_weak_new_one_changes_nothing() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let cookie = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let wrong = app.request(change_password(&cookie, "nope", "an+even+longer+passphrase")).await;
    let weak = app.request(change_password(&cookie, &PASSWORD.replace(' ', "+"), "short")).await;

    let wrong: app::error::AppError = serde_json::from_str(&wrong.body).unwrap();
    let weak: app::error::AppError = serde_json::from_str(&weak.body).unwrap();
    assert_eq!(wrong.for_field("current_password").as_deref(), Some("your current password isn't right"));
    assert_eq!(weak.for_field("new_password").as_deref(), Some("use at least 10 characters"));
    assert!(app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.is_ok());
}
