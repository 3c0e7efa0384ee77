//! The firm's date and number formats, through the server functions: only
//! its administrators choose them, only listed formats are kept, the
//! change is audited in words, and what people read follows at once —
//! decision times on their own clock, amounts in notices, the audit log.

use crate::approvals::{Firm, HOST, MONDAY, WEEK, firm, first_id};
use crate::helpers::form_post;
use axum::http::StatusCode;
use serde_json::Value;

async fn json(f: &Firm, path: &str, body: &str, who: &str) -> Value {
    let answer = f.post(path, body, who).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

/// The German way: "03.12.2026" and "1.234,50".
const GERMAN: &str = "date_format=day-dot-month&number_format=point-comma";

#[tokio::test]
async fn only_administrators_choose_the_formats_and_only_listed_ones() {
    let f = firm().await;
    assert_eq!(f.post("/api/set_firm_formats", GERMAN, &f.emery).await.status, StatusCode::FORBIDDEN);
    let refused = f.post("/api/set_firm_formats", "date_format=dd/mm/yyyy&number_format=point-comma", &f.avery).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("\"field\":\"date_format\""), "{}", refused.body);
    let refused = f.post("/api/set_firm_formats", "date_format=iso&number_format=roman", &f.avery).await;
    assert!(refused.body.contains("\"field\":\"number_format\""), "{}", refused.body);
}

#[tokio::test]
async fn a_saved_choice_is_audited_in_words_and_the_page_comes_back_with_it() {
    let f = firm().await;
    // Without JavaScript the browser follows the answer back to the page.
    let request = form_post(HOST, "/api/set_firm_formats", Some(&f.avery)).header("accept", "text/html");
    let saved = f.app.request(request.body(axum::body::Body::from(GERMAN)).unwrap()).await;
    assert_eq!(saved.headers["location"], "/settings/regional?formats=saved");
    let page = f.app.get_with(HOST, "/settings/regional?formats=saved", &f.avery).await;
    assert!(page.body.contains("Saved: dates and numbers now read 03.12.2026 · 1.234,50."), "{}", page.body);

    let schema = f.test.schema_of("alpha").await;
    let (subject, detail): (String, String) = sqlx::query_as(&format!(
        "select subject, detail from {schema}.audit_events where action = 'firm.formats_changed'"
    ))
    .fetch_one(&mut f.test.raw().await)
    .await
    .unwrap();
    assert_eq!((subject.as_str(), detail.as_str()), ("03.12.2026 · 1.234,50", "was 3 Dec 2026 · 1,234.50"));
    let log = json(&f, "/api/audit_log", "action=firm.formats_changed", &f.avery).await;
    let when = log["events"][0]["when"].as_str().unwrap();
    assert!(when.len() == "03.12.2026, 14:58".len() && when.as_bytes()[2] == b'.', "{when}");
}

#[tokio::test]
async fn a_decision_reads_on_its_owners_clock_in_the_firms_format() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let id = first_id(&f.inbox(&f.morgan).await);
    f.decide(&f.morgan, id, "reject", "Split+the+workshop").await;
    let at = |week: &Value| week["approval"]["decisions"][0]["at"].as_str().unwrap().to_owned();

    let utc = at(&json(&f, "/api/my_week", &format!("week={WEEK}"), &f.emery).await);
    f.post("/api/set_firm_formats", "date_format=iso&number_format=comma-point", &f.avery).await;
    f.post("/api/set_own_time_zone", "zone=Asia/Kolkata", &f.emery).await;
    let local = at(&json(&f, "/api/my_week", &format!("week={WEEK}"), &f.emery).await);

    // "7 Dec 2026, 04:30" in UTC is "2026-12-07, 10:00" in Kolkata (+05:30).
    let minutes = |text: &str| {
        let (_, clock) = text.rsplit_once(", ").unwrap();
        let (h, m) = clock.split_once(':').unwrap();
        h.parse::<i32>().unwrap() * 60 + m.parse::<i32>().unwrap()
    };
    assert!(local.starts_with("20") && local.as_bytes()[4] == b'-', "ISO date now: {local}");
    assert_eq!((minutes(&local) - minutes(&utc)).rem_euclid(24 * 60), 5 * 60 + 30, "{utc} → {local}");
}
