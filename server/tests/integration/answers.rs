//! What every answer carries and what a page may be made to say: security
//! headers on pages, the console and probes alike; HTTPS that shows in the
//! cookie, the headers and the same-origin check; and form errors in the
//! address shown only when this server issued them to this browser.

use crate::helpers::{PASSWORD, TestApp, form_post, fresh_database, location, set_cookie, test_config};
use axum::body::Body;
use axum::http::{StatusCode, header};
use base64::Engine;
use pespro::access::Role;

#[tokio::test]
async fn pages_the_console_and_probes_all_forbid_framing_and_sniffing() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;

    for (host, path) in
        [("alpha.localhost", "/sign-in"), ("admin.localhost", "/sign-in"), ("alpha.localhost", "/healthz")]
    {
        let response = app.get(host, path).await;
        let policy = response.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(policy.contains("frame-ancestors 'none'"), "{host}{path}: {policy}");
        assert_eq!(response.headers[header::X_FRAME_OPTIONS], "DENY", "{host}{path}");
        assert_eq!(response.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{host}{path}");
        assert_eq!(response.headers[header::REFERRER_POLICY], "same-origin", "{host}{path}");
        assert!(!response.headers.contains_key(header::STRICT_TRANSPORT_SECURITY), "no HSTS over plain HTTP");
    }
}

#[tokio::test]
async fn a_hydrated_pages_policy_allows_exactly_the_nonce_on_its_own_scripts() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;

    let page = app.get("alpha.localhost", "/sign-in").await;

    let policy = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect(policy);
    assert!(page.body.contains(&format!("nonce=\"{nonce}\"")), "the inline hydration script carries it");
    assert!(!policy.contains("script-src 'self' 'unsafe-inline'"), "{policy}");
    let console = app.get("admin.localhost", "/sign-in").await;
    assert!(console.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("script-src 'none'"));
}

#[tokio::test]
async fn with_https_on_the_cookie_is_secure_hsts_is_sent_and_a_plain_http_origin_is_refused() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let mut config = test_config(false);
    config.https = true;
    let app = TestApp::start_with(&test, config).await;
    let sign_in = |origin: &str| {
        let body = format!("email=ada%40alpha.example&password={}", PASSWORD.replace(' ', "+"));
        axum::http::Request::post("/api/sign_in")
            .header("host", "alpha.localhost")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .body(Body::from(body))
            .unwrap()
    };

    let downgraded = app.request(sign_in("http://alpha.localhost")).await;
    let signed_in = app.request(sign_in("https://alpha.localhost")).await;

    assert_eq!(downgraded.status, StatusCode::FORBIDDEN, "same host, other scheme: not our page");
    let schema = test.schema_of("alpha").await;
    let recorded: i64 = sqlx::query_scalar(&format!("select count(*) from {schema}.audit_events"))
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(recorded, 1, "only the second attempt reached the firm");
    assert_eq!(location(&signed_in), "/", "{}", signed_in.body);
    let cookie = signed_in.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(signed_in.headers[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().starts_with("max-age="));
}

/// What a crafted link would carry: an `AppError` of the attacker's words.
fn forged_error(message: &str) -> String {
    let json = format!(r#"{{"Validation":{{"field":"password","message":"{message}"}}}}"#);
    base64::engine::general_purpose::URL_SAFE.encode(json)
}

#[tokio::test]
async fn an_error_message_crafted_into_a_link_is_never_shown() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let path = format!("/sign-in?next=%2F&__path=%2Fapi%2Fsign_in&__err={}", forged_error("Call 555-0100 now"));

    let response = app.get("alpha.localhost", &path).await;

    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/sign-in?next=%2F", "the same page, less the forged words");
    assert!(!response.body.contains("555-0100"));
    let page = app.get("alpha.localhost", location(&response)).await;
    assert!(!page.body.contains("555-0100"));
}

#[tokio::test]
async fn a_refused_plain_form_post_shows_its_own_error_once() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    // A browser without JavaScript: a plain form post, then the redirect.
    let refused = app
        .request(
            form_post("alpha.localhost", "/api/sign_in", None)
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, "http://alpha.localhost/sign-in")
                .body(Body::from("email=nobody%40alpha.example&password=guess"))
                .unwrap(),
        )
        .await;
    let cookie = set_cookie(&refused).expect("the issued error is remembered in a session");
    let back = location(&refused).strip_prefix("http://alpha.localhost").unwrap().to_owned();

    let shown = app.get_with("alpha.localhost", &back, &cookie).await;
    let again = app.get_with("alpha.localhost", &back, &cookie).await;

    assert!(back.contains("__err="), "{back}");
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("don&#39;t match an account") || shown.body.contains("don't match an account"));
    assert_eq!(again.status, StatusCode::SEE_OTHER, "a reload does not show it again");
}
