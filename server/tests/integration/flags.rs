//! Feature flags as stored and enforced: the plan and staff overrides from
//! the platform (through the tenant registry), the firm's own narrowing from
//! its settings, and the seat limit refusing one person too many.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use crate::staff::{ADMIN, STAFF_EMAIL, STAFF_NAME, enrolled_staff_session, post};
use app::api::features::FeatureRow;
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::audit::{AuditAction, AuditPage};
use pespro::flags::Plan;
use pespro::tenancy::TenantRegistry;

const HOST: &str = "alpha.localhost";

async fn firm_on(test: &TestDb, plan: Plan) {
    let firm = test.create_firm("alpha").await;
    pespro::flags::set_plan(&test.db, firm.id, plan).await.unwrap();
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
}

async fn firm_handle(test: &TestDb) -> std::sync::Arc<pespro::tenancy::Tenant> {
    TenantRegistry::load(&test.db).await.unwrap().by_slug("alpha").unwrap()
}

/// The settings page's rows, as (key, value, why, refused).
async fn features(app: &TestApp, cookie: &str) -> Vec<(String, String, String, bool)> {
    let response = app.request(call(HOST, "/api/feature_settings", "", cookie)).await;
    let (_plan, rows): (String, Vec<FeatureRow>) = serde_json::from_str(&response.body).expect(&response.body);
    rows.into_iter().map(|r| (r.key, r.value, r.why, r.setting_refused)).collect()
}

fn row<'a>(rows: &'a [(String, String, String, bool)], key: &str) -> &'a (String, String, String, bool) {
    rows.iter().find(|r| r.0 == key).expect("every flag is listed")
}

async fn set_feature(app: &TestApp, cookie: &str, flag: &str, value: &str, action: &str) -> crate::helpers::Response {
    let body = format!("form[flag]={flag}&form[value]={value}&form[action]={action}");
    app.request(call(HOST, "/api/set_feature", &body.replace('[', "%5B").replace(']', "%5D"), cookie)).await
}

#[tokio::test]
async fn the_plan_decides_and_the_settings_page_says_why() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Starter).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let rows = features(&app, &admin).await;

    assert_eq!(row(&rows, "expenses").2, "On because the Starter plan includes it");
    assert_eq!(row(&rows, "multi_step_approvals").2, "Off because the Starter plan doesn't include it");
    assert_eq!(row(&rows, "max_active_users").1, "Limited to 5");
    let page = app.get_with(HOST, "/settings/features", &admin).await;
    assert!(page.body.contains("On because the Starter plan includes it"), "{}", page.body);
}

#[tokio::test]
async fn only_administrators_see_the_features() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Team).await;
    let app = TestApp::start(&test).await;
    let employee = app.sign_in(HOST, "emil@alpha.example", PASSWORD).await.unwrap();

    let response = app.request(call(HOST, "/api/feature_settings", "", &employee)).await;
    let changed = set_feature(&app, &employee, "expenses", "off", "set").await;

    assert_eq!(response.body, "\"Forbidden\"");
    assert_eq!(changed.body, "\"Forbidden\"");
    assert_eq!(app.get_with(HOST, "/settings/features", &employee).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_administrator_narrows_a_feature_and_resets_it_and_both_are_audited() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Team).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let off = set_feature(&app, &admin, "expenses", "off", "set").await;
    let after_off = features(&app, &admin).await;
    let reset = set_feature(&app, &admin, "expenses", "", "reset").await;
    let after_reset = features(&app, &admin).await;

    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert_eq!(row(&after_off, "expenses").2, "Off because the firm switched it off");
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    assert_eq!(row(&after_reset, "expenses").2, "On because the Team plan includes it");
    let log: AuditPage =
        serde_json::from_str(&app.request(call(HOST, "/api/audit_log", "", &admin)).await.body).unwrap();
    let changes: Vec<&str> = log
        .events
        .iter()
        .filter(|e| e.action == AuditAction::FeatureSettingChanged)
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(changes, ["expenses: reset to what the plan gives", "expenses: Off"]);
}

#[tokio::test]
async fn a_firm_cannot_raise_a_limit_beyond_its_plan_or_type_nonsense() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Team).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let above = set_feature(&app, &admin, "max_active_users", "500", "set").await;
    let nonsense = set_feature(&app, &admin, "max_active_users", "lots", "set").await;
    let switch_on = set_feature(&app, &admin, "timer", "on", "set").await;
    let lower = set_feature(&app, &admin, "max_active_users", "10", "set").await;

    assert!(above.body.contains("at most 50"), "{}", above.body);
    assert!(nonsense.body.contains("whole number"), "{}", nonsense.body);
    assert!(switch_on.body.contains("doesn't include that"), "{}", switch_on.body);
    assert_eq!(lower.status, StatusCode::OK, "{}", lower.body);
    assert_eq!(row(&features(&app, &admin).await, "max_active_users").2, "Limited to 10 because the firm chose it");
}

#[tokio::test]
async fn a_setting_left_above_a_lower_plan_is_shown_as_refused() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Team).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert_eq!(set_feature(&app, &admin, "max_active_users", "40", "set").await.status, StatusCode::OK);
    let firm = TenantRegistry::load(&test.db).await.unwrap().by_slug("alpha").unwrap();

    pespro::flags::set_plan(&test.db, firm.id, Plan::Starter).await.unwrap();
    let app = TestApp::start(&test).await;

    let limit = row(&features(&app, &admin).await, "max_active_users").clone();
    assert_eq!(limit.1, "Limited to 5");
    assert!(limit.2.contains("the firm's setting (Limited to 40) is not used"), "{}", limit.2);
    assert!(limit.3, "marked as refused");
}

#[tokio::test]
async fn the_seat_limit_refuses_an_invitation_with_a_plan_limit() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Starter).await;
    for n in 0..3 {
        test.create_person("alpha", &format!("p{n}@alpha.example"), Role::Employee).await;
    }
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let body = "email=sixth%40alpha.example&display_name=Sixth+Person&role=employee";
    let refused = app.request(call(HOST, "/api/invite_person", body, &admin)).await;

    assert!(refused.body.starts_with("{\"PlanLimit\":"), "{}", refused.body);
    assert!(refused.body.contains("allows 5 active people"), "{}", refused.body);
    let p0: i64 = sqlx::query_scalar("select user_id from users where email = 'p0@alpha.example'")
        .fetch_one(test.db.tenant_tx(firm_handle(&test).await.handle()).await.unwrap().conn())
        .await
        .unwrap();
    let deactivate = format!("user_id={p0}");
    app.request(call(HOST, "/api/deactivate_person", &deactivate, &admin)).await;
    let accepted = app.request(call(HOST, "/api/invite_person", body, &admin)).await;
    assert!(accepted.body.contains("\"active\":true"), "a seat freed is a seat: {}", accepted.body);
}

#[tokio::test]
async fn a_firms_own_lower_limit_refuses_too() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Team).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert_eq!(set_feature(&app, &admin, "max_active_users", "2", "set").await.status, StatusCode::OK);

    let body = "email=third%40alpha.example&display_name=Third+Person&role=employee";
    let refused = app.request(call(HOST, "/api/invite_person", body, &admin)).await;

    assert!(refused.body.contains("allows 2 active people"), "{}", refused.body);
}

#[tokio::test]
async fn staff_change_the_plan_and_override_a_flag_with_a_reason_recorded_in_both_trails() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Team).await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let (staff, _) = enrolled_staff_session(&app).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let no_reason = post(&app, "/firms/alpha/flags", "flag=timer&value=on&reason=+&action=set", Some(&staff)).await;
    let bad_value = post(&app, "/firms/alpha/flags", "flag=timer&value=7&reason=Trial&action=set", Some(&staff)).await;
    let set =
        post(&app, "/firms/alpha/flags", "flag=timer&value=on&reason=Pilot+customer&action=set", Some(&staff)).await;
    let plan = post(&app, "/firms/alpha/plan", "plan=starter&reason=Downgraded+by+request", Some(&staff)).await;

    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("Say why"), "{}", no_reason.body);
    assert_eq!(bad_value.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!((set.status, plan.status), (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER));
    let rows = features(&app, &admin).await;
    assert_eq!(row(&rows, "timer").2, "On because PesPro staff set it for this firm");
    assert_eq!(row(&rows, "multi_step_approvals").2, "Off because the Starter plan doesn't include it");
    let console = app.get_with(ADMIN, "/firms/alpha", &staff).await;
    assert!(console.body.contains("Pilot customer"), "the console shows the override and its reason");
    let platform: Vec<(String, String)> = test
        .platform_audit()
        .await
        .into_iter()
        .map(|r| (r.action, r.reason))
        .filter(|r| !r.0.contains("sign_in") && !r.0.contains("totp"))
        .collect();
    assert_eq!(
        platform,
        [
            ("staff.flag_override.set".to_owned(), "Pilot customer".to_owned()),
            ("staff.plan.changed".to_owned(), "Downgraded by request".to_owned())
        ]
    );
    let log: AuditPage =
        serde_json::from_str(&app.request(call(HOST, "/api/audit_log", "", &admin)).await.body).unwrap();
    let firm_side: Vec<(AuditAction, &str, &str)> = log
        .events
        .iter()
        .filter(|e| matches!(e.action, AuditAction::PlanChanged | AuditAction::FeatureOverridden))
        .map(|e| (e.action, e.actor.as_str(), e.detail.as_str()))
        .collect();
    assert_eq!(
        firm_side,
        [
            (AuditAction::PlanChanged, "Staff: Sam Support", "Team → Starter (reason: Downgraded by request)"),
            (AuditAction::FeatureOverridden, "Staff: Sam Support", "timer: On (reason: Pilot customer)"),
        ]
    );

    let cleared =
        post(&app, "/firms/alpha/flags", "flag=timer&value=&reason=Pilot+over&action=clear", Some(&staff)).await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    let again = post(&app, "/firms/alpha/flags", "flag=timer&value=&reason=Twice&action=clear", Some(&staff)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "nothing left to clear");
    let same = post(&app, "/firms/alpha/plan", "plan=starter&reason=Again", Some(&staff)).await;
    assert!(same.body.contains("already on that plan"), "{}", same.body);
    assert_eq!(row(&features(&app, &admin).await, "timer").1, "Off");
}

#[tokio::test]
async fn the_seat_limit_refuses_a_just_in_time_account_from_single_sign_on() {
    let (test, app, admin) = crate::sso::firm_with_sso(&[]).await;
    assert_eq!(set_feature(&app, &admin, "max_active_users", "1", "set").await.status, StatusCode::OK);

    let (done, _) = crate::sso::sso_sign_in(&app, Some("grace@alpha.example")).await;

    assert_eq!(done.headers["location"], "/sign-in?sso=seats");
    let schema = test.schema_of("alpha").await;
    let created: i64 =
        sqlx::query_scalar(&format!("select count(*) from {schema}.users where email = 'grace@alpha.example'"))
            .fetch_one(&mut test.raw().await)
            .await
            .unwrap();
    assert_eq!(created, 0);
    let page = app.get(HOST, "/sign-in?sso=seats").await;
    assert!(page.body.contains("as many active people as its plan allows"), "{}", page.body);
}

#[tokio::test]
async fn an_override_made_by_another_process_reaches_a_running_server_by_notification() {
    let test = fresh_database().await;
    firm_on(&test, Plan::Team).await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let firm = TenantRegistry::load(&test.db).await.unwrap().by_slug("alpha").unwrap();

    let by = pespro::flags::StaffActor { staff_id: None, email: "another server" };
    pespro::flags::set_staff_override(&test.db, firm.id, "timer", Some(pespro::flags::FlagValue::On), "Trial", &by)
        .await
        .unwrap();

    for _ in 0..100 {
        if row(&features(&app, &admin).await, "timer").1 == "On" {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the running server never saw the override");
}
