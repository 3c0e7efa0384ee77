//! A client's contacts through the client page's server functions: adding
//! and correcting with per-field checks, removing, who may, and ids from
//! elsewhere.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use pespro::access::Role;

const HOST: &str = "alpha.localhost";

/// Alpha with one client; returns its id and an admin's and an employee's sessions.
async fn firm() -> (TestDb, TestApp, i64, String, String) {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let schema = test.schema_of("alpha").await;
    let client: i64 =
        sqlx::query_scalar(&format!("insert into {schema}.clients (name) values ('Acme Ltd') returning client_id"))
            .fetch_one(&mut test.raw().await)
            .await
            .unwrap();
    let app = TestApp::start(&test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let emil = app.sign_in(HOST, "emil@alpha.example", PASSWORD).await.unwrap();
    (test, app, client, ada, emil)
}

fn contact(client: i64, name: &str, email: &str) -> String {
    format!(
        "client_id={client}&contact%5Bname%5D={name}&contact%5Bemail%5D={email}\
         &contact%5Bphone%5D=%2B44%2020%207946%200018&contact%5Brole%5D=Finance%20director"
    )
}

#[tokio::test]
async fn a_manager_adds_contacts_everyone_sees_them_and_a_bad_email_is_refused_at_its_field() {
    let (_test, app, client, ada, emil) = firm().await;

    let added = app
        .request(call(HOST, "/api/add_client_contact", &contact(client, "Dana%20Lee", "dana%40acme.example"), &ada))
        .await;
    let bad = app.request(call(HOST, "/api/add_client_contact", &contact(client, "Sam", "sam%40"), &ada)).await;
    let nameless = app.request(call(HOST, "/api/add_client_contact", &contact(client, "%20", ""), &ada)).await;
    let page = app.request(call(HOST, "/api/load_client", &format!("client_id={client}"), &emil)).await;
    let html = app.get_with(HOST, &format!("/clients/{client}"), &emil).await;

    assert!(added.body.parse::<i64>().is_ok(), "{}", added.body);
    assert!(bad.body.contains("\"field\":\"email\""), "{}", bad.body);
    assert!(nameless.body.contains("\"field\":\"name\""), "{}", nameless.body);
    let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(json["contacts"].as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(json["contacts"][0]["email"], "dana@acme.example");
    assert_eq!(json["contacts"][0]["role"], "Finance director");
    assert!(html.body.contains("Dana Lee") && html.body.contains("mailto:dana@acme.example"), "rendered on the server");
}

fn correction(client: i64, id: i64, name: &str, email: &str) -> String {
    format!("{}&contact_id={id}", contact(client, name, email))
}

#[tokio::test]
async fn a_contact_is_corrected_in_place_and_a_refused_correction_changes_nothing() {
    let (_test, app, client, ada, _) = firm().await;
    let id: i64 = app
        .request(call(HOST, "/api/add_client_contact", &contact(client, "Dana", "dana%40acme.example"), &ada))
        .await
        .body
        .parse()
        .unwrap();

    let corrected =
        app.request(call(HOST, "/api/update_client_contact", &correction(client, id, "Dana%20Lee", ""), &ada)).await;
    let refused =
        app.request(call(HOST, "/api/update_client_contact", &correction(client, id, "Sam", "sam%40"), &ada)).await;
    let page = app.request(call(HOST, "/api/load_client", &format!("client_id={client}"), &ada)).await;

    assert_eq!(corrected.body, "null");
    assert!(refused.body.contains("\"field\":\"email\""), "{}", refused.body);
    let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(json["contacts"].as_array().map(Vec::len), Some(1), "{json}");
    assert_eq!(json["contacts"][0]["contact_id"], id);
    assert_eq!(json["contacts"][0]["name"], "Dana Lee");
    assert_eq!(json["contacts"][0]["email"], "", "an emptied email is stored empty");
}

#[tokio::test]
async fn employees_may_not_add_correct_or_remove_contacts() {
    let (_test, app, client, ada, emil) = firm().await;
    let id = app.request(call(HOST, "/api/add_client_contact", &contact(client, "Dana", ""), &ada)).await.body;

    let add = app.request(call(HOST, "/api/add_client_contact", &contact(client, "Eve", ""), &emil)).await;
    let remove = app
        .request(call(HOST, "/api/remove_client_contact", &format!("client_id={client}&contact_id={id}"), &emil))
        .await;
    let id: i64 = id.parse().unwrap();
    let update = app.request(call(HOST, "/api/update_client_contact", &correction(client, id, "Eve", ""), &emil)).await;

    assert_eq!((add.body.as_str(), remove.body.as_str()), ("\"Forbidden\"", "\"Forbidden\""));
    assert_eq!(update.body, "\"Forbidden\"");
}

#[tokio::test]
async fn a_contact_is_changed_only_through_its_own_client_and_never_in_another_firm() {
    let (test, app, client, ada, _) = firm().await;
    let id: i64 = app
        .request(call(HOST, "/api/add_client_contact", &contact(client, "Dana", ""), &ada))
        .await
        .body
        .parse()
        .unwrap();
    test.create_firm("beta").await;
    let beta = test.schema_of("beta").await;
    let beta_client: i64 =
        sqlx::query_scalar(&format!("insert into {beta}.clients (name) values ('Beta client') returning client_id"))
            .fetch_one(&mut test.raw().await)
            .await
            .unwrap();

    // An id alpha has no contact with, so only a leak across firms could find it.
    let beta_contact: i64 = sqlx::query_scalar(&format!(
        "insert into {beta}.client_contacts (client_contact_id, client_id, name) overriding system value
         values (5000, $1, 'Beatrice') returning client_contact_id"
    ))
    .bind(beta_client)
    .fetch_one(&mut test.raw().await)
    .await
    .unwrap();

    let wrong_client = app
        .request(call(HOST, "/api/remove_client_contact", &format!("client_id={}&contact_id={id}", client + 1), &ada))
        .await;
    let update_wrong_client =
        app.request(call(HOST, "/api/update_client_contact", &correction(client + 1, id, "Mallory", ""), &ada)).await;
    let update_betas = app
        .request(call(HOST, "/api/update_client_contact", &correction(beta_client, beta_contact, "Mallory", ""), &ada))
        .await;
    let to_unknown_client =
        app.request(call(HOST, "/api/add_client_contact", &contact(beta_client + 100, "Mallory", ""), &ada)).await;
    let removed = app
        .request(call(HOST, "/api/remove_client_contact", &format!("client_id={client}&contact_id={id}"), &ada))
        .await;
    let again = app
        .request(call(HOST, "/api/remove_client_contact", &format!("client_id={client}&contact_id={id}"), &ada))
        .await;

    assert_eq!(wrong_client.body, "\"NotFound\"");
    assert_eq!((update_wrong_client.body.as_str(), update_betas.body.as_str()), ("\"NotFound\"", "\"NotFound\""));
    assert_eq!(to_unknown_client.body, "\"NotFound\"");
    assert_eq!((removed.body.as_str(), again.body.as_str()), ("null", "\"NotFound\""));
    let beta_contacts: Vec<String> = sqlx::query_scalar(&format!("select name from {beta}.client_contacts"))
        .fetch_all(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(beta_contacts, ["Beatrice"], "beta's contact is untouched and nothing was added");
}
