//! The approver's inbox loads every waiting week, expense and invoice at
//! once (`practice::inbox_batch`): each document must still be judged by
//! its own engagements, owners and decisions, not a neighbour's. Each test
//! puts two documents in one inbox whose engagement-owner steps name
//! different people, so a load that mixed them up shows a document to the
//! wrong approver.

use crate::approvals::{MONDAY, firm};
use crate::invoice_fixture::{self, day};
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::practice::invoices::{DraftAsk, create_draft, invoice_inbox, submit_invoice};
use pespro::workflow::Rule;

const NEXT_MONDAY: &str = "2026-11-30";

/// A second engagement under its own client, owned by `owner_email`; the
/// fixture's engagement is given to `first_owner_email`.
async fn owned_engagements(f: &crate::approvals::Firm, first_owner_email: &str, owner_email: &str) -> i64 {
    let schema = f.test.schema_of("alpha").await;
    let mut conn = f.test.raw().await;
    sqlx::query(&format!(
        "update {schema}.engagements set owner_id = (select user_id from {schema}.users where email = $2)
         where engagement_id = $1"
    ))
    .bind(f.engagement)
    .bind(first_owner_email)
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query_scalar(&format!(
        "with c as (insert into {schema}.clients (name) values ('Globex') returning client_id)
         insert into {schema}.engagements (client_id, code, name, owner_id)
         select client_id, 'G1', 'Tax return', (select user_id from {schema}.users where email = $1) from c
         returning engagement_id"
    ))
    .bind(owner_email)
    .fetch_one(&mut conn)
    .await
    .unwrap()
}

#[tokio::test]
async fn two_weeks_of_one_person_wait_for_the_owners_of_their_own_engagements() {
    let f = firm().await;
    let globex = owned_engagements(&f, "morgan@alpha.example", "max@alpha.example").await;
    assert_eq!(f.policy(&["engagement_owner"]).await.status, StatusCode::OK);
    f.log(&f.emery, MONDAY, "8h").await;
    let body = format!("engagement_id={globex}&work_date={NEXT_MONDAY}&duration=3h&notes=Work&billable=true");
    assert_eq!(f.post("/api/log_time", &body, &f.emery).await.status, StatusCode::OK);
    for week in ["2026-W48", "2026-W49"] {
        let submitted = f.post("/api/submit_week", &format!("week={week}"), &f.emery).await;
        assert_eq!(submitted.body, "\"Submitted\"", "{week}");
    }

    let morgans = f.inbox(&f.morgan).await;
    let maxs = f.inbox(&f.max).await;

    let minutes = |inbox: &serde_json::Value| -> Vec<serde_json::Value> {
        inbox["waiting"].as_array().unwrap().iter().map(|w| w["minutes"].clone()).collect()
    };
    assert_eq!(minutes(&morgans), vec![serde_json::json!(480)], "Morgan owns the engagement of week 48: {morgans}");
    assert!(morgans["waiting"][0]["step"].as_str().unwrap().contains("morgan@alpha.example"), "{morgans}");
    assert_eq!(minutes(&maxs), vec![serde_json::json!(180)], "Max owns the engagement of week 49: {maxs}");
    assert!(maxs["waiting"][0]["step"].as_str().unwrap().contains("max@alpha.example"), "{maxs}");
}

#[tokio::test]
async fn two_expenses_wait_for_their_own_engagement_owners_with_their_own_decisions() {
    let f = firm().await;
    let globex = owned_engagements(&f, "morgan@alpha.example", "max@alpha.example").await;
    let rows =
        "form[kind]=expense&form[intent]=save&form[rules][0][kind]=manager&form[rules][1][kind]=engagement_owner";
    let saved = f.post("/api/save_workflow", &rows.replace('[', "%5B").replace(']', "%5D"), &f.avery).await;
    assert!(saved.body.contains("\"saved_version\":2"), "{}", saved.body);
    let schema = f.test.schema_of("alpha").await;
    let expense = async |engagement: i64, amount: i64| -> i64 {
        sqlx::query_scalar(&format!(
            "insert into {schema}.expenses (user_id, engagement_id, spent_on, amount_minor, currency, category)
             select user_id, $1, '2026-11-20', $2, 'USD', 'travel' from {schema}.users
             where email = 'emery@alpha.example' returning expense_id"
        ))
        .bind(engagement)
        .bind(amount)
        .fetch_one(&mut f.test.raw().await)
        .await
        .unwrap()
    };
    let acme = expense(f.engagement, 1_200).await;
    let travel = expense(globex, 3_400).await;
    for id in [acme, travel] {
        let submitted = f.post("/api/submit_expense", &format!("expense_id={id}"), &f.emery).await;
        assert_eq!(submitted.body, "\"Submitted\"");
    }
    // Morgan is Emery's manager: the first step of both. Approving one
    // moves only that one on to its owner.
    let decided =
        f.post("/api/decide_expense", &format!("expense_id={travel}&decision=approve&comment="), &f.morgan).await;
    assert_eq!(decided.body, "\"Submitted\"");

    let morgans = f.inbox(&f.morgan).await;
    let maxs = f.inbox(&f.max).await;

    let ids = |inbox: &serde_json::Value| -> Vec<i64> {
        inbox["expenses"].as_array().unwrap().iter().map(|x| x["expense_id"].as_i64().unwrap()).collect()
    };
    assert_eq!(ids(&morgans), vec![acme], "Acme's still waits for the manager; Globex's has moved on: {morgans}");
    assert!(morgans["expenses"][0]["summary"].as_str().unwrap().contains("12.00 USD · Acme Ltd — E1 Audit"));
    assert_eq!(ids(&maxs), vec![travel], "{maxs}");
    let summary = maxs["expenses"][0]["summary"].as_str().unwrap();
    assert!(summary.contains("34.00 USD · Globex — G1 Tax return"), "{summary}");
    assert!(
        maxs["expenses"][0]["step"].as_str().unwrap().contains("engagement owner (Person max@alpha.example)"),
        "{maxs}"
    );
}

#[tokio::test]
async fn two_invoices_wait_for_the_owners_of_their_own_clients_work() {
    let f = invoice_fixture::firm("beta").await;
    let quinn = f.test.create_person("beta", "quinn@beta.example", Role::Manager).await;
    let mut conn = f.test.raw().await;
    let globex: i64 = sqlx::query_scalar(&format!(
        "insert into {}.clients (name, currency) values ('Globex', 'EUR') returning client_id",
        f.schema
    ))
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let tax_return: i64 = sqlx::query_scalar(&format!(
        "insert into {}.engagements (client_id, code, name, owner_id) values ($1, 'G1', 'Tax return', $2)
         returning engagement_id",
        f.schema
    ))
    .bind(globex)
    .bind(quinn)
    .fetch_one(&mut conn)
    .await
    .unwrap();
    sqlx::query(&format!("update {0}.engagements set owner_id = $1 where engagement_id = $2;", f.schema))
        .bind(f.partner)
        .bind(f.engagement)
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(&format!(
        "insert into {}.time_entries (user_id, engagement_id, work_date, minutes, status, currency, billable_rate_minor)
         values ($1, $2, $3, 90, 'approved', 'EUR', 10000)",
        f.schema
    ))
    .bind(f.manager)
    .bind(tax_return)
    .bind(day(10))
    .execute(&mut conn)
    .await
    .unwrap();
    f.approved_time(day(10), 2, 60).await;
    f.invoice_policy(vec![Rule::EngagementOwner { only_for: None }]).await;
    let mut tx = f.tx().await;
    let mut invoices = Vec::new();
    for client_id in [f.client, globex] {
        let ask =
            DraftAsk { client_id, from: day(1), to: day(30), grouping: None, expense_grouping: None, instalment: None };
        let id = create_draft(&mut tx, f.manager, &ask).await.unwrap().invoice_id;
        submit_invoice(&mut tx, f.manager, id, day(30)).await.unwrap();
        invoices.push(id);
    }

    let partners = invoice_inbox(&mut tx, f.partner, Role::Manager).await.unwrap();
    let quinns = invoice_inbox(&mut tx, quinn, Role::Manager).await.unwrap();
    tx.commit().await.unwrap();

    assert_eq!(partners.iter().map(|w| w.invoice_id).collect::<Vec<_>>(), vec![invoices[0]]);
    assert!(partners[0].summary.starts_with("Acme Ltd · "), "{}", partners[0].summary);
    assert_eq!(quinns.iter().map(|w| w.invoice_id).collect::<Vec<_>>(), vec![invoices[1]]);
    assert!(quinns[0].summary.starts_with("Globex · "), "{}", quinns[0].summary);
    assert!(quinns[0].step.contains("(Person quinn@beta.example)"), "{}", quinns[0].step);
}
