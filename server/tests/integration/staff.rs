//! Platform staff sign in on the admin host only, and only with a password
//! *and* a TOTP code; their sessions mean nothing on a firm's host, and a
//! firm's session means nothing on the admin host.

use crate::helpers::{
    PASSWORD, Response, TestApp, call_anonymous, form_encode, form_post, fresh_database, location, set_cookie,
};
use axum::body::Body;
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::staff::totp::{TotpSecret, code_for_step, step_at};

pub const ADMIN: &str = "admin.localhost";
pub const STAFF_EMAIL: &str = "sam@pespro.example";
pub const STAFF_NAME: &str = "Sam Support";

fn now_step() -> u64 {
    step_at(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs())
}

/// A form post to the console, as its own page would send it.
pub async fn post(app: &TestApp, path: &str, body: &str, cookie: Option<&str>) -> Response {
    app.request(form_post(ADMIN, path, cookie).header("accept", "text/html").body(Body::from(body.to_owned())).unwrap())
        .await
}

/// The password step; returns the response and the session cookie it set.
pub async fn password_step(app: &TestApp, email: &str, password: &str) -> (Response, Option<String>) {
    let body = format!("email={}&password={}", form_encode(email), form_encode(password));
    let response = post(app, "/sign-in", &body, None).await;
    let cookie = set_cookie(&response);
    (response, cookie)
}

/// The key the enrolment page shows.
pub fn shown_secret(page: &str) -> TotpSecret {
    let start = page.find("data-testid=\"totp-secret\">").expect("the page shows a key") + 26;
    let end = start + page[start..].find('<').unwrap();
    TotpSecret::from_base32(&page[start..end]).expect("a base32 key")
}

/// Types a code on the TOTP page; returns the response and the cookie to use next.
pub async fn code_step(app: &TestApp, cookie: &str, code: &str) -> (Response, String) {
    let response = post(app, "/totp", &format!("code={code}"), Some(cookie)).await;
    let next = set_cookie(&response).unwrap_or_else(|| cookie.to_owned());
    (response, next)
}

/// A staff member signed in from scratch: password, enrolment with the
/// current step's code. Returns the verified session cookie and the key.
pub async fn enrolled_staff_session(app: &TestApp) -> (String, TotpSecret) {
    let (response, cookie) = password_step(app, STAFF_EMAIL, PASSWORD).await;
    assert_eq!(location(&response), "/totp", "{response:?}");
    let cookie = cookie.unwrap();
    let page = app.get_with(ADMIN, "/totp", &cookie).await;
    let secret = shown_secret(&page.body);
    let (response, cookie) = code_step(app, &cookie, &code_for_step(&secret, now_step())).await;
    assert_eq!(location(&response), "/", "{}", response.body);
    (cookie, secret)
}

#[tokio::test]
async fn a_staff_member_sets_up_totp_at_the_first_sign_in_and_then_sees_the_firms() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let (response, cookie) = password_step(&app, STAFF_EMAIL, PASSWORD).await;
    let cookie = cookie.expect("a session starts");
    assert_eq!((response.status, location(&response)), (StatusCode::SEE_OTHER, "/totp"));

    let enrolment = app.get_with(ADMIN, "/totp", &cookie).await;
    let secret = shown_secret(&enrolment.body);
    assert_eq!(shown_secret(&app.get_with(ADMIN, "/totp", &cookie).await.body), secret, "same key on reload");
    assert!(enrolment.body.contains("<svg"), "a QR code is drawn");
    let (confirmed, cookie) = code_step(&app, &cookie, &code_for_step(&secret, now_step())).await;
    let firms = app.get_with(ADMIN, "/firms", &cookie).await;

    assert_eq!(location(&confirmed), "/");
    assert_eq!(firms.status, StatusCode::OK);
    assert!(firms.body.contains("Firm alpha") && firms.body.contains(STAFF_NAME), "{}", firms.body);
    assert!(!firms.body.contains(&secret.to_base32()), "the key is never shown again");
    let stored: Vec<u8> =
        sqlx::query_scalar("select totp_secret from platform.staff").fetch_one(&mut test.raw().await).await.unwrap();
    let key = secret.as_bytes();
    assert!(!stored.windows(key.len()).any(|w| w == key), "the key is sealed at rest, not stored raw");
    assert!(!stored.windows(16).any(|w| secret.to_base32().as_bytes().starts_with(w)), "nor as base32 text");
    let actions: Vec<String> = test.platform_audit().await.into_iter().map(|row| row.action).collect();
    assert_eq!(actions, ["staff.totp.enrolled", "staff.sign_in.succeeded"]);
}

#[tokio::test]
async fn a_password_alone_never_opens_the_console_and_a_wrong_code_is_refused() {
    let test = fresh_database().await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let (cookie, secret) = enrolled_staff_session(&app).await;
    post(&app, "/sign-out", "", Some(&cookie)).await;
    let (_, cookie) = password_step(&app, STAFF_EMAIL, PASSWORD).await;
    let cookie = cookie.unwrap();

    let before_code = app.get_with(ADMIN, "/firms", &cookie).await;
    let code_page = app.get_with(ADMIN, "/totp", &cookie).await;
    let wrong = code_for_step(&secret, now_step() + 5);
    let (refused, cookie) = code_step(&app, &cookie, &wrong).await;

    assert_eq!(location(&before_code), "/totp");
    assert!(!code_page.body.contains("totp-secret"), "an enrolled account is never shown its key");
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("or was already used"), "{}", refused.body);
    assert_eq!(location(&app.get_with(ADMIN, "/firms", &cookie).await), "/totp");
    assert!(test.platform_audit().await.iter().any(|row| row.action == "staff.totp.failed"));
}

#[tokio::test]
async fn a_code_is_accepted_once_and_never_again() {
    let test = fresh_database().await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let (_, secret) = enrolled_staff_session(&app).await;
    // The enrolment used the current step; the next step's code is inside
    // the window and not yet used.
    let next_code = code_for_step(&secret, now_step() + 1);
    let (_, first) = password_step(&app, STAFF_EMAIL, PASSWORD).await;
    let (accepted, _) = code_step(&app, &first.unwrap(), &next_code).await;
    let (_, second) = password_step(&app, STAFF_EMAIL, PASSWORD).await;

    let (replayed, _) = code_step(&app, &second.unwrap(), &next_code).await;

    assert_eq!(location(&accepted), "/");
    assert_eq!(replayed.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_wrong_password_gets_no_session_and_repeated_failures_are_throttled() {
    let test = fresh_database().await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;

    let (wrong, cookie) = password_step(&app, STAFF_EMAIL, "not the password").await;
    for _ in 0..4 {
        password_step(&app, STAFF_EMAIL, "not the password").await;
    }
    let (throttled, _) = password_step(&app, STAFF_EMAIL, PASSWORD).await;

    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(cookie.is_none(), "no session for a failed attempt");
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.body.contains("Too many sign-in attempts"), "{}", throttled.body);
    let failures = test.platform_audit().await.into_iter().filter(|r| r.action == "staff.sign_in.failed").count();
    assert_eq!(failures, 5);
}

#[tokio::test]
async fn there_is_no_staff_sign_in_on_a_firms_host() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let body = format!("email={}&password={}", form_encode(STAFF_EMAIL), form_encode(PASSWORD));

    let as_person = app.request(call_anonymous("alpha.localhost", "/api/sign_in", &body)).await;
    let console_page = app.get("alpha.localhost", "/firms").await;

    assert!(as_person.body.contains("don't match an account"), "{}", as_person.body);
    assert_eq!(console_page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_staff_session_replayed_on_a_firms_host_is_nobody_there_and_is_ended() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let (staff_cookie, _) = enrolled_staff_session(&app).await;

    let replayed = app.get_with("alpha.localhost", "/", &staff_cookie).await;

    assert_eq!((replayed.status, location(&replayed)), (StatusCode::FOUND, "/sign-in"));
    let back_on_console = app.get_with(ADMIN, "/firms", &staff_cookie).await;
    assert_eq!(location(&back_on_console), "/sign-in", "a leaked staff session is ended, not just ignored");
}

#[tokio::test]
async fn a_firms_session_replayed_on_the_admin_host_gets_no_console() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let firm_cookie = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();

    let firms = app.get_with(ADMIN, "/firms", &firm_cookie).await;
    let home = app.get_with(ADMIN, "/", &firm_cookie).await;

    assert_eq!(location(&firms), "/sign-in");
    assert_eq!(location(&home), "/sign-in");
}

#[tokio::test]
async fn a_console_form_posted_from_another_site_is_refused() {
    let test = fresh_database().await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let body = format!("email={}&password={}", form_encode(STAFF_EMAIL), form_encode(PASSWORD));

    let response = app
        .request(
            axum::http::Request::post("/sign-in")
                .header("host", ADMIN)
                .header("origin", "http://evil.example")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;

    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(set_cookie(&response).is_none());
}

#[tokio::test]
async fn an_operator_resets_a_lost_authenticator_and_the_next_sign_in_enrols_anew() {
    let test = fresh_database().await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let (_, old_secret) = enrolled_staff_session(&app).await;
    let email = pespro::email::EmailAddress::parse(STAFF_EMAIL).unwrap();

    let reset = pespro::staff::reset_totp(&test.db, &email).await.unwrap();
    let (_, cookie) = password_step(&app, STAFF_EMAIL, PASSWORD).await;
    let page = app.get_with(ADMIN, "/totp", &cookie.unwrap()).await;

    assert!(reset);
    let new_secret = shown_secret(&page.body);
    assert_ne!(new_secret.to_base32(), old_secret.to_base32(), "a new key is shown for enrolment");
    let unknown = pespro::email::EmailAddress::parse("nobody@pespro.example").unwrap();
    assert!(!pespro::staff::reset_totp(&test.db, &unknown).await.unwrap());
}
