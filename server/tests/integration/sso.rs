//! Per-firm single sign-on, end to end against a real OpenID provider
//! (oidc-provider on loopback): settings saved through the admin's server
//! function, people sent to the provider's login page and back, created
//! just in time, reused, refused for the right reasons.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database, test_config};
use crate::oidc_provider::{CLIENT_ID, CLIENT_SECRET, provider};
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::sso::InternalAllowList;

pub const HOST: &str = "alpha.localhost";

/// The app as `serve` builds it, allowed to reach the loopback provider.
pub async fn sso_app(test: &TestDb) -> TestApp {
    let mut config = test_config(false);
    config.oidc_allow_internal = InternalAllowList::parse("127.0.0.1");
    TestApp::start_with(test, config).await
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The admin's form post, with `overrides` replacing the default fields.
pub fn settings_body(issuer: &str, overrides: &[(&str, &str)]) -> String {
    let mut fields = vec![
        ("provider_name", "Example ID"),
        ("issuer_url", issuer),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("allowed_domains", "alpha.example"),
        ("default_role", "employee"),
        ("break_glass_email", ""),
    ];
    for (key, value) in overrides {
        match fields.iter_mut().find(|(k, _)| k == key) {
            Some(field) => field.1 = value,
            None => fields.push((key, value)),
        }
    }
    fields.iter().map(|(k, v)| format!("form%5B{k}%5D={}", encode(v))).collect::<Vec<_>>().join("&")
}

/// A firm `alpha` whose admin connected the run's provider.
pub async fn firm_with_sso(overrides: &[(&str, &str)]) -> (TestDb, TestApp, String) {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = sso_app(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let saved =
        app.request(call(HOST, "/api/save_sso_settings", &settings_body(&provider().issuer, overrides), &admin)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    (test, app, admin)
}

fn cookie_of(response: &crate::helpers::Response) -> Option<String> {
    let header = response.headers.get("set-cookie")?.to_str().ok()?;
    Some(header.split(';').next()?.to_owned())
}

/// Clicks "Sign in with …", logs in at the provider as `login` (or cancels),
/// and follows the provider back. Returns the callback's response and the
/// session cookie the browser holds afterwards.
pub async fn sso_sign_in(app: &TestApp, login: Option<&str>) -> (crate::helpers::Response, String) {
    let start = app.get(HOST, "/sso/start").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
    let authorize = start.headers["location"].to_str().unwrap().to_owned();
    assert!(authorize.starts_with(&provider().issuer), "sent to the provider: {authorize}");
    assert!(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce="), "{authorize}");
    let cookie = cookie_of(&start).expect("the attempt is kept in a session");
    let back = provider().log_in(&authorize, login).await;
    let path = back.strip_prefix(&format!("http://{HOST}")).expect("back to this firm's callback");
    let done = app.get_with(HOST, path, &cookie).await;
    let cookie = cookie_of(&done).unwrap_or(cookie);
    (done, cookie)
}

async fn user_count(test: &TestDb, email: &str) -> i64 {
    let schema = test.schema_of("alpha").await;
    let mut conn = test.raw().await;
    sqlx::query_scalar(&format!("select count(*) from {schema}.users where lower(email) = lower($1)"))
        .bind(email)
        .fetch_one(&mut conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_first_sign_in_creates_the_person_and_the_next_one_reuses_them() {
    let (test, app, _) = firm_with_sso(&[("default_role", "manager")]).await;

    let (first, cookie) = sso_sign_in(&app, Some("grace@alpha.example")).await;
    let (second, _) = sso_sign_in(&app, Some("grace@alpha.example")).await;

    assert_eq!(first.headers["location"], "/", "{}", first.body);
    assert_eq!(second.headers["location"], "/");
    assert_eq!(user_count(&test, "grace@alpha.example").await, 1, "created once, then reused");
    let home = app.get_with(HOST, "/", &cookie).await;
    assert!(home.body.contains("Grace"), "signed in as the new person");
    assert!(home.body.contains("Add a client"), "with the firm's default role for new people (manager)");
    let audit = app.get_with(HOST, "/audit", &app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap()).await;
    assert!(audit.body.contains("single sign-on (account created)"), "{}", audit.body);
}

#[tokio::test]
async fn an_existing_password_account_is_linked_when_the_provider_vouches_for_its_email() {
    let (test, app, _) = firm_with_sso(&[]).await;
    test.create_person("alpha", "lin@alpha.example", Role::Employee).await;

    let (done, cookie) = sso_sign_in(&app, Some("lin@alpha.example")).await;

    assert_eq!(done.headers["location"], "/");
    assert_eq!(user_count(&test, "lin@alpha.example").await, 1, "no second account");
    assert!(app.get_with(HOST, "/", &cookie).await.body.contains("Person lin@alpha.example"));
}

#[tokio::test]
async fn a_person_from_a_domain_the_firm_does_not_allow_is_refused() {
    let (test, app, _) = firm_with_sso(&[]).await;

    let (done, _) = sso_sign_in(&app, Some("mallory@elsewhere.example")).await;

    assert_eq!(done.headers["location"], "/sign-in?sso=domain");
    assert_eq!(user_count(&test, "mallory@elsewhere.example").await, 0);
    let page = app.get(HOST, "/sign-in?sso=domain").await;
    assert!(page.body.contains("not in a domain this firm allows"), "a human message on the sign-in page");
}

#[tokio::test]
async fn an_email_the_provider_has_not_verified_is_refused() {
    let (test, app, _) = firm_with_sso(&[]).await;

    let (done, _) = sso_sign_in(&app, Some("unverified.ivan@alpha.example")).await;

    assert_eq!(done.headers["location"], "/sign-in?sso=unverified");
    assert_eq!(user_count(&test, "unverified.ivan@alpha.example").await, 0);
}

#[tokio::test]
async fn cancelling_at_the_provider_ends_on_the_sign_in_page_with_a_message() {
    let (_test, app, _) = firm_with_sso(&[]).await;

    let (done, _) = sso_sign_in(&app, None).await;

    assert_eq!(done.headers["location"], "/sign-in?sso=cancelled");
}

#[tokio::test]
async fn a_callback_with_another_attempts_state_signs_nobody_in() {
    let (_test, app, _) = firm_with_sso(&[]).await;
    let start = app.get(HOST, "/sso/start").await;
    let cookie = cookie_of(&start).unwrap();

    let forged = app.get_with(HOST, "/sso/callback?code=stolen&state=guessed", &cookie).await;

    assert_eq!(forged.headers["location"], "/sign-in?sso=expired");
}

#[tokio::test]
async fn requiring_sso_refuses_passwords_except_for_the_break_glass_admin() {
    let (test, app, _) = firm_with_sso(&[("require_sso", "true"), ("break_glass_email", "ada@alpha.example")]).await;
    test.create_person("alpha", "bob@alpha.example", Role::Employee).await;

    let bob = app.sign_in(HOST, "bob@alpha.example", PASSWORD).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await;

    assert!(bob.unwrap_err().body.contains("This firm signs in with Example ID"));
    assert!(ada.is_ok(), "the break-glass admin still gets in with a password");
}

#[tokio::test]
async fn the_sign_in_page_offers_the_firms_provider_and_no_one_elses() {
    let (test, app, _) = firm_with_sso(&[]).await;
    test.create_firm("beta").await;

    let alpha = app.get(HOST, "/sign-in").await;
    let beta = app.eventually("beta.localhost", StatusCode::OK).await;

    assert!(alpha.body.contains("Sign in with Example ID"));
    assert!(!beta.body.contains("Sign in with"), "beta has no provider");
    let beta_start = app.get("beta.localhost", "/sso/start").await;
    assert_eq!(beta_start.headers["location"], "/sign-in?sso=not-configured");
}
