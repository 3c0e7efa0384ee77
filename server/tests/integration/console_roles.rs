//! Staff roles on the console: support reads and impersonates but every
//! change to a firm is refused (403, nothing changes, the forms are not
//! offered); only owners manage staff — roles, authenticator resets and
//! removals, each with a reason in the trail — and the platform always
//! keeps one owner.

use crate::helpers::{PASSWORD, TestApp, TestDb, fresh_database, location};
use crate::staff::{
    ADMIN, STAFF_EMAIL, STAFF_NAME, code_step, enrolled_staff_session, password_step, post, shown_secret,
};
use axum::http::StatusCode;
use pespro::staff::StaffRole;
use pespro::staff::totp::code_for_step;
use pespro::tenancy::TenantRegistry;
use pespro::tenant::TenantStatus;

const SUE: &str = "sue@pespro.example";

/// Signs `email` in (enrolling TOTP); the verified session's cookie.
async fn signed_in(app: &TestApp, email: &str) -> String {
    let (_, cookie) = password_step(app, email, PASSWORD).await;
    let cookie = cookie.unwrap();
    let secret = shown_secret(&app.get_with(ADMIN, "/totp", &cookie).await.body);
    let step = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 30;
    code_step(app, &cookie, &code_for_step(&secret, step)).await.1
}

async fn platform() -> TestDb {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    test.create_staff_as(SUE, "Sue Support", StaffRole::Support).await;
    test
}

#[tokio::test]
async fn support_reads_and_searches_but_cannot_change_a_firm() {
    let test = platform().await;
    let app = TestApp::start(&test).await;
    let sue = signed_in(&app, SUE).await;

    let firm_page = app.get_with(ADMIN, "/firms/alpha", &sue).await;
    let suspend = post(&app, "/firms/alpha/status", "status=suspended&reason=Because", Some(&sue)).await;
    let plan = post(&app, "/firms/alpha/plan", "plan=starter&reason=Because", Some(&sue)).await;
    let open =
        post(&app, "/firms", "slug=harbor&name=Harbor&plan=team&admin_email=h%40h.example&admin_name=H", Some(&sue))
            .await;
    let staff_page = app.get_with(ADMIN, "/staff", &sue).await;
    let search = app.get_with(ADMIN, "/search?q=alpha", &sue).await;

    assert_eq!(firm_page.status, StatusCode::OK);
    assert!(!firm_page.body.contains("action=\"/firms/alpha/status\""), "no form support cannot use");
    assert!(!firm_page.body.contains("action=\"/firms/alpha/plan\""), "{}", firm_page.body);
    for refused in [&suspend, &plan, &open, &staff_page] {
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert!(refused.body.contains("Your role (Support) does not allow this"), "{}", refused.body);
    }
    assert_eq!(search.status, StatusCode::OK);
    let firm = TenantRegistry::load(&test.db).await.unwrap().by_slug("alpha").unwrap();
    assert_eq!((firm.status, firm.plan.as_str()), (TenantStatus::Active, "team"), "nothing changed");
    assert_eq!(TenantRegistry::load(&test.db).await.unwrap().all().len(), 1);
}

#[tokio::test]
async fn an_owner_changes_a_role_with_a_reason_and_the_last_owner_stays() {
    let test = platform().await;
    let app = TestApp::start(&test).await;
    let (owner, _) = enrolled_staff_session(&app).await;
    let sue_id: i64 = sqlx::query_scalar("select staff_id from platform.staff where email = $1")
        .bind(SUE)
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    let sam_id: i64 = sqlx::query_scalar("select staff_id from platform.staff where email = $1")
        .bind(STAFF_EMAIL)
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();

    let no_reason = post(&app, &format!("/staff/{sue_id}/role"), "role=operator&reason=", Some(&owner)).await;
    let promoted =
        post(&app, &format!("/staff/{sue_id}/role"), "role=operator&reason=Covers+nights", Some(&owner)).await;
    let sue = signed_in(&app, SUE).await;
    let sue_suspends = post(&app, "/firms/alpha/status", "status=suspended&reason=Unpaid", Some(&sue)).await;
    let demote_self = post(&app, &format!("/staff/{sam_id}/role"), "role=support&reason=Oops", Some(&owner)).await;
    let remove_self = post(&app, &format!("/staff/{sam_id}/remove"), "reason=Oops", Some(&owner)).await;
    let removed = post(&app, &format!("/staff/{sue_id}/remove"), "reason=Left+the+company", Some(&owner)).await;
    let sue_after = app.get_with(ADMIN, "/firms", &sue).await;

    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(location(&promoted), "/staff?role");
    assert_eq!(location(&sue_suspends), "/firms/alpha?suspended", "an operator runs firms");
    assert!(demote_self.body.contains("at least one owner"), "{}", demote_self.body);
    assert!(remove_self.body.contains("Another owner removes your own account"), "{}", remove_self.body);
    assert_eq!(location(&removed), "/staff?removed");
    assert_eq!(location(&sue_after), "/sign-in", "a removed account's session ends");
    let trail: Vec<(String, String)> =
        test.platform_audit().await.into_iter().map(|row| (row.action, row.reason)).collect();
    assert!(trail.contains(&("staff.account.role_changed".to_owned(), "Covers nights".to_owned())), "{trail:?}");
    assert!(trail.contains(&("staff.account.removed".to_owned(), "Left the company".to_owned())), "{trail:?}");
}

#[tokio::test]
async fn an_owner_resets_an_authenticator_and_the_next_sign_in_enrols_again() {
    let test = platform().await;
    let app = TestApp::start(&test).await;
    let (owner, _) = enrolled_staff_session(&app).await;
    signed_in(&app, SUE).await;
    let sue_id: i64 = sqlx::query_scalar("select staff_id from platform.staff where email = $1")
        .bind(SUE)
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();

    let reset = post(&app, &format!("/staff/{sue_id}/totp-reset"), "reason=Lost+her+phone", Some(&owner)).await;
    let (_, cookie) = password_step(&app, SUE, PASSWORD).await;
    let enrol_again = app.get_with(ADMIN, "/totp", &cookie.unwrap()).await;

    assert_eq!(location(&reset), "/staff?totp");
    assert!(enrol_again.body.contains("data-testid=\"totp-secret\""), "a new key is shown: {}", enrol_again.body);
    let trail: Vec<(String, String)> =
        test.platform_audit().await.into_iter().map(|row| (row.action, row.reason)).collect();
    assert!(trail.contains(&("staff.totp.reset".to_owned(), "Lost her phone".to_owned())), "{trail:?}");
}
