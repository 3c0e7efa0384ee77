//! The summaries client and engagement pages open on, through the server
//! functions the pages use: who sees colleagues' time and what waits to be
//! invoiced (managers and administrators), and that "waiting" means what a
//! draft invoice would take — approved, billable, on no invoice yet.

use crate::approvals::{Firm, MONDAY, firm, first_id};
use axum::http::StatusCode;

impl Firm {
    async fn client_id(&self) -> i64 {
        let schema = self.test.schema_of("alpha").await;
        sqlx::query_scalar(&format!("select client_id from {schema}.engagements where engagement_id = $1"))
            .bind(self.engagement)
            .fetch_one(&mut self.test.raw().await)
            .await
            .unwrap()
    }

    async fn page(&self, path: &str, body: String, who: &str) -> serde_json::Value {
        let answer = self.post(path, &body, who).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        serde_json::from_str(&answer.body).unwrap()
    }
}

#[tokio::test]
async fn an_engagement_s_summary_names_its_people_and_shows_colleagues_time_to_managers_only() {
    let f = firm().await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.log(&f.morgan, "2026-11-30", "2h").await;
    let body = format!("engagement_id={}", f.engagement);

    let manager = f.page("/api/load_engagement", body.clone(), &f.morgan).await["summary"].clone();
    let employee = f.page("/api/load_engagement", body, &f.emery).await["summary"].clone();

    assert_eq!(manager["members"], serde_json::json!(["Person emery@alpha.example", "Person morgan@alpha.example"]));
    let by_person: Vec<_> =
        manager["by_person"].as_array().unwrap().iter().map(|p| (p["person"].clone(), p["total"].clone())).collect();
    assert_eq!(
        by_person,
        vec![
            (serde_json::json!("Person emery@alpha.example"), serde_json::json!(480)),
            (serde_json::json!("Person morgan@alpha.example"), serde_json::json!(120))
        ]
    );
    assert_eq!(manager["recent"][0]["minutes"], serde_json::json!(120), "newest first");
    assert_eq!(manager["chart"]["description"], serde_json::json!("10:00 h logged over 2 weeks."));
    assert_eq!((&employee["by_person"], &employee["recent"]), (&serde_json::json!([]), &serde_json::json!([])));
    assert_eq!(employee["members"], manager["members"], "who works on it is no secret");
}

#[tokio::test]
async fn a_client_s_waiting_work_is_its_approved_billable_time_on_no_invoice_for_managers_only() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.log(&f.emery, "2026-11-30", "3h").await;
    let schema = f.test.schema_of("alpha").await;
    sqlx::query(&format!("update {schema}.time_entries set currency = 'EUR', billable_rate_minor = 12000"))
        .execute(&mut f.test.raw().await)
        .await
        .unwrap();
    f.submit(&f.emery).await;
    f.decide(&f.morgan, first_id(&f.inbox(&f.morgan).await), "approve", "").await;
    let body = format!("client_id={}", f.client_id().await);

    let manager = f.page("/api/load_client", body.clone(), &f.morgan).await["summary"].clone();
    let employee = f.page("/api/load_client", body, &f.emery).await["summary"].clone();

    // Only the approved week's 8 hours; the 3 hours of the next week are a draft.
    assert_eq!(
        manager["unbilled"],
        serde_json::json!([{"minutes": 480, "value": {"minor": 96000, "currency": "EUR"}}])
    );
    assert_eq!(manager["logged"], serde_json::json!([[f.engagement, 660]]));
    assert_eq!(employee["unbilled"], serde_json::json!([]));
    assert_eq!(employee["logged"], manager["logged"]);
}
