//! The dashboard's server functions, called as the browser (or a plain HTML
//! form) would: confined to the host's firm and the signed-in person's role,
//! with clear errors and no leaks.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, form_post, fresh_database};
use axum::body::Body;
use axum::http::{StatusCode, header};
use pespro::access::Role;

/// A firm `slug` with a signed-in person of `role`; returns the cookie.
async fn signed_in(test: &TestDb, app: &TestApp, slug: &str, role: Role) -> String {
    let email = format!("{}@{slug}.example", role.as_str());
    test.create_person(slug, &email, role).await;
    app.sign_in(&format!("{slug}.localhost"), &email, PASSWORD).await.map_err(|r| r.body).expect("sign in")
}

#[tokio::test]
async fn a_client_added_on_one_firm_host_is_listed_there_and_nowhere_else() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_firm("beta").await;
    let app = TestApp::start(&test).await;
    let alpha = signed_in(&test, &app, "alpha", Role::Manager).await;
    let beta = signed_in(&test, &app, "beta", Role::Manager).await;

    let created = app.request(call("alpha.localhost", "/api/create_client", "name=Acme+%20Holdings", &alpha)).await;

    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    assert_eq!(created.body, "\"Acme Holdings\"");
    let listed_alpha = app.request(call("alpha.localhost", "/api/list_clients", "", &alpha)).await;
    let listed_beta = app.request(call("beta.localhost", "/api/list_clients", "", &beta)).await;
    assert!(listed_alpha.body.contains("Acme Holdings"), "{}", listed_alpha.body);
    assert!(!listed_beta.body.contains("Acme"), "{}", listed_beta.body);
    let page = app.get_with("alpha.localhost", "/", &alpha).await;
    assert!(page.body.contains("Acme Holdings"), "the dashboard renders it server-side");
}

#[tokio::test]
async fn a_blank_client_name_is_a_validation_error_on_the_name_field() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let cookie = signed_in(&test, &app, "alpha", Role::Manager).await;

    let response = app.request(call("alpha.localhost", "/api/create_client", "name=+++", &cookie)).await;

    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "a typo is not a server error");
    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    assert_eq!(error.for_field("name").as_deref(), Some("enter the client's name"));
}

#[tokio::test]
async fn a_duplicate_client_name_is_refused_whatever_its_case() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let cookie = signed_in(&test, &app, "alpha", Role::Admin).await;
    app.request(call("alpha.localhost", "/api/create_client", "name=Acme", &cookie)).await;

    let response = app.request(call("alpha.localhost", "/api/create_client", "name=ACME", &cookie)).await;

    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    assert!(error.for_field("name").unwrap().contains("already exists"), "{error:?}");
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_missing_form_field_gets_a_plain_message_not_a_parser_error() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let cookie = signed_in(&test, &app, "alpha", Role::Manager).await;

    let response = app.request(call("alpha.localhost", "/api/create_client", "nom=Acme", &cookie)).await;

    let error: app::error::AppError = serde_json::from_str(&response.body).unwrap();
    assert_eq!(error.to_string(), "This form was incomplete. Reload the page and try again.");
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_database_failure_reaches_the_client_as_a_detail_free_internal_error() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let cookie = signed_in(&test, &app, "alpha", Role::Employee).await;
    let schema = test.schema_of("alpha").await;
    let break_it = format!("alter table {schema}.engagements rename to engagements_gone");
    sqlx::query(&break_it).execute(&mut test.raw().await).await.unwrap();

    let response = app.request(call("alpha.localhost", "/api/list_clients", "", &cookie)).await;

    assert_eq!(response.body, "\"Internal\"");
    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR, "the one case that is our fault");
}

#[tokio::test]
async fn an_employee_may_list_clients_but_not_add_one() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let cookie = signed_in(&test, &app, "alpha", Role::Employee).await;

    let listed = app.request(call("alpha.localhost", "/api/list_clients", "", &cookie)).await;
    let added = app.request(call("alpha.localhost", "/api/create_client", "name=Sneaky", &cookie)).await;

    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(added.body, "\"Forbidden\"");
    assert_eq!(added.status, StatusCode::FORBIDDEN);
    let page = app.get_with("alpha.localhost", "/", &cookie).await;
    assert!(!page.body.contains("Add a client"), "the form is hidden from employees");
}

#[tokio::test]
async fn without_a_session_server_functions_ask_for_sign_in() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;

    let response = app.request(call("alpha.localhost", "/api/list_clients", "", "pespro_session=forged")).await;

    assert_eq!(response.body, "\"Unauthenticated\"");
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_plain_html_form_post_is_redirected_back_to_the_page() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let app = TestApp::start(&test).await;
    let cookie = signed_in(&test, &app, "alpha", Role::Manager).await;
    // What a browser without JavaScript sends for a plain <form method="post">.
    let request = form_post("alpha.localhost", "/api/create_client", Some(&cookie))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://alpha.localhost/")
        .body(Body::from("name=Globex"))
        .unwrap();

    let response = app.request(request).await;

    assert_eq!(response.status, StatusCode::FOUND);
    let location = response.headers[header::LOCATION].to_str().unwrap();
    assert!(location.starts_with("http://alpha.localhost/"), "{location}");
    assert!(!location.contains("__err"), "{location}");
}
