//! What an approver sees and does beyond one card: the rate on each entry
//! and the engagement's budget, the full week's page (and who may open it),
//! and approving several weeks at once — through the server functions the
//! pages use, against real PostgreSQL.

use crate::approvals::{Firm, MONDAY, WEEK, firm, first_id};
use axum::http::StatusCode;

/// Form keys as a browser posts them: brackets percent-encoded.
fn encoded(body: &str) -> String {
    body.replace('[', "%5B").replace(']', "%5D")
}

impl Firm {
    async fn submit_week(&self, who: &str, week: &str) {
        let submitted = self.post("/api/submit_week", &format!("week={week}"), who).await;
        assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    }

    async fn full_week(&self, who: &str, id: i64) -> crate::helpers::Response {
        self.post("/api/load_approval_week", &format!("timesheet_id={id}"), who).await
    }

    async fn sql(&self, statement: &str) {
        let schema = self.test.schema_of("alpha").await;
        sqlx::query(&statement.replace("{schema}", &schema)).execute(&mut self.test.raw().await).await.unwrap();
    }
}

#[tokio::test]
async fn a_card_shows_each_entry_s_rate_and_a_week_that_takes_the_engagement_over_its_budget() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.sql("update {schema}.engagements set budget_minutes = 600").await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.log(&f.emery, "2026-11-24", "4h").await;
    f.sql(
        "update {schema}.time_entries set currency = 'EUR', billable_rate_minor = 18000 where work_date = '2026-11-23'",
    )
    .await;
    f.submit(&f.emery).await;

    let card = f.inbox(&f.morgan).await["waiting"][0].clone();

    let rates: Vec<_> = card["entries"].as_array().unwrap().iter().map(|e| e["rate"].clone()).collect();
    assert_eq!(rates, vec![serde_json::json!({"minor": 18000, "currency": "EUR"}), serde_json::Value::Null]);
    let budget = &card["budgets"][0];
    assert_eq!(
        (budget["engagement"].as_str(), &budget["this_week"]),
        (Some("Acme Ltd — E1 Audit"), &serde_json::json!(720))
    );
    assert_eq!(
        (&budget["burn"]["percent"], &budget["burn"]["over"]),
        (&serde_json::json!(120), &serde_json::json!(true))
    );
}

#[tokio::test]
async fn the_full_week_opens_for_its_approver_and_administrators_but_not_another_manager_or_an_employee() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let id = first_id(&f.inbox(&f.morgan).await);

    let morgan = f.full_week(&f.morgan, id).await;
    let avery = f.full_week(&f.avery, id).await;
    let max = f.full_week(&f.max, id).await;
    let emery = f.full_week(&f.emery, id).await;
    f.decide(&f.morgan, id, "approve", "").await;
    let morgan_after = f.full_week(&f.morgan, id).await;

    let read = |body: &str| serde_json::from_str::<serde_json::Value>(body).unwrap();
    assert_eq!(morgan.status, StatusCode::OK, "{}", morgan.body);
    assert_eq!(
        (&read(&morgan.body)["yours"], &read(&morgan.body)["item"]["week"]),
        (&serde_json::json!(true), &serde_json::json!({"start": [2026, 327]}))
    );
    assert_eq!(read(&avery.body)["yours"], serde_json::json!(false), "an administrator looks, the step is Morgan's");
    assert_eq!(max.status, StatusCode::NOT_FOUND, "another manager is not told the week exists: {}", max.body);
    assert_eq!(emery.status, StatusCode::FORBIDDEN);
    let after = read(&morgan_after.body);
    assert_eq!((&after["state"], &after["yours"]), (&serde_json::json!("Approved"), &serde_json::json!(false)));
    assert_eq!(
        after["item"]["decisions"].as_array().map(Vec::len),
        Some(1),
        "who decided still sees it, with the decision"
    );
}

#[tokio::test]
async fn ticked_weeks_are_approved_together_and_one_the_policy_refuses_is_named_with_why() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.log(&f.emery, "2026-11-16", "8h").await;
    f.log(&f.morgan, MONDAY, "8h").await;
    f.submit_week(&f.emery, WEEK).await;
    f.submit_week(&f.emery, "2026-W47").await;
    f.submit_week(&f.morgan, WEEK).await;
    let waiting: Vec<i64> = f.inbox(&f.morgan).await["waiting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["timesheet_id"].as_i64().unwrap())
        .collect();
    let own = first_id(&f.inbox(&f.avery).await);

    let body = format!(
        "form[timesheet_ids][0]={}&form[timesheet_ids][2]={}&form[timesheet_ids][5]={own}&form[timesheet_ids][6]=987654&form[comment]=Fine",
        waiting[0], waiting[1]
    );
    let answer = f.post("/api/approve_weeks", &encoded(&body), &f.morgan).await;

    assert_eq!(waiting.len(), 2, "Emery's two weeks wait for Morgan; his own goes to Avery");
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let answer: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!((&answer["approved"], &answer["next_step"]), (&serde_json::json!(2), &serde_json::json!(0)));
    let refused: Vec<&str> = answer["refused"].as_array().unwrap().iter().filter_map(|r| r.as_str()).collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(
        refused[0].starts_with("Person morgan@") && refused[0].contains(WEEK),
        "his own week, by name: {refused:?}"
    );
    assert!(refused[1].starts_with("A week no longer in your inbox"), "an unknown id says nothing of it: {refused:?}");
    assert_eq!(f.inbox(&f.morgan).await["waiting"], serde_json::json!([]));
    let schema = f.test.schema_of("alpha").await;
    let audited: Vec<String> = sqlx::query_scalar(&format!(
        "select detail from {schema}.audit_events where action = 'timesheet.approved' order by audit_event_id"
    ))
    .fetch_all(&mut f.test.raw().await)
    .await
    .unwrap();
    assert_eq!(audited, vec!["approved: Fine", "approved: Fine"]);
}

#[tokio::test]
async fn approving_together_with_nothing_ticked_says_what_to_do() {
    let f = firm().await;

    let answer = f.post("/api/approve_weeks", &encoded("form[comment]="), &f.morgan).await;
    let by_employee = f.post("/api/approve_weeks", &encoded("form[timesheet_ids][0]=1"), &f.emery).await;

    assert!(
        answer.body.contains("\"field\":\"timesheet_ids\"") && answer.body.contains("Tick the weeks"),
        "{}",
        answer.body
    );
    assert_eq!(by_employee.body, "\"Forbidden\"");
}
