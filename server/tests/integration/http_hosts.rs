//! Requests find their firm by host, through the real router: each firm in
//! its own colours, unknown hosts told nothing, changes followed live.

use crate::helpers::{TestApp, fresh_database, test_config, theme_css};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use pespro::host::{HostRules, Hostname};
use pespro::slug::TenantSlug;
use pespro::tenancy::{add_hostname, create_tenant, set_status};
use pespro::tenant::TenantStatus;

#[tokio::test]
async fn two_firm_hosts_render_two_names_and_two_themes() {
    let test = fresh_database().await;
    let mut alpha = crate::helpers::new_firm("alpha");
    alpha.primary = pespro::colour::HexColour::parse("#1e3a8a").unwrap();
    create_tenant(&test.db, &alpha).await.unwrap();
    test.create_firm("beta").await;
    let app = TestApp::start(&test).await;

    let a = app.get("alpha.localhost:3000", "/sign-in").await;
    let b = app.get("beta.localhost", "/sign-in").await;

    assert_eq!((a.status, b.status), (StatusCode::OK, StatusCode::OK));
    assert!(a.body.contains("Firm alpha") && !a.body.contains("Firm beta"));
    assert!(b.body.contains("Firm beta") && !b.body.contains("Firm alpha"));
    assert!(a.body.contains(&theme_css("#1e3a8a", "#abcdef")), "alpha's colours are in the head");
    assert!(b.body.contains(&theme_css("#123456", "#abcdef")));
    assert!(a.body.contains("<title>Firm alpha · PesPro</title>"));
}

#[tokio::test]
async fn an_unknown_host_gets_a_404_that_names_no_firm() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;

    for host in ["nobody.localhost", "localhost", "evil.example", "127.0.0.1:3000", "a.alpha.localhost"] {
        let response = app.get(host, "/").await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{host}");
        assert!(!response.body.to_lowercase().contains("alpha"), "{host} leaked a firm name");
    }
}

#[tokio::test]
async fn a_firm_created_while_serving_is_served_without_a_restart() {
    let test = fresh_database().await;
    let app = TestApp::start(&test).await;
    assert_eq!(app.get("late.localhost", "/").await.status, StatusCode::NOT_FOUND);

    test.create_firm("late").await;

    let response = app.eventually("late.localhost", StatusCode::OK).await;
    assert!(response.body.contains("Firm late"));
}

#[tokio::test]
async fn a_suspended_firm_shows_a_suspended_page_until_resumed() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let slug = TenantSlug::parse("alpha").unwrap();

    set_status(&test.db, &slug, TenantStatus::Suspended).await.unwrap();
    let suspended = app.eventually("alpha.localhost", StatusCode::FORBIDDEN).await;
    assert!(suspended.body.contains("suspended"));
    let api = app.get("alpha.localhost", "/api/list_clients").await;
    assert_eq!(api.status, StatusCode::FORBIDDEN, "server functions are closed too");

    set_status(&test.db, &slug, TenantStatus::Active).await.unwrap();
    app.eventually("alpha.localhost", StatusCode::OK).await;
}

#[tokio::test]
async fn a_custom_hostname_serves_its_firm() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let rules = HostRules::new("localhost", "admin.localhost");

    let host = Hostname::parse("time.alpha-accounting.example").unwrap();
    add_hostname(&test.db, &rules, &TenantSlug::parse("alpha").unwrap(), &host).await.unwrap();

    let response = app.eventually("time.alpha-accounting.example", StatusCode::OK).await;
    assert!(response.body.contains("Firm alpha"));
    let trail: Vec<(String, String)> = sqlx::query_as(
        "select action, detail from platform.platform_audit_events where action like 'platform.tenant.%'",
    )
    .fetch_all(&mut test.raw().await)
    .await
    .unwrap();
    assert_eq!(
        trail,
        [(
            "platform.tenant.host_added".into(),
            "time.alpha-accounting.example: served on the operator's word, without a DNS proof".into()
        )],
        "the operator's word is on record"
    );
}

#[tokio::test]
async fn a_hostname_under_the_platform_domain_cannot_be_claimed() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let rules = HostRules::new("localhost", "admin.localhost");

    let result = add_hostname(
        &test.db,
        &rules,
        &TenantSlug::parse("alpha").unwrap(),
        &Hostname::parse("beta.localhost").unwrap(),
    )
    .await;

    assert!(matches!(result, Err(pespro::tenancy::AdminError::HostnameReserved(..))), "{result:?}");
}

#[tokio::test]
async fn x_forwarded_host_is_ignored_unless_the_proxy_is_trusted() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let forwarded = || {
        Request::get("/sign-in")
            .header("host", "nobody.localhost")
            .header("x-forwarded-host", "alpha.localhost")
            .body(Body::empty())
            .unwrap()
    };

    let untrusted = TestApp::start(&test).await.request(forwarded()).await;
    // (The forwarded request asks for /sign-in, which anyone may see.)
    let trusted = TestApp::start_with(&test, test_config(true)).await.request(forwarded()).await;

    assert_eq!(untrusted.status, StatusCode::NOT_FOUND);
    assert_eq!(trusted.status, StatusCode::OK);
}

#[tokio::test]
async fn the_admin_host_is_the_platform_console_not_a_firm() {
    let test = fresh_database().await;
    let app = TestApp::start(&test).await;

    let home = app.get("admin.localhost:3000", "/").await;
    let response = app.get("admin.localhost:3000", "/sign-in").await;

    assert_eq!(home.status, StatusCode::SEE_OTHER, "the console asks staff to sign in first");
    assert_eq!(home.headers["location"], "/sign-in");
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.body.contains("PesPro platform console") && response.body.contains("Staff sign-in"));
}

#[tokio::test]
async fn health_answers_on_any_host_and_readiness_reports_migrations() {
    let test = fresh_database().await;
    let app = TestApp::start(&test).await;

    let health = app.get("whatever.example", "/healthz").await;
    let ready = app.get("whatever.example", "/readyz").await;

    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
    let body: serde_json::Value = serde_json::from_str(&ready.body).unwrap();
    assert_eq!(body["ready"], true);
    assert_eq!(body["tenants_behind"], 0);
}

#[tokio::test]
async fn an_unknown_path_on_a_firm_host_is_the_apps_own_404() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;

    let response = app.get("alpha.localhost", "/no/such/page").await;

    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(response.body.contains("Page not found") && response.body.contains("Firm alpha"));
}

#[tokio::test]
async fn the_dashboard_sends_visitors_who_are_not_signed_in_to_sign_in() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;

    let response = app.get("alpha.localhost", "/").await;

    assert_eq!(response.status, StatusCode::FOUND);
    assert_eq!(response.headers["location"], "/sign-in");
}

#[tokio::test]
async fn a_firm_whose_schema_is_behind_gets_a_maintenance_page() {
    let test = fresh_database().await;
    pespro::tenancy::create_tenant_with(
        &test.db,
        &crate::helpers::new_firm("alpha"),
        &pespro::migrate::MigrationSet::tenant().up_to(0),
    )
    .await
    .unwrap();
    let app = TestApp::start(&test).await;

    let response = app.get("alpha.localhost", "/").await;

    assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers.contains_key("retry-after"));
}
