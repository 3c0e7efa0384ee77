//! Invoicing's server functions, called as the hydrated pages call them,
//! on the app `pespro serve` builds: who may call which, another firm's
//! invoice as "not found", bad input answered at its field with nothing
//! stored, approval by someone other than the drafter, and the audit trail
//! that each step leaves behind.

use crate::helpers::{PASSWORD, Response, TestApp, TestDb, call, call_anonymous, form_encode};
use crate::invoice_fixture::{Firm, day, firm, firm_in};
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::practice::invoices::{mark_sent, submit_invoice};
use pespro::workflow::Rule;

/// The firm's host, as the fixture's firm `slug` is served.
pub(crate) fn host(firm: &Firm) -> String {
    format!("{}.localhost", firm.tenant.slug)
}

/// Signs `who` (the part before the `@` of a fixture person) in on the firm's host.
pub(crate) async fn signed_in(app: &TestApp, firm: &Firm, who: &str) -> String {
    let email = format!("{who}@{}.example", firm.tenant.slug);
    app.sign_in(&host(firm), &email, PASSWORD).await.map_err(|r| r.body).expect("sign in")
}

/// The error a server function answered with.
pub(crate) fn error_of(response: &Response) -> app::error::AppError {
    serde_json::from_str(&response.body).unwrap_or_else(|e| panic!("not an AppError ({e}): {}", response.body))
}

/// The sentence a server function answered with.
pub(crate) fn sentence_of(response: &Response) -> String {
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap_or_else(|e| panic!("not a sentence ({e}): {}", response.body))
}

/// One approved hour at 100.00 EUR, drafted by the manager: 120.00 EUR with VAT.
pub(crate) async fn one_hour_draft(firm: &Firm) -> i64 {
    firm.approved_time(day(2), 1, 60).await;
    firm.draft(day(1), day(30)).await
}

/// A contact of the client who receives its invoices.
pub(crate) async fn billing_contact(firm: &Firm, email: &str) {
    let sql = format!(
        "insert into {}.client_contacts (client_id, name, email, role) values ($1, 'Bea Billing', $2, 'Billing')",
        firm.schema
    );
    sqlx::query(&sql).bind(firm.client).bind(email).execute(&mut firm.test.raw().await).await.unwrap();
}

const NEW_INVOICE_NOVEMBER: &str = "form[from]=2026-11-01&form[to]=2026-11-30&form[grouping]=&form[expense_grouping]=&form[instalment]=\
     &form[instalment_value]=";

fn new_invoice(client: i64, rest: &str) -> String {
    format!("form[client_id]={client}&{rest}")
}

/// The settings form as the page posts it, with `pattern` as the number format.
fn settings_form(pattern: &str) -> String {
    [
        ("number_pattern", pattern),
        ("credit_pattern", "CN-{YYYY}-{seq:4}"),
        ("restart", "yearly"),
        ("grouping", "engagement"),
        ("expense_grouping", "category"),
        ("terms_kind", "days"),
        ("terms_days", "14"),
        ("footer", ""),
        ("payment_details", "IBAN FR76 0000"),
        ("design", "classic"),
    ]
    .iter()
    .map(|(name, value)| format!("settings[{name}]={}", form_encode(value)))
    .collect::<Vec<_>>()
    .join("&")
}

#[tokio::test]
async fn employees_may_not_see_or_draft_invoices_and_only_admins_change_the_invoice_settings() {
    let firm = firm("alpha").await;
    let id = one_hour_draft(&firm).await;
    firm.test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&firm.test).await;
    let host = host(&firm);
    let (emil, mia, ada) = (
        signed_in(&app, &firm, "emil").await,
        signed_in(&app, &firm, "mia").await,
        signed_in(&app, &firm, "ada").await,
    );
    let create = new_invoice(firm.client, NEW_INVOICE_NOVEMBER);
    let open = format!("invoice_id={id}");

    for (path, body) in [("/api/invoices", "status="), ("/api/create_invoice", &create), ("/api/invoice", &open)] {
        let employee = app.request(call(&host, path, body, &emil)).await;
        assert_eq!((employee.status, employee.body.as_str()), (StatusCode::FORBIDDEN, "\"Forbidden\""), "{path}");
        let nobody = app.request(call_anonymous(&host, path, body)).await;
        assert_eq!((nobody.status, nobody.body.as_str()), (StatusCode::UNAUTHORIZED, "\"Unauthenticated\""), "{path}");
    }
    let drafts: i64 = firm.scalar("select count(*) from {schema}.invoices").await;
    assert_eq!(drafts, 1, "the employee's create_invoice drafted nothing");
    let listed = app.request(call(&host, "/api/invoices", "status=drafts", &mia)).await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    let opened = app.request(call(&host, "/api/invoice", &open, &mia)).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);

    let good_settings = settings_form("INV-{YYYY}-{seq:3}");
    for (path, body) in [("/api/invoice_settings", ""), ("/api/save_invoice_settings", good_settings.as_str())] {
        let manager = app.request(call(&host, path, body, &mia)).await;
        assert_eq!((manager.status, manager.body.as_str()), (StatusCode::FORBIDDEN, "\"Forbidden\""), "{path}");
        let nobody = app.request(call_anonymous(&host, path, body)).await;
        assert_eq!(nobody.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let saved = app.request(call(&host, "/api/save_invoice_settings", &good_settings, &ada)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let read = app.request(call(&host, "/api/invoice_settings", "", &ada)).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    let data: serde_json::Value = serde_json::from_str(&read.body).unwrap();
    assert_eq!(data["form"]["number_pattern"], "INV-{YYYY}-{seq:3}");
    assert_eq!(data["form"]["terms_days"], "14");
}

#[tokio::test]
async fn another_firms_invoice_is_not_found_through_the_api_or_its_pdf() {
    let alpha = firm("alpha").await;
    let id = one_hour_draft(&alpha).await;
    let beta = firm_in(TestDb::on(alpha.test.db.clone(), alpha.test.options()), "beta").await;
    let app = TestApp::start(&alpha.test).await;
    let alpha_mia = signed_in(&app, &alpha, "mia").await;
    let beta_mia = signed_in(&app, &beta, "mia").await;

    let asked = app.request(call("beta.localhost", "/api/invoice", &format!("invoice_id={id}"), &beta_mia)).await;
    let pdf = app.get_with("beta.localhost", &format!("/invoices/{id}/pdf"), &beta_mia).await;

    assert_eq!((asked.status, asked.body.as_str()), (StatusCode::NOT_FOUND, "\"NotFound\""));
    assert_eq!(pdf.status, StatusCode::NOT_FOUND);
    assert!(!pdf.body.contains("Acme"), "{}", pdf.body);
    // Alpha's own manager sees it, and alpha's cookie means nothing on beta's host.
    let own = app.request(call("alpha.localhost", "/api/invoice", &format!("invoice_id={id}"), &alpha_mia)).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let crossed = app.request(call("beta.localhost", "/api/invoice", &format!("invoice_id={id}"), &alpha_mia)).await;
    assert_eq!(crossed.status, StatusCode::UNAUTHORIZED, "{}", crossed.body);
}

#[tokio::test]
async fn a_number_format_without_a_counter_is_refused_at_its_field_and_not_saved() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;

    let refused =
        app.request(call(&host(&firm), "/api/save_invoice_settings", &settings_form("INV-{YYYY}"), &ada)).await;

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let message = error_of(&refused).for_field("number_pattern").expect("the error names number_pattern");
    assert!(message.contains("{seq}"), "{message}");
    let stored: i64 = firm.scalar("select count(*) from {schema}.firm_settings where setting_key = 'invoicing'").await;
    assert_eq!(stored, 0, "nothing was saved");
    let read = app.request(call(&host(&firm), "/api/invoice_settings", "", &ada)).await;
    let data: serde_json::Value = serde_json::from_str(&read.body).unwrap();
    assert_eq!(data["form"]["number_pattern"], "{YYYY}-{seq:4}", "still the default");
}

#[tokio::test]
async fn a_period_that_ends_before_it_starts_is_refused_at_the_to_field_and_drafts_nothing() {
    let firm = firm("alpha").await;
    firm.approved_time(day(2), 1, 60).await;
    let app = TestApp::start(&firm.test).await;
    let mia = signed_in(&app, &firm, "mia").await;
    let backwards = new_invoice(
        firm.client,
        "form[from]=2026-11-30&form[to]=2026-11-01&form[grouping]=&form[expense_grouping]=&form[instalment]=\
         &form[instalment_value]=",
    );

    let refused = app.request(call(&host(&firm), "/api/create_invoice", &backwards, &mia)).await;

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    let message = error_of(&refused).for_field("to").expect("the error names to");
    assert!(message.contains("ends before it starts"), "{message}");
    let drafts: i64 = firm.scalar("select count(*) from {schema}.invoices").await;
    let linked: i64 = firm.scalar("select count(*) from {schema}.time_entries where invoice_line_id is not null").await;
    assert_eq!((drafts, linked), (0, 0));
}

#[tokio::test]
async fn an_overpayment_is_refused_at_the_amount_saying_what_is_still_due_and_records_nothing() {
    let firm = firm("alpha").await;
    firm.send_directly().await;
    let id = one_hour_draft(&firm).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, id, day(30)).await.unwrap();
    mark_sent(&mut tx, id).await.unwrap();
    tx.commit().await.unwrap();
    let app = TestApp::start(&firm.test).await;
    let mia = signed_in(&app, &firm, "mia").await;
    let pay = |amount: &str| {
        format!("invoice_id={id}&paid_on=2026-11-30&amount={amount}&method=bank_transfer&reference=REF-1")
    };

    let part = app.request(call(&host(&firm), "/api/record_invoice_payment", &pay("100"), &mia)).await;
    let too_much = app.request(call(&host(&firm), "/api/record_invoice_payment", &pay("20.01"), &mia)).await;

    assert!(sentence_of(&part).starts_with("Payment recorded"), "{}", part.body);
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", too_much.body);
    let message = error_of(&too_much).for_field("amount").expect("the error names amount");
    assert!(message.contains("20.00 EUR still due"), "{message}");
    let payments: i64 = firm.scalar("select count(*) from {schema}.invoice_payments").await;
    let paid: i64 = firm.scalar("select paid_minor from {schema}.invoices").await;
    assert_eq!((payments, paid), (1, 10_000), "only the first payment was recorded");
}

#[tokio::test]
async fn the_drafter_may_not_approve_their_invoice_and_an_admins_approval_says_why_it_was_not_sent() {
    let firm = firm("alpha").await;
    firm.invoice_policy(vec![Rule::Approvals { count: 1, role: Role::Manager, only_for: None }]).await;
    let id = one_hour_draft(&firm).await;
    let app = TestApp::start(&firm.test).await;
    let (mia, ada) = (signed_in(&app, &firm, "mia").await, signed_in(&app, &firm, "ada").await);
    let approve = format!("invoice_id={id}&decision=approve&comment=");

    let submitted = app.request(call(&host(&firm), "/api/submit_invoice", &format!("invoice_id={id}"), &mia)).await;
    let own = app.request(call(&host(&firm), "/api/decide_invoice", &approve, &mia)).await;
    let admins = app.request(call(&host(&firm), "/api/decide_invoice", &approve, &ada)).await;

    assert_eq!(sentence_of(&submitted), "Submitted: it is waiting for approval.");
    assert_eq!(own.status, StatusCode::CONFLICT, "{}", own.body);
    assert_eq!(error_of(&own).to_string(), "You drafted this invoice; someone else must approve it.");
    let answer = sentence_of(&admins);
    assert!(answer.starts_with("Approved, not sent yet: "), "{answer}");
    assert!(answer.contains("no contact with an email address"), "{answer}");
    let (status, number): (String, Option<String>) = {
        let sql = format!("select status, number from {}.invoices where invoice_id = $1", firm.schema);
        sqlx::query_as(&sql).bind(id).fetch_one(&mut firm.test.raw().await).await.unwrap()
    };
    assert_eq!(status, "approved", "approved, numbered, and waiting to be sent");
    assert!(number.is_some());
}

#[tokio::test]
async fn submitting_approving_sending_and_payments_are_in_the_firms_audit_trail_with_who_did_them() {
    let firm = firm("alpha").await;
    firm.invoice_policy(vec![Rule::Approvals { count: 1, role: Role::Manager, only_for: None }]).await;
    billing_contact(&firm, "bea@acme.example").await;
    let id = one_hour_draft(&firm).await;
    // Mail goes to the run's outbox folder: this test is about the trail.
    let app = TestApp::start(&firm.test).await;
    let (mia, ada) = (signed_in(&app, &firm, "mia").await, signed_in(&app, &firm, "ada").await);
    let host = host(&firm);

    let submitted = app.request(call(&host, "/api/submit_invoice", &format!("invoice_id={id}"), &mia)).await;
    let approve = format!("invoice_id={id}&decision=approve&comment=");
    let approved = app.request(call(&host, "/api/decide_invoice", &approve, &ada)).await;
    let paid = app
        .request(call(
            &host,
            "/api/record_invoice_payment",
            &format!("invoice_id={id}&paid_on=2026-12-01&amount=120&method=card&reference="),
            &mia,
        ))
        .await;

    sentence_of(&submitted);
    assert_eq!(sentence_of(&approved), "Approved and sent to bea@acme.example.");
    assert_eq!(sentence_of(&paid), "Payment recorded: the invoice is paid.");
    let sql = format!(
        "select action, actor_label from {}.audit_events where action like 'invoice.%' order by audit_event_id",
        firm.schema
    );
    let trail: Vec<(String, String)> = sqlx::query_as(&sql).fetch_all(&mut firm.test.raw().await).await.unwrap();
    let expected = [
        ("invoice.submitted", "mia@alpha.example"),
        ("invoice.decided", "ada@alpha.example"),
        ("invoice.sent", "ada@alpha.example"),
        ("invoice.payment", "mia@alpha.example"),
    ];
    let trail: Vec<(&str, &str)> = trail.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(trail, expected);
}
