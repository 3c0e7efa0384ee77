//! Writes from another site, as a forger would send them, are refused by
//! the same-origin check before anything runs — each case asserts that
//! nothing was stored, not only the status: a foreign `Referer` with no
//! `Origin`, `Origin: null` (sandboxed frames, some redirects), and a
//! console write with no `Origin` at all.

use crate::helpers::{PASSWORD, TestApp, TestDb, fresh_database};
use crate::staff::{ADMIN, STAFF_EMAIL, STAFF_NAME, enrolled_staff_session};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pespro::access::Role;

async fn clients_named(test: &TestDb, name: &str) -> i64 {
    let schema = test.schema_of("alpha").await;
    sqlx::query_scalar(&format!("select count(*) from {schema}.clients where name = $1"))
        .bind(name)
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap()
}

fn create_client(cookie: &str, name: &str, source: Option<(header::HeaderName, &str)>) -> Request<Body> {
    let mut request = Request::post("/api/create_client")
        .header("host", "alpha.localhost")
        .header("cookie", cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some((name, value)) = source {
        request = request.header(name, value);
    }
    request.body(Body::from(format!("name={name}"))).unwrap()
}

#[tokio::test]
async fn a_foreign_referer_or_a_null_origin_stores_nothing() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let app = TestApp::start(&test).await;
    let mia = app.sign_in("alpha.localhost", "mia@alpha.example", PASSWORD).await.unwrap();

    let referer =
        app.request(create_client(&mia, "ForgedByReferer", Some((header::REFERER, "http://evil.example/x")))).await;
    let null = app.request(create_client(&mia, "ForgedByNull", Some((header::ORIGIN, "null")))).await;
    let own = app.request(create_client(&mia, "Genuine", Some((header::REFERER, "http://alpha.localhost/")))).await;

    assert_eq!(referer.status, StatusCode::FORBIDDEN);
    assert_eq!(null.status, StatusCode::FORBIDDEN);
    assert_eq!(clients_named(&test, "ForgedByReferer").await, 0);
    assert_eq!(clients_named(&test, "ForgedByNull").await, 0);
    assert_eq!(own.status, StatusCode::OK, "the page's own Referer is enough: {}", own.body);
    assert_eq!(clients_named(&test, "Genuine").await, 1, "so the check, not the form, refused the others");
}

#[tokio::test]
async fn a_console_write_without_an_origin_changes_nothing() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let app = TestApp::start(&test).await;
    let (staff, _) = enrolled_staff_session(&app).await;
    let change_plan = |origin: Option<&str>| {
        let mut request = Request::post("/firms/alpha/plan")
            .header("host", ADMIN)
            .header("cookie", &staff)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        request.body(Body::from("plan=enterprise&reason=forged")).unwrap()
    };
    let plan = || async {
        sqlx::query_scalar::<_, String>("select plan from platform.tenants where slug = 'alpha'")
            .fetch_one(&mut test.raw().await)
            .await
            .unwrap()
    };
    let before = plan().await;

    let refused = app.request(change_plan(None)).await;
    let unchanged = plan().await;
    let allowed = app.request(change_plan(Some("http://admin.localhost"))).await;

    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(unchanged, before, "nothing was stored");
    assert!(allowed.status.is_redirection() || allowed.status.is_success(), "{allowed:?}");
    assert_eq!(plan().await, "enterprise", "the same request from the console's own page goes through");
}
