//! Finding a firm or a person from the console: firms by name, short name
//! or hostname; people by part of their email, in every firm, each read
//! through its own firm's transaction; signed-in staff only, and never on
//! a firm's host.

use crate::helpers::{TestApp, TestDb, fresh_database, location};
use crate::staff::{ADMIN, STAFF_EMAIL, STAFF_NAME, enrolled_staff_session};
use axum::http::StatusCode;
use pespro::access::Role;

async fn two_firms() -> TestDb {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_firm("beta").await;
    test.create_person("alpha", "casey@clientmail.example", Role::Employee).await;
    test.create_person("beta", "casey@clientmail.example", Role::Admin).await;
    test.create_person("beta", "bo@beta.example", Role::Manager).await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    test
}

#[tokio::test]
async fn a_person_is_found_by_email_in_every_firm_they_belong_to() {
    let test = two_firms().await;
    let app = TestApp::start(&test).await;
    let (cookie, _) = enrolled_staff_session(&app).await;

    let found = app.get_with(ADMIN, "/search?q=CASEY%40clientmail", &cookie).await;
    let nobody = app.get_with(ADMIN, "/search?q=nobody%40nowhere", &cookie).await;
    let short = app.get_with(ADMIN, "/search?q=ca", &cookie).await;
    let wildcard = app.get_with(ADMIN, "/search?q=%25%25%25", &cookie).await;

    assert_eq!(found.status, StatusCode::OK);
    let rows = found.body.matches("<td>casey@clientmail.example</td>").count();
    assert_eq!(rows, 2, "one row per firm: {}", found.body);
    assert!(found.body.contains("href=\"/firms/alpha\"") && found.body.contains("href=\"/firms/beta\""));
    assert!(!found.body.contains("bo@beta.example"), "only matching people are listed");
    assert!(nobody.body.contains("Nobody&#39;s email") || nobody.body.contains("Nobody's email"), "{}", nobody.body);
    assert!(short.body.contains("Type at least 3 characters"), "{}", short.body);
    assert!(!wildcard.body.contains("@"), "a % is a character, not a wildcard: {}", wildcard.body);
}

#[tokio::test]
async fn a_firm_is_found_by_its_short_name_or_name() {
    let test = two_firms().await;
    let app = TestApp::start(&test).await;
    let (cookie, _) = enrolled_staff_session(&app).await;

    let by_slug = app.get_with(ADMIN, "/search?q=beta", &cookie).await;

    assert!(by_slug.body.contains("href=\"/firms/beta\""), "{}", by_slug.body);
    assert!(!by_slug.body.contains("href=\"/firms/alpha\""), "{}", by_slug.body);
}

#[tokio::test]
async fn only_signed_in_staff_search_and_firm_hosts_have_no_search() {
    let test = two_firms().await;
    let app = TestApp::start(&test).await;
    let (cookie, _) = enrolled_staff_session(&app).await;

    let signed_out = app.get(ADMIN, "/search?q=casey%40clientmail").await;
    let on_firm_host = app.get_with("alpha.localhost", "/search?q=casey%40clientmail", &cookie).await;

    assert_eq!(location(&signed_out), "/sign-in");
    assert!(!on_firm_host.body.contains("casey@clientmail.example"), "{}", on_firm_host.body);
}
