//! The site's own files through the real router, from a site root made for
//! the test: the bundle's hashed files kept by browsers for a year, other
//! files checked again before each use, the compressed copy the browser
//! accepts chosen (and the choice declared to caches), and nothing served
//! to a host that is no firm's.

use crate::helpers::{Response, TestApp, TestDb, fresh_database, page_request, site_with, test_config};
use axum::body::Body;
use axum::http::{StatusCode, header};

const CSS: &str = "pkg/pespro.Ab12Cd34Ef56.css";
const PLAIN: &str = "body{color:#123}";
/// Stands for brotli's bytes: what matters is which file is sent.
const BROTLI: &str = "brotli bytes";
const YEAR: &str = "public, max-age=31536000, immutable";

/// The application serving a site root with a hashed stylesheet (and its
/// brotli copy) and an icon; `hashed` is whether it was started knowing the
/// bundle's names are hashed, as `make site` builds them.
async fn app_with_site(test: &TestDb, hashed: bool) -> TestApp {
    test.create_firm("alpha").await;
    let root = site_with(&[(CSS, PLAIN), (&format!("{CSS}.br"), BROTLI), ("favicon.svg", "<svg/>")]);
    let mut config = test_config(false);
    config.leptos.site_root = root.to_str().expect("a UTF-8 path").into();
    config.leptos.hash_files = hashed;
    TestApp::start_with(test, config).await
}

async fn get(app: &TestApp, host: &str, path: &str, headers: &[(header::HeaderName, &str)]) -> Response {
    let mut request = page_request(host, path);
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    app.request(request.body(Body::empty()).unwrap()).await
}

fn header_of(response: &Response, name: header::HeaderName) -> &str {
    response.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

#[tokio::test]
async fn a_hashed_bundle_file_is_kept_for_a_year_in_the_encoding_the_browser_accepts() {
    let test = fresh_database().await;
    let app = app_with_site(&test, true).await;
    let path = format!("/{CSS}");

    let brotli = get(&app, "alpha.localhost", &path, &[(header::ACCEPT_ENCODING, "br, gzip")]).await;
    let plain = get(&app, "alpha.localhost", &path, &[]).await;

    assert_eq!((brotli.status, brotli.body.as_str()), (StatusCode::OK, BROTLI));
    assert_eq!(header_of(&brotli, header::CONTENT_ENCODING), "br");
    assert_eq!((plain.status, plain.body.as_str()), (StatusCode::OK, PLAIN));
    assert_eq!(header_of(&plain, header::CONTENT_ENCODING), "");
    for answer in [&brotli, &plain] {
        assert_eq!(header_of(answer, header::CACHE_CONTROL), YEAR);
        assert!(header_of(answer, header::VARY).contains("accept-encoding"), "{:?}", answer.headers);
    }
}

#[tokio::test]
async fn a_bundle_built_without_hashed_names_is_checked_again_before_each_use() {
    let test = fresh_database().await;
    let app = app_with_site(&test, false).await;

    let answer = get(&app, "alpha.localhost", &format!("/{CSS}"), &[]).await;

    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(header_of(&answer, header::CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn a_file_without_a_hash_is_checked_again_and_an_unchanged_one_costs_no_body() {
    let test = fresh_database().await;
    let app = app_with_site(&test, true).await;

    let icon = get(&app, "alpha.localhost", "/favicon.svg", &[]).await;
    let modified = header_of(&icon, header::LAST_MODIFIED).to_owned();
    let again = get(&app, "alpha.localhost", "/favicon.svg", &[(header::IF_MODIFIED_SINCE, &modified)]).await;

    assert_eq!((icon.status, header_of(&icon, header::CACHE_CONTROL)), (StatusCode::OK, "no-cache"));
    assert_eq!((again.status, again.body.as_str()), (StatusCode::NOT_MODIFIED, ""));
}

#[tokio::test]
async fn a_missing_bundle_file_is_not_kept_by_anyone() {
    let test = fresh_database().await;
    let app = app_with_site(&test, true).await;

    let answer = get(&app, "alpha.localhost", "/pkg/pespro.0000000000.css", &[]).await;

    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_ne!(header_of(&answer, header::CACHE_CONTROL), YEAR);
}

#[tokio::test]
async fn site_files_of_an_unknown_host_are_not_served() {
    let test = fresh_database().await;
    let app = app_with_site(&test, true).await;

    for path in [format!("/{CSS}"), "/favicon.svg".to_owned()] {
        assert_eq!(get(&app, "alpha.localhost", &path, &[]).await.status, StatusCode::OK, "{path}");
        assert_eq!(get(&app, "nobody.localhost", &path, &[]).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}
