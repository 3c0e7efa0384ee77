//! The firm's report definitions through the settings page's server
//! functions: only administrators change them, every change is audited
//! with what it replaced, what is typed wrong is refused at its field, and
//! the reports count the new way at once.

use crate::approvals::{Firm, firm};
use axum::http::StatusCode;
use serde_json::Value;

impl Firm {
    async fn audited(&self, action: &str) -> Vec<(String, String)> {
        let schema = self.test.schema_of("alpha").await;
        sqlx::query_as(&format!(
            "select subject, detail from {schema}.audit_events where action = $1 order by audit_event_id"
        ))
        .bind(action)
        .fetch_all(&mut self.test.raw().await)
        .await
        .unwrap()
    }

    async fn emery_id(&self) -> i64 {
        let schema = self.test.schema_of("alpha").await;
        sqlx::query_scalar(&format!("select user_id from {schema}.users where email = 'emery@alpha.example'"))
            .fetch_one(&mut self.test.raw().await)
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn an_administrator_sets_the_firm_s_week_and_formula_and_the_trail_says_what_it_was() {
    let f = firm().await;
    let saved = f.post("/api/save_report_definitions", "capacity=37.5&basis=all_recorded", &f.avery).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

    let loaded = f.post("/api/load_report_definitions", "", &f.avery).await;
    let loaded: Value = serde_json::from_str(&loaded.body).unwrap();
    assert_eq!((&loaded["weekly_capacity"], &loaded["basis"]), (&Value::from(2250), &Value::from("AllRecorded")));
    assert_eq!(
        f.audited("firm.report_definitions_changed").await,
        [("37.5 h a week, all_recorded".to_owned(), "was 40 h a week, billable".to_owned())]
    );
    let report = f.post("/api/reports", "report=utilization", &f.morgan).await;
    let report: Value = serde_json::from_str(&report.body).unwrap();
    assert_eq!(report["data"]["Utilization"]["basis"], "AllRecorded");
}

#[tokio::test]
async fn a_week_longer_than_a_week_or_an_unknown_formula_is_refused_at_its_field_and_nothing_changes() {
    let f = firm().await;
    let long = f.post("/api/save_report_definitions", "capacity=169&basis=billable", &f.avery).await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(long.body.contains("capacity") && long.body.contains("168 hours"), "{}", long.body);
    let formula = f.post("/api/save_report_definitions", "capacity=40&basis=vibes", &f.avery).await;
    assert_eq!(formula.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(formula.body.contains("basis"), "{}", formula.body);
    assert_eq!(f.audited("firm.report_definitions_changed").await, []);
}

#[tokio::test]
async fn a_manager_or_employee_may_not_change_what_reports_count() {
    let f = firm().await;
    for who in [&f.morgan, &f.emery] {
        let refused = f.post("/api/save_report_definitions", "capacity=10&basis=billable", who).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let refused = f.post("/api/save_capacity", "user_id=1&capacity=10", who).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_person_s_own_week_is_set_then_cleared_back_to_the_firm_s() {
    let f = firm().await;
    let emery = f.emery_id().await;
    let set = f.post("/api/save_capacity", &format!("user_id={emery}&capacity=20"), &f.avery).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    let mine = f.post("/api/reports", "report=utilization&period=last-month", &f.emery).await;
    let mine: Value = serde_json::from_str(&mine.body).unwrap();
    let (available, days) = (&mine["data"]["Utilization"]["report"]["total"]["available"], working_days_last_month());
    assert_eq!(available, &Value::from(days * 240), "20 hours a week is 4 a working day");

    let cleared = f.post("/api/save_capacity", &format!("user_id={emery}&capacity="), &f.avery).await;
    assert_eq!(cleared.status, StatusCode::OK);
    assert_eq!(
        f.audited("user.capacity_changed").await,
        [
            ("emery@alpha.example".to_owned(), "20 h a week".to_owned()),
            ("emery@alpha.example".to_owned(), "the firm's".to_owned())
        ]
    );
    let nobody = f.post("/api/save_capacity", "user_id=999999&capacity=20", &f.avery).await;
    assert_eq!(nobody.status, StatusCode::NOT_FOUND);
}

/// Monday-to-Friday days in last month, counted the slow way.
fn working_days_last_month() -> u64 {
    let today = time::OffsetDateTime::now_utc().date();
    let first = today.replace_day(1).unwrap();
    let mut day = first.previous_day().unwrap().replace_day(1).unwrap();
    let mut count = 0;
    while day < first {
        count += u64::from(day.weekday().number_days_from_monday() < 5);
        day = day.next_day().unwrap();
    }
    count
}
