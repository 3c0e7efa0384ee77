//! The console's dashboard: firms by status and plan, charts drawn on the
//! server, each firm's people, refused sign-ins and schema — and a firm
//! whose migration failed shown with the database's error and brought up
//! to date by the retry button once the cause is gone.

use crate::helpers::{TestApp, fresh_database, location, new_firm};
use crate::staff::{ADMIN, STAFF_EMAIL, STAFF_NAME, enrolled_staff_session, post};
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::migrate::{MigrationSet, migrate_tenants};
use pespro::tenancy::create_tenant_with;

/// The dashboard's line for `slug`.
fn line<'a>(body: &'a str, slug: &str) -> &'a str {
    let start = body.find(&format!("href=\"/firms/{slug}\"")).expect("the firm has a line");
    &body[start..start + body[start..].find("</tr>").unwrap()]
}

#[tokio::test]
async fn the_dashboard_shows_each_firms_people_refusals_and_schema_and_retries_a_failed_migration() {
    let test = fresh_database().await;
    let set = MigrationSet::tenant();
    let latest = set.latest();
    create_tenant_with(&test.db, &new_firm("alpha"), &set.up_to(latest - 1)).await.unwrap();
    test.create_firm("beta").await;
    test.create_person("beta", "bo@beta.example", Role::Admin).await;
    test.create_person("beta", "cy@beta.example", Role::Employee).await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    // Alpha's schema is away: its last migration fails with PostgreSQL's own error.
    let schema = test.schema_of("alpha").await;
    let rename = |from: &str, to: &str| format!("alter schema {from} rename to {to}");
    sqlx::raw_sql(&rename(&schema, "alpha_away")).execute(&mut test.raw().await).await.unwrap();
    let report = migrate_tenants(&test.db, set, &|_| {}).await.unwrap();
    assert_eq!(report.failed.len(), 1);
    let app = TestApp::start(&test).await;
    let refused = app.sign_in("beta.localhost", "bo@beta.example", "not the password").await;
    assert!(refused.is_err());
    let (cookie, _) = enrolled_staff_session(&app).await;

    let failing = app.get_with(ADMIN, "/", &cookie).await;
    sqlx::raw_sql(&rename("alpha_away", &schema)).execute(&mut test.raw().await).await.unwrap();
    let retried = post(&app, "/firms/alpha/migrate", "", Some(&cookie)).await;
    let after = app.get_with(ADMIN, location(&retried), &cookie).await;

    assert_eq!(failing.status, StatusCode::OK);
    assert_eq!(failing.body.matches("role=\"img\"").count(), 3, "three charts, drawn on the server");
    let alpha = line(&failing.body, "alpha");
    assert!(alpha.contains(&format!("migration {latest} failed")) && alpha.contains("Retry Firm alpha"), "{alpha}");
    let beta = line(&failing.body, "beta");
    assert!(beta.contains("<td>2</td><td>1</td>"), "two people, one refused sign-in: {beta}");
    assert!(beta.contains(" KB</td>"), "what its files take: {beta}");
    assert_eq!(location(&retried), "/?retried");
    assert!(line(&after.body, "alpha").contains(&format!("{latest}, current")), "{}", after.body);
    assert!(after.body.contains("its schema is current"), "{}", after.body);
    let actions: Vec<String> = test.platform_audit().await.into_iter().map(|row| row.action).collect();
    assert!(actions.contains(&"staff.firm.migration_retried".to_owned()), "{actions:?}");
}

#[tokio::test]
async fn a_retry_that_fails_again_says_so_and_leaves_the_error_shown() {
    let test = fresh_database().await;
    let set = MigrationSet::tenant();
    create_tenant_with(&test.db, &new_firm("alpha"), &set.up_to(set.latest() - 1)).await.unwrap();
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let schema = test.schema_of("alpha").await;
    sqlx::raw_sql(&format!("alter schema {schema} rename to alpha_away")).execute(&mut test.raw().await).await.unwrap();
    let app = TestApp::start(&test).await;
    let (cookie, _) = enrolled_staff_session(&app).await;

    let retried = post(&app, "/firms/alpha/migrate", "", Some(&cookie)).await;
    let page = app.get_with(ADMIN, "/?retry-failed", &cookie).await;

    assert_eq!(location(&retried), "/?retry-failed");
    assert!(page.body.contains("failed again"), "{}", page.body);
    assert!(line(&page.body, "alpha").contains("failed"), "{}", page.body);
}
