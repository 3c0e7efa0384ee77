//! Expenses with receipts: recorded through the multipart route the page
//! posts to, listed by the server function the page reads, and receipts
//! served only to their owner and to approvers of the same firm — all of it
//! refused when the firm has expenses switched off.

use crate::helpers::{PASSWORD, Response, TestApp, TestDb, call, fresh_database, location};
use crate::my_week::engagements;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use pespro::access::Role;
use pespro::flags::{FlagValue, Plan};
use pespro::tenancy::TenantRegistry;

const HOST: &str = "alpha.localhost";
const BOUNDARY: &str = "pesproBoundary7MA4YWxk";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

struct Firm {
    test: TestDb,
    app: TestApp,
    engagement: i64,
    emma: String,
}

async fn firm() -> Firm {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
    test.create_person("alpha", "eli@alpha.example", Role::Employee).await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let engagement = engagements(&test, "alpha", 1).await[0];
    let app = TestApp::start(&test).await;
    let emma = app.sign_in(HOST, "emma@alpha.example", PASSWORD).await.unwrap();
    Firm { test, app, engagement, emma }
}

/// A multipart body with the text `fields` and, if given, a receipt file
/// (named and typed as a liar would: the server must look at the bytes).
fn multipart(fields: &[(&str, String)], receipt: Option<&[u8]>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").bytes(),
        );
    }
    if let Some(bytes) = receipt {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\"receipt.png\"\r\n\
                 Content-Type: image/png\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    body
}

fn fields(engagement: i64, amount: &str) -> Vec<(&'static str, String)> {
    vec![
        ("engagement_id", engagement.to_string()),
        ("spent_on", "2026-11-20".into()),
        ("amount", amount.into()),
        ("currency", "EUR".into()),
        ("category", "travel".into()),
        ("billable", "true".into()),
        ("notes", "Train to the client".into()),
    ]
}

async fn post_expense(app: &TestApp, host: &str, cookie: &str, body: Vec<u8>) -> Response {
    let request = Request::post("/expenses/new")
        .header("host", host)
        .header("origin", format!("http://{host}"))
        .header("cookie", cookie)
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(body))
        .unwrap();
    app.request(request).await
}

async fn listed(app: &TestApp, cookie: &str) -> Vec<serde_json::Value> {
    let response = app.request(call(HOST, "/api/my_expenses", "", cookie)).await;
    let page: serde_json::Value = serde_json::from_str(&response.body).expect(&response.body);
    page["expenses"].as_array().unwrap().clone()
}

#[tokio::test]
async fn an_employee_adds_an_expense_with_a_receipt_that_only_they_and_approvers_can_open() {
    let Firm { test, app, engagement, emma } = firm().await;

    let added = post_expense(&app, HOST, &emma, multipart(&fields(engagement, "12,50"), Some(PNG))).await;

    assert_eq!((added.status, location(&added)), (StatusCode::SEE_OTHER, "/expenses?added=1"), "{}", added.body);
    let expenses = listed(&app, &emma).await;
    assert_eq!(expenses.len(), 1);
    assert_eq!(expenses[0]["amount"]["minor"], 1250);
    assert_eq!(expenses[0]["status"], "Draft");
    assert_eq!(expenses[0]["has_receipt"], true);
    let id = expenses[0]["expense_id"].as_i64().unwrap();
    let path = format!("/expenses/{id}/receipt");
    let own = app.get_with(HOST, &path, &emma).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.headers["content-type"], "image/png");
    assert_eq!(own.headers["x-content-type-options"], "nosniff");
    assert_eq!(own.headers["cache-control"], "private, no-store");
    assert!(own.headers["content-disposition"].to_str().unwrap().starts_with("inline;"));
    let eli = app.sign_in(HOST, "eli@alpha.example", PASSWORD).await.unwrap();
    assert_eq!(app.get_with(HOST, &path, &eli).await.status, StatusCode::FORBIDDEN, "another employee");
    let mia = app.sign_in(HOST, "mia@alpha.example", PASSWORD).await.unwrap();
    assert_eq!(app.get_with(HOST, &path, &mia).await.status, StatusCode::OK, "a manager approves expenses");
    assert!(listed(&app, &eli).await.is_empty(), "each person lists their own");

    test.create_firm("beta").await;
    test.create_person("beta", "bo@beta.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let bo = app.sign_in("beta.localhost", "bo@beta.example", PASSWORD).await.unwrap();
    assert_eq!(app.get_with("beta.localhost", &path, &bo).await.status, StatusCode::NOT_FOUND, "another firm");
}

#[tokio::test]
async fn each_bad_field_comes_back_to_its_field_with_what_was_typed() {
    let Firm { app, engagement, emma, .. } = firm().await;
    let with = |name: &'static str, value: &str| {
        let mut all = fields(engagement, "9.99");
        all.retain(|(n, _)| *n != name);
        all.push((name, value.to_owned()));
        all
    };
    let cases = [
        (with("engagement_id", ""), "noengagement"),
        (with("spent_on", "soon"), "nodate"),
        (with("amount", "abc"), "noamount"),
        (with("amount", "1.999"), "toomanydecimals"),
        (with("currency", "euro"), "badcurrency"),
        (with("category", "yachts"), "nocategory"),
        (with("notes", &"x".repeat(501)), "notestoolong"),
    ];
    for (form, code) in cases {
        let response = post_expense(&app, HOST, &emma, multipart(&form, None)).await;
        assert!(
            location(&response).starts_with(&format!("/expenses?problem={code}&")),
            "{code}: {}",
            location(&response)
        );
    }
    let back = post_expense(&app, HOST, &emma, multipart(&with("amount", "abc"), None)).await;
    assert!(location(&back).contains("amount=abc"), "what was typed is kept");
    let page = app.get_with(HOST, location(&back), &emma).await;
    assert!(page.body.contains("Enter the amount, such as 12.50."), "{}", page.body);
    assert!(listed(&app, &emma).await.is_empty(), "nothing was recorded");
}

#[tokio::test]
async fn receipts_are_judged_by_size_and_by_their_bytes_not_their_name() {
    let Firm { app, engagement, emma, .. } = firm().await;

    let html = post_expense(&app, HOST, &emma, multipart(&fields(engagement, "5"), Some(b"<html><script>"))).await;
    let mut big = PNG.to_vec();
    big.resize(5 * 1024 * 1024 + 1, 0);
    let too_big = post_expense(&app, HOST, &emma, multipart(&fields(engagement, "5"), Some(&big))).await;
    let mut just_fits = PNG.to_vec();
    just_fits.resize(5 * 1024 * 1024, 0);
    let fits = post_expense(&app, HOST, &emma, multipart(&fields(engagement, "5"), Some(&just_fits))).await;

    assert!(location(&html).starts_with("/expenses?problem=receipttype&"), "{}", location(&html));
    assert!(location(&too_big).starts_with("/expenses?problem=receipttoobig&"), "{}", location(&too_big));
    assert_eq!(location(&fits), "/expenses?added=1");
    assert_eq!(listed(&app, &emma).await.len(), 1);
}

#[tokio::test]
async fn another_firms_engagement_is_not_open_here() {
    let Firm { test, app, emma, .. } = firm().await;
    test.create_firm("beta").await;
    let theirs = engagements(&test, "beta", 2).await[1];

    let response = post_expense(&app, HOST, &emma, multipart(&fields(theirs, "5"), None)).await;

    assert!(location(&response).starts_with("/expenses?problem=engagementnotopen&"), "{}", location(&response));
}

#[tokio::test]
async fn a_post_from_another_site_is_refused() {
    let Firm { app, engagement, emma, .. } = firm().await;
    let request = Request::post("/expenses/new")
        .header("host", HOST)
        .header("origin", "http://evil.example")
        .header("cookie", &emma)
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(Body::from(multipart(&fields(engagement, "5"), None)))
        .unwrap();

    assert_eq!(app.request(request).await.status, StatusCode::FORBIDDEN);
    assert!(listed(&app, &emma).await.is_empty());
}

#[tokio::test]
async fn with_expenses_switched_off_the_link_is_gone_and_everything_refuses() {
    let Firm { test, app, engagement, emma } = firm().await;
    let before = app.get_with(HOST, "/time", &emma).await;
    assert!(before.body.contains("href=\"/expenses\""), "the nav links to expenses while on");
    let firm = TenantRegistry::load(&test.db).await.unwrap().by_slug("alpha").unwrap();
    let mut tx = test.db.tenant_tx(firm.handle()).await.unwrap();
    pespro::flags::set_firm_setting(&mut tx, "expenses", Some(FlagValue::Off)).await.unwrap();
    tx.commit().await.unwrap();
    // Written beside the app, not through it: the app hears of the change
    // by notification, a moment after the commit (firm_data's contract).
    let mut page = app.get_with(HOST, "/expenses", &emma).await;
    for _ in 0..100 {
        if !page.body.contains("href=\"/expenses\"") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        page = app.get_with(HOST, "/expenses", &emma).await;
    }

    let list = app.request(call(HOST, "/api/my_expenses", "", &emma)).await;
    let post = post_expense(&app, HOST, &emma, multipart(&fields(engagement, "5"), Some(PNG))).await;

    assert!(!page.body.contains("href=\"/expenses\""), "no link in the nav");
    assert!(
        page.body.contains("Expenses aren&#x27;t available here")
            || page.body.contains("Expenses aren't available here"),
        "{}",
        page.body
    );
    assert!(list.body.starts_with("{\"PlanLimit\":\"Expenses aren't available here"), "{}", list.body);
    assert_eq!(post.status, StatusCode::FORBIDDEN);

    pespro::flags::set_plan(&test.db, firm.id, Plan::Starter).await.unwrap();
    let mut tx = test.db.tenant_tx(firm.handle()).await.unwrap();
    pespro::flags::set_firm_setting(&mut tx, "expenses", None).await.unwrap();
    tx.commit().await.unwrap();
    let app = TestApp::start(&test).await;
    assert_eq!(
        post_expense(&app, HOST, &emma, multipart(&fields(engagement, "5"), None)).await.status,
        StatusCode::SEE_OTHER
    );
}
