//! The audit trail beyond sign-ins: weeks submitted and sent back, clients
//! and engagements added and changed, each named by its name (people,
//! weeks, codes), never an id; the log narrowed by person, action and date;
//! and the same narrowing downloaded as CSV — by administrators only.

use crate::approvals::{Firm, HOST, firm, first_id};
use pespro::audit::{AuditAction, AuditPage};

fn encode(body: &str) -> String {
    body.replace('[', "%5B").replace(']', "%5D")
}

/// The log as `/api/audit_log` answers Avery, the administrator.
async fn log(f: &Firm, query: &str) -> AuditPage {
    let response = f.post("/api/audit_log", query, &f.avery).await;
    serde_json::from_str(&response.body).expect(&response.body)
}

#[tokio::test]
async fn practice_actions_are_named_in_the_trail_and_the_log_filters_and_exports_them() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, "2026-11-23", "8h").await;
    f.submit(&f.emery).await;
    let sheet = first_id(&f.inbox(&f.morgan).await);
    f.decide(&f.morgan, sheet, "reject", "Wrong+client").await;
    f.post("/api/create_client", "name=Brightwater+Bakery", &f.avery).await;
    let schema = f.test.schema_of("alpha").await;
    let client: i64 =
        sqlx::query_scalar(&format!("select client_id from {schema}.clients where name = 'Brightwater Bakery'"))
            .fetch_one(&mut f.test.raw().await)
            .await
            .unwrap();
    let engagement =
        format!("client_id={client}&form[code]=BWB-1&form[name]=Books&form[billing_model]=hourly&form[active]=on");
    f.post("/api/create_engagement", &encode(&engagement), &f.avery).await;
    let details = format!("client_id={client}&form[name]=Brightwater+Bakery+Ltd&form[currency]=EUR");
    f.post("/api/save_client", &encode(&details), &f.avery).await;

    let everything = log(&f, "").await;
    let sent_back = log(&f, "action=timesheet.sent_back").await;
    let about_emery = log(&f, "who=EMERY").await;
    let long_ago = log(&f, "to=2020-01-01").await;

    let said = |action: AuditAction| {
        let event = everything.events.iter().find(|e| e.action == action).unwrap_or_else(|| panic!("{action:?}"));
        (event.subject.as_str(), event.detail.as_str())
    };
    let emery_week = "Person emery@alpha.example · 2026-W48";
    assert_eq!(said(AuditAction::WeekSubmitted), (emery_week, "waiting for approval"));
    assert_eq!(said(AuditAction::WeekSentBack), (emery_week, "back with its owner: Wrong client"));
    assert_eq!(said(AuditAction::ClientAdded), ("Brightwater Bakery", ""));
    assert_eq!(said(AuditAction::EngagementAdded), ("BWB-1 Books (Brightwater Bakery)", ""));
    assert_eq!(said(AuditAction::ClientChanged), ("Brightwater Bakery Ltd", "details saved"));
    let when = &everything.events[0].when;
    assert!(
        when.contains(", ") && !when.contains('T') && everything.time_zone == "UTC",
        "readable, on the firm's clock: {when}"
    );

    assert_eq!(sent_back.events.len(), 1);
    assert!(!about_emery.events.is_empty());
    assert!(
        about_emery.events.iter().all(|e| e.actor.contains("emery") || e.subject.contains("emery")),
        "whoever acted or was named: {:?}",
        about_emery.events
    );
    assert!(about_emery.events.iter().any(|e| e.action == AuditAction::WeekSentBack), "named, not acting");
    assert!(long_ago.events.is_empty());

    let csv = f.app.get_with(HOST, "/audit/export.csv?action=timesheet.sent_back", &f.avery).await;
    assert_eq!(csv.status, axum::http::StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 2, "a header and the one event: {}", csv.body);
    assert!(lines[1].contains("timesheet.sent_back") && lines[1].contains("Wrong client"), "{}", lines[1]);
    let by_employee = f.app.get_with(HOST, "/audit/export.csv", &f.emery).await;
    assert_eq!(by_employee.status, axum::http::StatusCode::FORBIDDEN);
}
