//! A client's invoicing terms (code, taxes, invoice notes) and a retainer's
//! included hours through the server functions their pages use, then what a
//! draft invoice makes of the taxes: saved terms are exactly what drafting
//! reads, and nothing from another firm is ever linked.

use crate::helpers::{PASSWORD, TestApp, call, form_post, location};
use crate::invoice_fixture::{Firm, day, firm};
use axum::body::Body;
use axum::http::StatusCode;
use axum::http::header;
use pespro::access::Role;
use pespro::practice::invoices::invoice_page;

const HOST: &str = "alpha.localhost";

fn encode(body: &str) -> String {
    body.replace('[', "%5B").replace(']', "%5D")
}

/// Alpha (a client, an hourly engagement, VAT 20 % by default) plus a GST
/// rate that applies only when chosen, and an employee. Returns the app,
/// the manager's and the employee's sessions and the GST rate's id.
async fn setup() -> (Firm, TestApp, String, String, i64) {
    let firm = firm("alpha").await;
    firm.test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let gst: i64 = firm
        .scalar("insert into {schema}.tax_rates (name, rate_thousandths) values ('GST', 5000) returning tax_rate_id")
        .await;
    let app = TestApp::start(&firm.test).await;
    let mia = app.sign_in(HOST, "mia@alpha.example", PASSWORD).await.unwrap();
    let emil = app.sign_in(HOST, "emil@alpha.example", PASSWORD).await.unwrap();
    (firm, app, mia, emil, gst)
}

fn terms(client: i64, code: &str, mode: &str, rates: &[i64], notes: &str) -> String {
    let ticked: String = rates.iter().map(|id| format!("&form[tax_rates][t{id}]=on")).collect();
    encode(&format!("client_id={client}&form[code]={code}&form[tax_mode]={mode}{ticked}&form[invoice_notes]={notes}"))
}

async fn linked(firm: &Firm) -> Vec<i64> {
    let sql = format!("select tax_rate_id from {}.client_tax_rates order by tax_rate_id", firm.schema);
    sqlx::query_scalar(&sql).fetch_all(&mut firm.test.raw().await).await.unwrap()
}

#[tokio::test]
async fn a_manager_saves_the_code_own_rates_and_notes_and_everyone_reads_them_back() {
    let (firm, app, mia, emil, gst) = setup().await;

    let saved = app
        .request(call(
            HOST,
            "/api/save_client_invoicing",
            &terms(firm.client, "acme-9", "own", &[gst], "Quote%20PO%204711"),
            &mia,
        ))
        .await;
    let page = app.request(call(HOST, "/api/load_client", &format!("client_id={}", firm.client), &emil)).await;
    let html = app.get_with(HOST, &format!("/clients/{}", firm.client), &emil).await;

    assert_eq!(saved.body, "null");
    let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    let form = &json["invoicing"]["form"];
    assert_eq!((form["code"].as_str(), form["tax_mode"].as_str()), (Some("ACME-9"), Some("own")), "{json}");
    assert_eq!(form["tax_rates"], serde_json::json!({ format!("t{gst}"): "on" }));
    assert_eq!(form["invoice_notes"], "Quote PO 4711");
    assert_eq!(json["invoicing"]["rates"].as_array().map(Vec::len), Some(2), "the firm's rates to choose from");
    assert_eq!(linked(&firm).await, [gst]);
    assert!(html.body.contains("ACME-9") && html.body.contains("Its own rates: GST 5 %"), "read-only for employees");
    assert!(!html.body.contains("Save invoicing"), "no form for employees");

    let back_to_firm = app
        .request(call(HOST, "/api/save_client_invoicing", &terms(firm.client, "ACME-9", "firm", &[gst], ""), &mia))
        .await;
    assert_eq!(back_to_firm.body, "null");
    assert!(linked(&firm).await.is_empty(), "the own set goes with the mode");
}

#[tokio::test]
async fn a_code_another_client_has_is_refused_at_its_field() {
    let (firm, app, mia, _, _) = setup().await;
    let _other: i64 =
        firm.scalar("insert into {schema}.clients (name, code) values ('Beacon', 'BEACON') returning client_id").await;

    let taken = app
        .request(call(HOST, "/api/save_client_invoicing", &terms(firm.client, "beacon", "firm", &[], ""), &mia))
        .await;
    let malformed = app
        .request(call(HOST, "/api/save_client_invoicing", &terms(firm.client, "AC%20ME", "firm", &[], ""), &mia))
        .await;

    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", taken.body);
    assert!(taken.body.contains("\"field\":\"code\"") && taken.body.contains("already has"), "{}", taken.body);
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", malformed.body);
    assert!(malformed.body.contains("\"field\":\"code\""), "{}", malformed.body);
    let code: String =
        firm.scalar(&format!("select code from {{schema}}.clients where client_id = {}", firm.client)).await;
    assert!(code.starts_with("ACMELT"), "unchanged: {code}");
}

#[tokio::test]
async fn without_javascript_the_form_posts_and_a_taken_code_shows_at_its_field() {
    let (firm, app, mia, _, _) = setup().await;
    let _other: i64 =
        firm.scalar("insert into {schema}.clients (name, code) values ('Beacon', 'BEACON') returning client_id").await;
    let page = format!("/clients/{}", firm.client);
    let post = |body: String| {
        form_post(HOST, "/api/save_client_invoicing", Some(&mia))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, format!("http://{HOST}{page}"))
            .body(Body::from(body))
            .unwrap()
    };

    let saved = app.request(post(terms(firm.client, "acme", "exempt", &[], "Net%2030"))).await;
    let refused = app.request(post(terms(firm.client, "beacon", "firm", &[], ""))).await;
    let back = location(&refused).strip_prefix(&format!("http://{HOST}")).unwrap().to_owned();
    let shown = app.get_with(HOST, &back, &mia).await;

    assert_eq!(saved.status, StatusCode::FOUND, "{}", saved.body);
    let saved_back = location(&saved);
    assert!(saved_back.contains(&page) && !saved_back.contains("__err"), "{saved_back}");
    assert!(back.contains("__err="), "{back}");
    assert!(shown.body.contains("Another client already has this code"), "the message, on the page");
    let stored: (String, String, String) = sqlx::query_as(&format!(
        "select code, tax_mode, invoice_notes from {}.clients where client_id = $1",
        firm.schema
    ))
    .bind(firm.client)
    .fetch_one(&mut firm.test.raw().await)
    .await
    .unwrap();
    assert_eq!(stored, ("ACME".to_owned(), "exempt".to_owned(), "Net 30".to_owned()));
}

#[tokio::test]
async fn an_employee_cannot_save_invoicing_terms() {
    let (firm, app, _, emil, _) = setup().await;

    let refused =
        app.request(call(HOST, "/api/save_client_invoicing", &terms(firm.client, "X", "exempt", &[], ""), &emil)).await;

    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.body, "\"Forbidden\"");
    let mode: String = firm.scalar("select tax_mode from {schema}.clients").await;
    assert_eq!(mode, "firm");
}

#[tokio::test]
async fn another_firm_s_or_an_archived_tax_rate_is_refused_and_nothing_is_linked() {
    let (firm, app, mia, _, gst) = setup().await;
    firm.test.create_firm("beta").await;
    let beta = firm.test.schema_of("beta").await;
    let mut conn = firm.test.raw().await;
    let mut beta_rate = 0;
    // Ids repeat across firms' schemas: go past alpha's so the id names no alpha rate.
    for name in ["A", "B", "C", "D", "E"] {
        beta_rate = sqlx::query_scalar(&format!(
            "insert into {beta}.tax_rates (name, rate_thousandths) values ($1, 1000) returning tax_rate_id"
        ))
        .bind(name)
        .fetch_one(&mut conn)
        .await
        .unwrap();
    }
    let archived: i64 = firm
        .scalar("insert into {schema}.tax_rates (name, rate_thousandths, archived_at) values ('Old', 7000, now()) returning tax_rate_id")
        .await;
    assert!(beta_rate > archived, "beta's rate id is unknown in alpha");
    let save =
        |rates: &[i64]| call(HOST, "/api/save_client_invoicing", &terms(firm.client, "ACME", "own", rates, ""), &mia);

    let foreign = app.request(save(&[gst, beta_rate])).await;
    let old = app.request(save(&[archived])).await;

    for refused in [&foreign, &old] {
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        assert!(refused.body.contains("\"field\":\"tax_rates\""), "{}", refused.body);
    }
    assert!(linked(&firm).await.is_empty(), "not even alpha's own GST: the save is refused whole");
    let mode: String = firm.scalar("select tax_mode from {schema}.clients").await;
    assert_eq!(mode, "firm");
}

#[tokio::test]
async fn a_draft_for_an_exempt_client_has_no_tax_and_for_an_own_client_exactly_its_rates() {
    let (firm, app, mia, _, gst) = setup().await;
    let save = |mode: &str, rates: &[i64]| {
        call(HOST, "/api/save_client_invoicing", &terms(firm.client, "ACME", mode, rates, "Thank%20you"), &mia)
    };

    assert_eq!(app.request(save("exempt", &[])).await.body, "null");
    firm.approved_time(day(2), 1, 60).await;
    let exempt = firm.draft(day(1), day(15)).await;
    assert_eq!(app.request(save("own", &[gst])).await.body, "null");
    firm.approved_time(day(20), 1, 60).await;
    let own = firm.draft(day(16), day(30)).await;

    let mut tx = firm.tx().await;
    let exempt = invoice_page(&mut tx, exempt, (firm.manager, Role::Manager), day(30)).await.unwrap();
    let own = invoice_page(&mut tx, own, (firm.manager, Role::Manager), day(30)).await.unwrap();
    assert!(exempt.taxes.is_empty(), "{:?}", exempt.taxes);
    assert_eq!((exempt.subtotal.as_str(), exempt.total.as_str()), ("100.00 EUR", "100.00 EUR"));
    assert_eq!(exempt.notes, "Thank you", "the client's invoice notes");
    let labels: Vec<&str> = own.taxes.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(labels, ["GST 5 %"], "its own rate, not the firm's default VAT");
    assert_eq!(own.total, "105.00 EUR");
}

async fn retainer_columns(firm: &Firm, engagement: i64) -> (Option<i32>, bool) {
    let sql =
        format!("select retainer_minutes, bill_overage from {}.engagements where engagement_id = $1", firm.schema);
    sqlx::query_as(&sql).bind(engagement).fetch_one(&mut firm.test.raw().await).await.unwrap()
}

#[tokio::test]
async fn a_retainer_s_included_hours_and_overage_round_trip_and_other_models_drop_them() {
    let (firm, app, mia, _, _) = setup().await;
    let base = format!("client_id={}&form[code]=RET-1&form[name]=Support&form[active]=on", firm.client);
    let retainer = "form[billing_model]=retainer&form[fee]=1500&form[retainer_period]=month";
    let create = |extra: &str| call(HOST, "/api/create_engagement", &encode(&format!("{base}&{extra}")), &mia);

    let no_hours = app.request(create(&format!("{retainer}&form[bill_overage]=on"))).await;
    let created = app.request(create(&format!("{retainer}&form[retainer_hours]=20&form[bill_overage]=on"))).await;
    let id: i64 = created.body.parse().expect(&created.body);
    let page = app.request(call(HOST, "/api/load_engagement", &format!("engagement_id={id}"), &mia)).await;

    assert!(no_hours.body.contains("\"field\":\"bill_overage\""), "{}", no_hours.body);
    let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(
        (json["form"]["retainer_hours"].as_str(), json["form"]["bill_overage"].as_str()),
        (Some("20:00"), Some("on"))
    );
    assert_eq!(retainer_columns(&firm, id).await, (Some(1200), true));

    let body = format!(
        "engagement_id={id}&form[code]=RET-1&form[name]=Support&form[billing_model]=hourly&form[retainer_hours]=20&form[bill_overage]=on"
    );
    let hourly = app.request(call(HOST, "/api/save_engagement", &encode(&body), &mia)).await;
    assert_eq!(hourly.body, "null");
    assert_eq!(retainer_columns(&firm, id).await, (None, false), "ignored for an hourly engagement");
}
