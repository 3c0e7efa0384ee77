//! Correcting an expense through its server function: a submitted expense
//! goes back to draft and the approvals it had stop counting; an approved
//! one is final; only one's own expense can be corrected.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use axum::http::StatusCode;
use pespro::access::Role;

const HOST: &str = "alpha.localhost";

struct Firm {
    test: TestDb,
    app: TestApp,
    avery: String,
    morgan: String,
    emery: String,
    expense: i64,
}

/// Emery (in Morgan's team) has a 250.00 USD expense; the expense policy
/// asks for the submitter's manager, then one administrator.
async fn firm() -> Firm {
    let test = fresh_database().await;
    let tenant = test.create_firm("alpha").await;
    pespro::flags::set_plan(&test.db, tenant.id, pespro::flags::Plan::Enterprise).await.unwrap();
    test.create_person("alpha", "avery@alpha.example", Role::Admin).await;
    let morgan = test.create_person("alpha", "morgan@alpha.example", Role::Manager).await;
    let emery = test.create_person("alpha", "emery@alpha.example", Role::Employee).await;
    let schema = test.schema_of("alpha").await;
    let mut conn = test.raw().await;
    let expense: i64 = sqlx::query_scalar(&format!(
        "with c as (insert into {schema}.clients (name) values ('Acme Ltd') returning client_id),
              e as (insert into {schema}.engagements (client_id, code, name)
                    select client_id, 'E1', 'Audit' from c returning engagement_id),
              t as (insert into {schema}.teams (name, manager_id) values ('Delivery', $1) returning team_id),
              m as (insert into {schema}.team_members (user_id, team_id) select $2, team_id from t)
         insert into {schema}.expenses (user_id, engagement_id, spent_on, amount_minor, currency, category)
         select $2, engagement_id, '2026-11-20', 25000, 'USD', 'travel' from e
         returning expense_id"
    ))
    .bind(morgan)
    .bind(emery)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let app = TestApp::start(&test).await;
    let avery = app.sign_in(HOST, "avery@alpha.example", PASSWORD).await.unwrap();
    let morgan = app.sign_in(HOST, "morgan@alpha.example", PASSWORD).await.unwrap();
    let emery = app.sign_in(HOST, "emery@alpha.example", PASSWORD).await.unwrap();
    let rules = "form[kind]=expense&form[intent]=save&form[rules][0][kind]=manager\
                 &form[rules][1][kind]=approvals&form[rules][1][count]=1&form[rules][1][role]=admin";
    let saved =
        app.request(call(HOST, "/api/save_workflow", &rules.replace('[', "%5B").replace(']', "%5D"), &avery)).await;
    assert!(saved.body.contains("\"saved_version\":2"), "{}", saved.body);
    Firm { test, app, avery, morgan, emery, expense }
}

impl Firm {
    async fn post(&self, path: &str, body: &str, who: &str) -> String {
        self.app.request(call(HOST, path, body, who)).await.body
    }

    async fn submit(&self) -> String {
        self.post("/api/submit_expense", &format!("expense_id={}", self.expense), &self.emery).await
    }

    async fn approve(&self, who: &str) -> String {
        self.post("/api/decide_expense", &format!("expense_id={}&decision=approve&comment=", self.expense), who).await
    }

    async fn correct(&self, who: &str, amount: &str) -> String {
        self.post("/api/correct_expense", &format!("expense_id={}&amount={amount}&notes=Taxi", self.expense), who).await
    }

    async fn waiting_for(&self, who: &str) -> usize {
        let inbox: serde_json::Value = serde_json::from_str(&self.post("/api/load_inbox", "", who).await).unwrap();
        inbox["expenses"].as_array().map_or(0, Vec::len)
    }
}

#[tokio::test]
async fn correcting_a_half_approved_expense_voids_the_approval_and_needs_a_new_submission() {
    let f = firm().await;
    assert_eq!(f.submit().await, "\"Submitted\"");
    assert_eq!(f.approve(&f.morgan).await, "\"Submitted\"", "the administrator's step is still to come");

    let corrected = f.correct(&f.emery, "300").await;

    assert_eq!(corrected, "1", "Morgan's approval was given to 250.00, not 300.00");
    assert_eq!(f.waiting_for(&f.avery).await, 0, "a draft waits for nobody");
    let listed = f.post("/api/my_expenses", "", &f.emery).await;
    assert!(listed.contains("\"minor\":30000") && listed.contains("\"status\":\"Draft\""), "{listed}");
    assert_eq!(f.submit().await, "\"Submitted\"");
    assert_eq!(f.waiting_for(&f.morgan).await, 1, "a new round starts again with the manager");
}

#[tokio::test]
async fn an_approved_expense_is_final_and_a_bad_amount_is_refused_at_its_field() {
    let f = firm().await;
    f.submit().await;
    f.approve(&f.morgan).await;
    let bad = f.correct(&f.emery, "lots").await;
    assert_eq!(f.approve(&f.avery).await, "\"Approved\"");

    let final_ = f.correct(&f.emery, "10").await;

    assert!(bad.contains("\"field\":\"amount\""), "{bad}");
    assert!(final_.contains("Conflict") && final_.contains("approved document can't be changed"), "{final_}");
}

#[tokio::test]
async fn someone_else_s_expense_is_not_found_and_unchanged() {
    let f = firm().await;

    let by_manager = f.correct(&f.morgan, "1").await;

    assert_eq!(by_manager, "\"NotFound\"");
    let schema = f.test.schema_of("alpha").await;
    let amount: i64 = sqlx::query_scalar(&format!("select amount_minor from {schema}.expenses"))
        .fetch_one(&mut f.test.raw().await)
        .await
        .unwrap();
    assert_eq!(amount, 25_000);
}

#[tokio::test]
async fn the_owner_reads_why_an_expense_was_sent_back_in_the_approver_s_words_until_it_is_submitted_again() {
    let f = firm().await;
    f.submit().await;
    let sent_back = f
        .post("/api/decide_expense", &format!("expense_id={}&decision=reject&comment=No+receipt", f.expense), &f.morgan)
        .await;
    let mine: serde_json::Value = serde_json::from_str(&f.post("/api/my_expenses", "", &f.emery).await).unwrap();
    let page = f.app.get_with(HOST, "/expenses", &f.emery).await;
    f.submit().await;
    let again: serde_json::Value = serde_json::from_str(&f.post("/api/my_expenses", "", &f.emery).await).unwrap();

    assert_eq!(sent_back, "\"Rejected\"");
    assert_eq!(mine["expenses"][0]["sent_back_because"], "No receipt", "{mine}");
    assert!(
        page.body.contains("Sent back") && page.body.contains("Why: No receipt"),
        "the page says it in those words"
    );
    assert_eq!(
        again["expenses"][0]["sent_back_because"],
        serde_json::Value::Null,
        "submitted again: no longer sent back"
    );
}

/// Notifications follow an expense as they follow a week: its manager when
/// submitted, the administrator once the manager approved, its owner at
/// the end — with the reason when it comes back.
#[tokio::test]
async fn each_step_of_an_expense_tells_the_people_it_concerns() {
    let f = firm().await;
    let kinds = async |who: &str| -> Vec<String> {
        let list: Vec<serde_json::Value> = serde_json::from_str(&f.post("/api/load_notices", "", who).await).unwrap();
        list.iter().map(|n| n["kind"].as_str().unwrap().to_owned()).collect()
    };
    f.submit().await;
    assert_eq!(kinds(&f.morgan).await, ["ExpenseWaiting"]);
    assert!(kinds(&f.avery).await.is_empty(), "the administrator's step comes second");

    f.approve(&f.morgan).await;
    assert_eq!(kinds(&f.avery).await, ["ExpenseWaiting"]);
    let list: Vec<serde_json::Value> = serde_json::from_str(&f.post("/api/load_notices", "", &f.avery).await).unwrap();
    assert_eq!(list[0]["about"], "250.00 USD of 20 Nov 2026");

    f.post("/api/decide_expense", &format!("expense_id={}&decision=reject&comment=No+receipt", f.expense), &f.avery)
        .await;
    let mine: Vec<serde_json::Value> = serde_json::from_str(&f.post("/api/load_notices", "", &f.emery).await).unwrap();
    assert_eq!((mine[0]["kind"].as_str(), mine[0]["comment"].as_str()), (Some("ExpenseSentBack"), Some("No receipt")));
}

/// The firm writes amounts "1 234,50" and dates "Nov 20, 2026": a
/// correction typed that way reads, and the approver's notice says it so.
#[tokio::test]
async fn an_amount_typed_and_told_the_firms_way() {
    let f = firm().await;
    let formats = "date_format=month-name-day&number_format=space-comma";
    assert_eq!(f.app.request(call(HOST, "/api/set_firm_formats", formats, &f.avery)).await.status, StatusCode::OK);
    let corrected = f.correct(&f.emery, "1.234,50").await;
    assert!(!corrected.contains("error"), "a German-written amount reads: {corrected}");
    let mine: serde_json::Value = serde_json::from_str(&f.post("/api/my_expenses", "", &f.emery).await).unwrap();
    assert_eq!(mine["expenses"][0]["amount"]["minor"], 123_450, "{mine}");
    f.submit().await;
    let list: Vec<serde_json::Value> = serde_json::from_str(&f.post("/api/load_notices", "", &f.morgan).await).unwrap();
    assert_eq!(list[0]["about"], "1\u{a0}234,50 USD of Nov 20, 2026");
}
