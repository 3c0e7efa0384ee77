//! A TOTP-verified staff member acts as a firm's person for support: only
//! with a reason, through a single-use one-minute grant redeemed on that
//! firm's host, with a banner on every page, without the power to change
//! people or sign-in settings, for a limited time — and both the firm's and
//! the platform's audit trails record start and end.

use crate::helpers::{PASSWORD, Response, TestApp, TestDb, call, fresh_database, location, set_cookie, test_config};
use crate::staff::{ADMIN, STAFF_EMAIL, STAFF_NAME, enrolled_staff_session, post};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use pespro::access::Role;
use pespro::audit::{AuditAction, AuditPage};
use std::net::SocketAddr;
use std::time::Duration;

/// Asks the console to impersonate `user_id` of `slug`; the response
/// redirects to the firm's host when the grant was issued.
pub(crate) async fn start(app: &TestApp, staff: &str, slug: &str, user_id: i64, reason: &str) -> Response {
    let body = format!("user_id={user_id}&reason={}", crate::helpers::form_encode(reason));
    post(app, &format!("/firms/{slug}/impersonate"), &body, Some(staff)).await
}

/// The token of a grant, from the console's redirect.
pub(crate) fn token_of(response: &Response) -> String {
    let target = location(response);
    assert!(target.contains("/impersonate?token="), "{response:?}");
    target.split("token=").nth(1).unwrap().to_owned()
}

/// Follows the console's link on `host`, from the support desk's address.
pub(crate) async fn redeem(app: &TestApp, host: &str, token: &str, cookie: Option<&str>) -> Response {
    let mut request = Request::get(format!("/impersonate?token={token}")).header("host", host);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let mut request = request.body(Body::empty()).unwrap();
    request.extensions_mut().insert(ConnectInfo(SocketAddr::from(([203, 0, 113, 9], 5555))));
    app.request(request).await
}

pub(crate) struct Firm {
    pub admin: i64,
    pub employee: i64,
}

async fn firm_with_people(test: &TestDb, slug: &str) -> Firm {
    test.create_firm(slug).await;
    let admin = test.create_person(slug, &format!("ada@{slug}.example"), Role::Admin).await;
    let employee = test.create_person(slug, &format!("emil@{slug}.example"), Role::Employee).await;
    Firm { admin, employee }
}

/// A firm, a staff member signed in to the console, and the application.
pub(crate) async fn setup() -> (TestDb, TestApp, Firm, String) {
    let test = fresh_database().await;
    let firm = firm_with_people(&test, "alpha").await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let (staff, _) = enrolled_staff_session(&app).await;
    (test, app, firm, staff)
}

#[tokio::test]
async fn the_console_lists_a_firms_people_read_from_the_firm() {
    let (_test, app, _firm, staff) = setup().await;

    let page = app.get_with(ADMIN, "/firms/alpha", &staff).await;

    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("ada@alpha.example") && page.body.contains("emil@alpha.example"), "{}", page.body);
    assert!(page.body.contains("Impersonate Person emil@alpha.example"));
}

#[tokio::test]
async fn impersonation_requires_a_reason() {
    let (test, app, firm, staff) = setup().await;

    let response = start(&app, &staff, "alpha", firm.employee, "   ").await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("Say why you need to act as this person"), "{}", response.body);
    let grants: i64 = sqlx::query_scalar("select count(*) from platform.impersonation_grants")
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(grants, 0);
}

#[tokio::test]
async fn a_staff_member_acts_as_a_person_who_sees_the_banner_and_both_trails_record_start_and_end() {
    let (test, app, firm, staff) = setup().await;

    let started = start(&app, &staff, "alpha", firm.employee, "Ticket 4711: invoices missing").await;
    assert!(location(&started).starts_with("http://alpha.localhost/impersonate?token="), "{started:?}");
    let redeemed = redeem(&app, "alpha.localhost", &token_of(&started), None).await;
    assert_eq!((redeemed.status, location(&redeemed)), (StatusCode::SEE_OTHER, "/"));
    let cookie = set_cookie(&redeemed).expect("a firm session");
    let home = app.get_with("alpha.localhost", "/", &cookie).await;
    let ended = app
        .request(
            crate::helpers::form_post("alpha.localhost", "/impersonate/end", Some(&cookie))
                .body(Body::empty())
                .unwrap(),
        )
        .await;

    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("You are signed in as"), "{}", home.body);
    assert!(home.body.contains("Person emil@alpha.example") && home.body.contains(STAFF_NAME));
    assert!(home.body.contains("End impersonation"));
    assert_eq!(location(&ended), "http://admin.localhost/firms/alpha?ended");
    let back = app.get_with(ADMIN, "/firms/alpha?ended", &staff).await;
    assert!(back.body.contains("Impersonation ended"), "confirmed where the staff member lands: {}", back.body);
    assert_eq!(location(&app.get_with("alpha.localhost", "/", &cookie).await), "/sign-in", "the session ended");
    let platform: Vec<_> =
        test.platform_audit().await.into_iter().filter(|row| row.action.starts_with("staff.impersonation")).collect();
    let actions: Vec<&str> = platform.iter().map(|row| row.action.as_str()).collect();
    assert_eq!(actions, ["staff.impersonation.granted", "staff.impersonation.started", "staff.impersonation.ended"]);
    for row in &platform {
        assert_eq!((row.user_id, row.reason.as_str()), (Some(firm.employee), "Ticket 4711: invoices missing"));
        assert_eq!(row.actor_label, STAFF_EMAIL);
        assert!(row.tenant_id.is_some());
    }
    assert_eq!(platform[1].client_address.as_deref(), Some("203.0.113.9"), "redeemed from the support desk");
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let log: AuditPage =
        serde_json::from_str(&app.request(call("alpha.localhost", "/api/audit_log", "", &admin)).await.body).unwrap();
    let start_entry = log.events.iter().find(|e| e.action == AuditAction::ImpersonationStarted).expect("start");
    assert_eq!(start_entry.actor, "Staff: Sam Support");
    assert_eq!(start_entry.subject, "emil@alpha.example");
    assert_eq!(start_entry.detail, "Ticket 4711: invoices missing");
    assert_eq!(start_entry.client_address.as_deref(), Some("203.0.113.9"));
    assert!(log.events.iter().any(|e| e.action == AuditAction::ImpersonationEnded && e.actor == "Staff: Sam Support"));
    let audit_page = app.get_with("alpha.localhost", "/audit", &admin).await;
    assert!(audit_page.body.contains("Staff: Sam Support") && audit_page.body.contains("203.0.113.9"));
    assert!(audit_page.body.contains("Started acting as a person for support"));
}

#[tokio::test]
async fn a_grant_works_only_once() {
    let (_test, app, firm, staff) = setup().await;
    let token = token_of(&start(&app, &staff, "alpha", firm.employee, "checking a report").await);

    let first = redeem(&app, "alpha.localhost", &token, None).await;
    let second = redeem(&app, "alpha.localhost", &token, None).await;

    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(second.status, StatusCode::FORBIDDEN);
    assert!(set_cookie(&second).is_none());
}

#[tokio::test]
async fn an_expired_grant_is_refused() {
    let (test, app, firm, staff) = setup().await;
    let token = token_of(&start(&app, &staff, "alpha", firm.employee, "checking a report").await);
    sqlx::query("update platform.impersonation_grants set expires_at = now() - interval '1 second'")
        .execute(&mut test.raw().await)
        .await
        .unwrap();

    let response = redeem(&app, "alpha.localhost", &token, None).await;

    assert_eq!(response.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_grant_for_one_firm_is_refused_on_another_firms_host() {
    let (test, app, firm, staff) = setup().await;
    firm_with_people(&test, "beta").await;
    app.eventually("beta.localhost", StatusCode::OK).await;
    let token = token_of(&start(&app, &staff, "alpha", firm.employee, "checking a report").await);

    let elsewhere = redeem(&app, "beta.localhost", &token, None).await;

    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
    assert!(set_cookie(&elsewhere).is_none());
}

#[tokio::test]
async fn an_impersonated_admin_cannot_manage_people_sso_or_the_password() {
    let (_test, app, firm, staff) = setup().await;
    let token = token_of(&start(&app, &staff, "alpha", firm.admin, "admin cannot see a client").await);
    let cookie = set_cookie(&redeem(&app, "alpha.localhost", &token, None).await).unwrap();

    let role = app
        .request(call("alpha.localhost", "/api/change_role", &format!("user_id={}&role=admin", firm.employee), &cookie))
        .await;
    let password = app
        .request(call(
            "alpha.localhost",
            "/api/change_password",
            "current_password=x&new_password=a+brand+new+passphrase",
            &cookie,
        ))
        .await;
    let clients = app.request(call("alpha.localhost", "/api/create_client", "name=Acme", &cookie)).await;
    let sso_read = app.request(call("alpha.localhost", "/api/sso_settings", "", &cookie)).await;
    let sso_write = app
        .request(call(
            "alpha.localhost",
            "/api/save_sso_settings",
            &crate::sso::settings_body("https://idp.example", &[]),
            &cookie,
        ))
        .await;

    assert_eq!(role.body, "\"Forbidden\"");
    assert_eq!(password.body, "\"Forbidden\"");
    assert_eq!(sso_read.body, "\"Forbidden\"", "SSO settings are out of an impersonator's reach");
    assert_eq!(sso_write.body, "\"Forbidden\"");
    assert_eq!(clients.status, StatusCode::OK, "the rest of the role remains: {}", clients.body);
    assert!(!app.get_with("alpha.localhost", "/", &cookie).await.body.contains("href=\"/people\""));
}

#[tokio::test]
async fn an_impersonation_ends_by_itself_when_its_time_runs_out() {
    let test = fresh_database().await;
    let firm = firm_with_people(&test, "alpha").await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let mut config = test_config(false);
    config.impersonation_duration = Duration::ZERO;
    let app = TestApp::start_with(&test, config).await;
    let (staff, _) = enrolled_staff_session(&app).await;
    let token = token_of(&start(&app, &staff, "alpha", firm.employee, "checking a report").await);
    let cookie = set_cookie(&redeem(&app, "alpha.localhost", &token, None).await).unwrap();

    let next = app.get_with("alpha.localhost", "/", &cookie).await;

    assert_eq!(location(&next), "/sign-in");
    let actions: Vec<String> = test.platform_audit().await.into_iter().map(|r| r.action).collect();
    assert!(actions.contains(&"staff.impersonation.expired".to_owned()), "{actions:?}");
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let log: AuditPage =
        serde_json::from_str(&app.request(call("alpha.localhost", "/api/audit_log", "", &admin)).await.body).unwrap();
    let ended = log.events.iter().find(|e| e.action == AuditAction::ImpersonationEnded).expect("end audited");
    assert_eq!(ended.detail, "the time ran out");
}

#[tokio::test]
async fn a_staff_members_address_is_never_impersonated() {
    let (test, app, _firm, staff) = setup().await;
    let twin = test.create_person("alpha", STAFF_EMAIL, Role::Admin).await;

    let response = start(&app, &staff, "alpha", twin, "looks like a colleague").await;

    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(response.body.contains("staff are never impersonated"), "{}", response.body);
}

#[tokio::test]
async fn an_impersonation_cannot_start_from_a_session_that_is_already_impersonating() {
    let (test, app, firm, staff) = setup().await;
    let first = token_of(&start(&app, &staff, "alpha", firm.employee, "first ticket").await);
    let cookie = set_cookie(&redeem(&app, "alpha.localhost", &first, None).await).unwrap();
    let second = token_of(&start(&app, &staff, "alpha", firm.admin, "second ticket").await);

    let stacked = redeem(&app, "alpha.localhost", &second, Some(&cookie)).await;

    assert_eq!(stacked.status, StatusCode::CONFLICT);
    let unused: i64 = sqlx::query_scalar("select count(*) from platform.impersonation_grants where used_at is null")
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(unused, 1, "the second grant was not spent");
}
