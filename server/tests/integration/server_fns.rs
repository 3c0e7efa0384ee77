//! The dashboard's server functions, called as the browser (or a plain HTML
//! form) would: confined to the host's firm, with clear errors and no leaks.

use crate::helpers::{TestApp, fresh_database};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

/// A form post as the hydrated page sends it (it asks for JSON back).
fn post_form(host: &str, path: &str, body: &str) -> Request<Body> {
    form_request(host, path)
        .header(header::ACCEPT, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

fn form_request(host: &str, path: &str) -> axum::http::request::Builder {
    Request::post(path)
        .header("host", host)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
}

#[tokio::test]
async fn a_client_added_on_one_firm_host_is_listed_there_and_nowhere_else() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_firm("beta").await;
    let app = TestApp::start(&test).await;

    let created = app
        .request(post_form(
            "alpha.localhost",
            "/api/create_client",
            "name=Acme+%20Holdings",
        ))
        .await;

    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body, "\"Acme Holdings\"");
    let alpha = app
        .request(post_form("alpha.localhost", "/api/list_clients", ""))
        .await;
    let beta = app
        .request(post_form("beta.localhost", "/api/list_clients", ""))
        .await;
    assert!(alpha.body.contains("Acme Holdings"), "{}", alpha.body);
    assert!(!beta.body.contains("Acme"), "{}", beta.body);
    let page = app.get("alpha.localhost", "/").await;
    assert!(
        page.body.contains("Acme Holdings"),
        "the dashboard renders it server-side"
    );
}

#[tokio::test]
async fn a_blank_client_name_is_a_validation_error_on_the_name_field() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;

    let response = app
        .request(post_form(
            "alpha.localhost",
            "/api/create_client",
            "name=+++",
        ))
        .await;

    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    assert_eq!(
        error.for_field("name").as_deref(),
        Some("enter the client's name")
    );
}

#[tokio::test]
async fn a_duplicate_client_name_is_refused_whatever_its_case() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    app.request(post_form(
        "alpha.localhost",
        "/api/create_client",
        "name=Acme",
    ))
    .await;

    let response = app
        .request(post_form(
            "alpha.localhost",
            "/api/create_client",
            "name=ACME",
        ))
        .await;

    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    assert!(
        error.for_field("name").unwrap().contains("already exists"),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_missing_form_field_gets_a_plain_message_not_a_parser_error() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;

    let response = app
        .request(post_form(
            "alpha.localhost",
            "/api/create_client",
            "nom=Acme",
        ))
        .await;

    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    assert_eq!(
        error.to_string(),
        "This form was incomplete. Reload the page and try again."
    );
}

#[tokio::test]
async fn a_database_failure_reaches_the_client_as_a_detail_free_internal_error() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let schema = test.schema_of("alpha").await;
    sqlx::query(&format!("drop table {schema}.engagements"))
        .execute(&mut test.raw().await)
        .await
        .unwrap();
    let app = TestApp::start(&test).await;

    let response = app
        .request(post_form("alpha.localhost", "/api/list_clients", ""))
        .await;

    assert_eq!(response.body, "\"Internal\"");
    assert!(!response.body.contains("engagements"));
}

#[tokio::test]
async fn a_plain_html_form_post_is_redirected_back_to_the_page() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    // What a browser without JavaScript sends for a plain <form method="post">.
    let request = form_request("alpha.localhost", "/api/create_client")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://alpha.localhost/")
        .body(Body::from("name=Globex"))
        .unwrap();

    let response = app.request(request).await;

    assert_eq!(response.status, StatusCode::FOUND);
    let location = response.headers[header::LOCATION].to_str().unwrap();
    assert!(
        location.starts_with("http://alpha.localhost/"),
        "{location}"
    );
    assert!(!location.contains("__err"), "{location}");
}
