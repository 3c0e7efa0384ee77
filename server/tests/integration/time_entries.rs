//! Correcting and deleting time entries through the page's server
//! functions: only one's own, only while the week is open, and never
//! another firm's entry whatever id is sent.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use crate::my_week::engagements;
use axum::http::StatusCode;
use pespro::access::Role;

const HOST: &str = "alpha.localhost";
const WEEK: &str = "2026-W48";

struct Firm {
    test: TestDb,
    app: TestApp,
    emma: String,
}

impl Firm {
    async fn new() -> Self {
        let test = fresh_database().await;
        test.create_firm("alpha").await;
        test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
        test.create_person("alpha", "otto@alpha.example", Role::Employee).await;
        engagements(&test, "alpha", 1).await;
        let app = TestApp::start(&test).await;
        let emma = app.sign_in(HOST, "emma@alpha.example", PASSWORD).await.unwrap();
        Self { test, app, emma }
    }

    /// Logs `duration` on Monday of [`WEEK`] as `who` and returns the entry's id.
    async fn log(&self, host: &str, who: &str, engagement: i64, duration: &str) -> i64 {
        let body = format!(
            "engagement_id={engagement}&work_date=2026-11-23&duration={duration}&notes=Fieldwork&billable=true"
        );
        let logged = self.app.request(call(host, "/api/log_time", &body, who)).await;
        logged.body.parse().unwrap_or_else(|_| panic!("logged: {}", logged.body))
    }

    async fn week(&self, who: &str) -> serde_json::Value {
        let week = self.app.request(call(HOST, "/api/my_week", &format!("week={WEEK}"), who)).await;
        serde_json::from_str(&week.body).unwrap()
    }

    async fn edit(&self, who: &str, id: i64, duration: &str) -> String {
        let body = format!("time_entry_id={id}&duration={duration}&notes=Corrected");
        self.app.request(call(HOST, "/api/edit_time_entry", &body, who)).await.body
    }

    async fn delete(&self, who: &str, id: i64) -> String {
        self.app.request(call(HOST, "/api/delete_time_entry", &format!("time_entry_id={id}"), who)).await.body
    }
}

#[tokio::test]
async fn an_owner_corrects_a_draft_entry_and_deletes_another() {
    let firm = Firm::new().await;
    let engagement = firm.week(&firm.emma).await["engagements"][0]["engagement_id"].as_i64().unwrap();
    let kept = firm.log(HOST, &firm.emma, engagement, "2h").await;
    let dropped = firm.log(HOST, &firm.emma, engagement, "3h").await;

    let edited = firm.edit(&firm.emma, kept, "45m").await;
    let deleted = firm.delete(&firm.emma, dropped).await;

    assert_eq!((edited.as_str(), deleted.as_str()), ("null", "null"));
    let week = firm.week(&firm.emma).await;
    let entries = &week["week"]["days"][0]["entries"];
    assert_eq!(entries.as_array().map(Vec::len), Some(1), "{week}");
    assert_eq!(entries[0]["minutes"], 45);
    assert_eq!(entries[0]["notes"], "Corrected");
    assert_eq!(entries[0]["billable"], false, "an unticked box is not billable");
    assert_eq!(week["week"]["totals"]["total"], 45);
}

#[tokio::test]
async fn a_bad_duration_is_refused_on_its_field_and_changes_nothing() {
    let firm = Firm::new().await;
    let engagement = firm.week(&firm.emma).await["engagements"][0]["engagement_id"].as_i64().unwrap();
    let id = firm.log(HOST, &firm.emma, engagement, "2h").await;

    let refused = firm.edit(&firm.emma, id, "soon").await;

    assert!(refused.contains("\"field\":\"duration\""), "{refused}");
    assert_eq!(firm.week(&firm.emma).await["week"]["totals"]["total"], 120);
}

#[tokio::test]
async fn a_submitted_entry_is_refused_until_an_administrator_unlocks_the_week() {
    let firm = Firm::new().await;
    let engagement = firm.week(&firm.emma).await["engagements"][0]["engagement_id"].as_i64().unwrap();
    let id = firm.log(HOST, &firm.emma, engagement, "2h").await;
    let submitted = firm.app.request(call(HOST, "/api/submit_week", &format!("week={WEEK}"), &firm.emma)).await;
    assert_eq!(submitted.status, axum::http::StatusCode::OK, "{}", submitted.body);

    let edit = firm.edit(&firm.emma, id, "1h").await;
    let delete = firm.delete(&firm.emma, id).await;

    assert!(edit.contains("Conflict") && edit.contains("unlock"), "{edit}");
    assert!(delete.contains("Conflict"), "{delete}");
    let week = firm.week(&firm.emma).await;
    assert_eq!(week["week"]["totals"]["total"], 120);
    assert_eq!(week["week"]["days"][0]["entries"][0]["locked"], true);

    firm.test.create_person("alpha", "avery@alpha.example", Role::Admin).await;
    let avery = firm.app.sign_in(HOST, "avery@alpha.example", PASSWORD).await.unwrap();
    let schema = firm.test.schema_of("alpha").await;
    let sheet: i64 = sqlx::query_scalar(&format!("select timesheet_id from {schema}.timesheets"))
        .fetch_one(&mut firm.test.raw().await)
        .await
        .unwrap();
    let unlock = format!("timesheet_id={sheet}&reason=Wrong%20hours");
    firm.app.request(call(HOST, "/api/unlock_timesheet", &unlock, &avery)).await;

    assert_eq!(firm.edit(&firm.emma, id, "1h").await, "null", "unlocked, the week is a draft again");
    assert_eq!(firm.week(&firm.emma).await["week"]["totals"]["total"], 60);
}

#[tokio::test]
async fn someone_else_s_entry_is_not_found_and_stays_as_it_was() {
    let firm = Firm::new().await;
    let engagement = firm.week(&firm.emma).await["engagements"][0]["engagement_id"].as_i64().unwrap();
    let otto = firm.app.sign_in(HOST, "otto@alpha.example", PASSWORD).await.unwrap();
    let ottos = firm.log(HOST, &otto, engagement, "2h").await;

    let edit = firm.edit(&firm.emma, ottos, "1h").await;
    let delete = firm.delete(&firm.emma, ottos).await;

    assert_eq!((edit.as_str(), delete.as_str()), ("\"NotFound\"", "\"NotFound\""));
    assert_eq!(firm.week(&otto).await["week"]["totals"]["total"], 120);
}

#[tokio::test]
async fn another_firm_s_entry_id_is_not_found_there_and_untouched() {
    let firm = Firm::new().await;
    firm.test.create_firm("beta").await;
    firm.test.create_person("beta", "bo@beta.example", Role::Employee).await;
    let beta_engagement = engagements(&firm.test, "beta", 1).await[0];
    // Made after the app started: it serves beta once the registry's
    // notification has arrived (a settle delay later), not before.
    firm.app.eventually("beta.localhost", StatusCode::OK).await;
    let bo = firm.app.sign_in("beta.localhost", "bo@beta.example", PASSWORD).await.unwrap();
    let betas = firm.log("beta.localhost", &bo, beta_engagement, "2h").await;

    let edit = firm.edit(&firm.emma, betas, "1h").await;
    let delete = firm.delete(&firm.emma, betas).await;

    assert_eq!((edit.as_str(), delete.as_str()), ("\"NotFound\"", "\"NotFound\""));
    let schema = firm.test.schema_of("beta").await;
    let minutes: i32 =
        sqlx::query_scalar(&format!("select minutes from {schema}.time_entries where time_entry_id = $1"))
            .bind(betas)
            .fetch_one(&mut firm.test.raw().await)
            .await
            .unwrap();
    assert_eq!(minutes, 120);
}
