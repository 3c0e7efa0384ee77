//! The first day of the firm's weeks (#19), through the server functions
//! and, for the race, two transactions driven directly: a Sunday firm's
//! week is Sunday to Saturday from the grid to the lock, the day is fixed
//! once a week was submitted, and a change while drafts exist re-keys them
//! without leaving a week stored under the old day.

use crate::approvals::{Firm, HOST, WEEK, firm, first_id};
use crate::helpers::form_post;
use axum::http::StatusCode;
use pespro::first_day::FirstDay;
use serde_json::{Value, json};

async fn my_week(f: &Firm, week: &str) -> Value {
    let answer = f.post("/api/my_week", &format!("week={week}"), &f.emery).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

async fn week_starts(f: &Firm) -> Vec<(String, String)> {
    let schema = f.test.schema_of("alpha").await;
    sqlx::query_as(&format!("select week_start::text, status from {schema}.timesheets order by week_start"))
        .fetch_all(&mut f.test.raw().await)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_sunday_firm_s_week_runs_from_sunday_to_saturday_and_locks_those_days() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    assert_eq!(f.post("/api/set_first_day", "first_day=sunday", &f.avery).await.status, StatusCode::OK);
    for (date, duration) in [("2026-11-22", "2h"), ("2026-11-28", "3h"), ("2026-11-29", "1h")] {
        assert_eq!(f.log(&f.emery, date, duration).await.status, StatusCode::OK, "{date}");
    }

    let shown = my_week(&f, WEEK).await;
    assert_eq!(shown["week"]["days"][0]["date"], json!([2026, 326]), "Sunday 22 November first");
    assert_eq!(shown["week"]["days"][6]["date"], json!([2026, 332]), "Saturday 28 November last");
    assert_eq!(shown["week"]["totals"]["total"], 300, "Sunday 29 November is next week's");

    assert_eq!(f.submit(&f.emery).await.body, "\"Submitted\"");
    let saturday = f.log(&f.emery, "2026-11-28", "1h").await;
    let next_sunday = f.log(&f.emery, "2026-11-29", "1h").await;
    assert_eq!(saturday.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", saturday.body);
    assert_eq!(next_sunday.status, StatusCode::OK, "{}", next_sunday.body);
    assert_eq!(
        week_starts(&f).await,
        [("2026-11-22".to_owned(), "submitted".to_owned()), ("2026-11-29".to_owned(), "draft".to_owned())]
    );
    let card = &f.inbox(&f.morgan).await["waiting"][0];
    assert_eq!(card["minutes"], 300, "{card}");
    assert_eq!(card["week"]["start"], json!([2026, 326]));
}

#[tokio::test]
async fn the_first_day_is_fixed_once_a_week_was_submitted() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, "2026-11-24", "8h").await;
    f.submit(&f.emery).await;
    let id = first_id(&f.inbox(&f.morgan).await);
    f.decide(&f.morgan, id, "reject", "Split").await;

    let refused = f.post("/api/set_first_day", "first_day=saturday", &f.avery).await;
    let again = f.post("/api/set_first_day", "first_day=monday", &f.avery).await;
    let rule: Value = serde_json::from_str(&f.post("/api/load_week_rule", "", &f.avery).await.body).unwrap();

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(refused.body.contains("\"field\":\"first_day\""), "{}", refused.body);
    assert!(refused.body.contains("Weeks start on Monday for good: 1 week was already submitted"), "{}", refused.body);
    assert_eq!(again.status, StatusCode::OK, "keeping the day is no change: {}", again.body);
    assert_eq!(rule["first_day"], "Monday");
    assert!(rule["fixed"].as_str().unwrap().contains("1 week was already submitted"), "{rule}");
    assert_eq!(week_starts(&f).await, [("2026-11-23".to_owned(), "rejected".to_owned())], "nothing moved");
    let page = f.app.get_with(HOST, "/settings/regional", &f.avery).await;
    assert!(page.body.contains("Weeks start on Monday for good"), "shown, not offered: {}", page.body);
    assert!(!page.body.contains("Save first day"), "{}", page.body);
}

#[tokio::test]
async fn only_administrators_choose_the_day_and_a_change_moves_draft_weeks_and_is_audited() {
    let f = firm().await;
    f.log(&f.emery, "2026-11-29", "2h").await;
    assert_eq!(week_starts(&f).await, [("2026-11-23".to_owned(), "draft".to_owned())], "Monday's week holds Sunday");

    assert_eq!(f.post("/api/set_first_day", "first_day=sunday", &f.emery).await.status, StatusCode::FORBIDDEN);
    let unknown = f.post("/api/set_first_day", "first_day=tuesday", &f.avery).await;
    assert!(unknown.body.contains("Choose one of the listed days."), "{}", unknown.body);
    // Without JavaScript the browser follows the answer back to the page.
    let request = form_post(HOST, "/api/set_first_day", Some(&f.avery)).header("accept", "text/html");
    let saved = f.app.request(request.body(axum::body::Body::from("first_day=sunday")).unwrap()).await;
    assert_eq!(saved.headers["location"], "/settings/regional?first_day=saved");
    let page = f.app.get_with(HOST, "/settings/regional?first_day=saved", &f.avery).await;
    assert!(page.body.contains("Saved: weeks start on Sunday."), "{}", page.body);

    assert!(week_starts(&f).await.is_empty(), "the draft rows go; the next edit recreates them");
    let shown = my_week(&f, "2026-W49").await;
    assert_eq!(shown["week"]["days"][0]["date"], json!([2026, 333]), "Sunday 29 November starts W49");
    assert_eq!(shown["week"]["days"][0]["total"], 120);
    f.log(&f.emery, "2026-11-30", "1h").await;
    assert_eq!(week_starts(&f).await, [("2026-11-29".to_owned(), "draft".to_owned())]);

    let schema = f.test.schema_of("alpha").await;
    let audited: (String, String) = sqlx::query_as(&format!(
        "select subject, detail from {schema}.audit_events where action = 'firm.week_start_changed'"
    ))
    .fetch_one(&mut f.test.raw().await)
    .await
    .unwrap();
    assert_eq!(audited, ("Sunday".to_owned(), "was Monday".to_owned()));
}

/// A week stored while the first day changes waits for the change and is
/// stored under the new day, never the old one.
#[tokio::test]
async fn a_week_stored_during_a_change_of_first_day_starts_on_the_new_day() {
    let f = firm().await;
    let tenant = pespro::tenancy::TenantRegistry::load(&f.test.db).await.unwrap().by_slug("alpha").unwrap();
    let schema = f.test.schema_of("alpha").await;
    let emery: i64 = sqlx::query_scalar(&format!("select user_id from {schema}.users where email like 'emery%'"))
        .fetch_one(&mut f.test.raw().await)
        .await
        .unwrap();
    let mut changing = f.test.db.tenant_tx(tenant.handle()).await.unwrap();
    pespro::practice::formats::set_first_day(&mut changing, FirstDay::Sunday).await.unwrap();

    let (db, handle) = (f.test.db.clone(), tenant.clone());
    let storing = tokio::spawn(async move {
        let mut tx = db.tenant_tx(handle.handle()).await.unwrap();
        let saturday = time::Date::from_calendar_date(2026, time::Month::November, 28).unwrap();
        pespro::practice::lock_week(&mut tx, emery, saturday).await.unwrap();
        tx.commit().await.unwrap();
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!storing.is_finished(), "the week waits for the change");
    changing.commit().await.unwrap();
    storing.await.unwrap();

    assert_eq!(week_starts(&f).await, [("2026-11-22".to_owned(), "draft".to_owned())]);
}
