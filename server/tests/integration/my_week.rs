//! "My week": logging time and reading one's own week, through the server
//! functions the page uses, against real PostgreSQL — including someone
//! else's time and another firm's engagement ids.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, call_anonymous, fresh_database};
use axum::http::StatusCode;
use pespro::access::Role;

const HOST: &str = "alpha.localhost";
/// Monday 23 November 2026 is in ISO week 2026-W48.
const WEEK: &str = "2026-W48";

/// Adds `engagements` engagements (codes E1, E2, …) under one client of
/// `slug`, straight into its schema; returns their ids.
pub(crate) async fn engagements(test: &TestDb, slug: &str, count: usize) -> Vec<i64> {
    let schema = test.schema_of(slug).await;
    let mut conn = test.raw().await;
    let client: i64 =
        sqlx::query_scalar(&format!("insert into {schema}.clients (name) values ('Acme Ltd') returning client_id"))
            .fetch_one(&mut conn)
            .await
            .unwrap();
    let mut ids = Vec::new();
    for n in 1..=count {
        let id: i64 = sqlx::query_scalar(&format!(
            "insert into {schema}.engagements (client_id, code, name) values ($1, $2, 'Annual audit') returning engagement_id"
        ))
        .bind(client)
        .bind(format!("E{n}"))
        .fetch_one(&mut conn)
        .await
        .unwrap();
        ids.push(id);
    }
    ids
}

async fn firm_with_person() -> (TestDb, TestApp, String, i64) {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
    let engagement = engagements(&test, "alpha", 1).await[0];
    let app = TestApp::start(&test).await;
    let emma = app.sign_in(HOST, "emma@alpha.example", PASSWORD).await.unwrap();
    (test, app, emma, engagement)
}

fn entry(engagement: i64, date: &str, duration: &str, billable: bool) -> String {
    let billable = if billable { "&billable=true" } else { "" };
    format!("engagement_id={engagement}&work_date={date}&duration={duration}&notes=Fieldwork{billable}")
}

#[tokio::test]
async fn logged_time_appears_on_its_day_with_day_and_week_totals() {
    let (_test, app, emma, engagement) = firm_with_person().await;

    for body in [
        entry(engagement, "2026-11-23", "1%3A30", true),
        entry(engagement, "2026-11-23", "2h", false),
        entry(engagement, "2026-11-25", "0%2C5", true),
    ] {
        let logged = app.request(call(HOST, "/api/log_time", &body, &emma)).await;
        assert_eq!(logged.status, StatusCode::OK, "{}", logged.body);
    }
    let week = app.request(call(HOST, "/api/my_week", &format!("week={WEEK}"), &emma)).await;
    let page = app.get_with(HOST, &format!("/time?week={WEEK}"), &emma).await;

    let json: serde_json::Value = serde_json::from_str(&week.body).unwrap();
    let totals = &json["week"]["totals"];
    assert_eq!(totals["total"], 240, "1:30 + 2:00 + 0:30 in minutes");
    assert_eq!((totals["billable"].as_u64(), totals["non_billable"].as_u64()), (Some(120), Some(120)));
    assert_eq!(json["week"]["days"][0]["total"], 210);
    assert_eq!(json["week"]["days"][2]["entries"][0]["engagement_code"], "E1");
    assert!(page.body.contains("Mon 23 Nov") && page.body.contains("3:30"), "rendered on the server");
    assert!(page.body.contains("Acme Ltd — E1 Annual audit"));
}

#[tokio::test]
async fn my_week_shows_only_my_own_time() {
    let (test, app, emma, engagement) = firm_with_person().await;
    test.create_person("alpha", "otto@alpha.example", Role::Employee).await;
    let otto = app.sign_in(HOST, "otto@alpha.example", PASSWORD).await.unwrap();
    let logged = app.request(call(HOST, "/api/log_time", &entry(engagement, "2026-11-24", "8h", true), &otto)).await;
    assert_eq!(logged.status, StatusCode::OK, "the other person's time exists: {}", logged.body);

    let week = app.request(call(HOST, "/api/my_week", &format!("week={WEEK}"), &emma)).await;

    assert!(week.body.contains("\"total\":0"), "{}", week.body);
    assert!(!week.body.contains("\"entries\":[{"), "{}", week.body);
}

#[tokio::test]
async fn another_firms_engagement_id_cannot_receive_time() {
    let (test, app, emma, _) = firm_with_person().await;
    test.create_firm("beta").await;
    let beta_only = *engagements(&test, "beta", 3).await.last().unwrap();

    let refused = app.request(call(HOST, "/api/log_time", &entry(beta_only, "2026-11-23", "1h", true), &emma)).await;

    assert!(refused.body.contains("engagement_id") && refused.body.contains("not open for time"), "{}", refused.body);
    let schema = test.schema_of("beta").await;
    let beta_entries: i64 = sqlx::query_scalar(&format!("select count(*) from {schema}.time_entries"))
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(beta_entries, 0);
}

#[tokio::test]
async fn an_unreadable_or_too_long_duration_is_refused_on_its_field() {
    let (_test, app, emma, engagement) = firm_with_person().await;

    let unreadable =
        app.request(call(HOST, "/api/log_time", &entry(engagement, "2026-11-23", "soon", true), &emma)).await;
    let too_long = app.request(call(HOST, "/api/log_time", &entry(engagement, "2026-11-23", "25h", true), &emma)).await;
    let no_date = app.request(call(HOST, "/api/log_time", &entry(engagement, "", "1h", true), &emma)).await;

    assert!(unreadable.body.contains("\"field\":\"duration\""), "{}", unreadable.body);
    assert!(too_long.body.contains("at most 24:00"), "{}", too_long.body);
    assert!(no_date.body.contains("\"field\":\"work_date\""), "{}", no_date.body);
    let week = app.request(call(HOST, "/api/my_week", &format!("week={WEEK}"), &emma)).await;
    assert!(week.body.contains("\"total\":0"), "nothing was stored: {}", week.body);
}

#[tokio::test]
async fn nobody_signed_out_logs_or_reads_time() {
    let (_test, app, _, engagement) = firm_with_person().await;

    let log = app.request(call_anonymous(HOST, "/api/log_time", &entry(engagement, "2026-11-23", "1h", true))).await;
    let read = app.request(call_anonymous(HOST, "/api/my_week", "")).await;

    assert_eq!(log.body, "\"Unauthenticated\"");
    assert_eq!(read.body, "\"Unauthenticated\"");
}

#[tokio::test]
async fn a_grid_row_logs_one_entry_per_filled_day_or_none_when_a_cell_is_wrong() {
    let (_test, app, emma, engagement) = firm_with_person().await;
    let row = |cells: &str| {
        format!("form[engagement_id]={engagement}&form[week]={WEEK}&form[billable]=on&form[notes]=Audit{cells}")
            .replace('[', "%5B")
            .replace(']', "%5D")
    };

    let bad = app.request(call(HOST, "/api/log_week_row", &row("&form[d0]=8&form[d3]=soon"), &emma)).await;
    let empty = app.request(call(HOST, "/api/log_week_row", &row(""), &emma)).await;
    let good =
        app.request(call(HOST, "/api/log_week_row", &row("&form[d0]=8&form[d1]=7%3A30&form[d4]=4%2C5"), &emma)).await;
    let week = app.request(call(HOST, "/api/my_week", &format!("week={WEEK}"), &emma)).await;

    assert!(bad.body.contains("\"field\":\"d3\""), "{}", bad.body);
    assert!(empty.body.contains("\"field\":\"d0\""), "{}", empty.body);
    assert_eq!(good.body, "3");
    let json: serde_json::Value = serde_json::from_str(&week.body).unwrap();
    assert_eq!(json["week"]["totals"]["total"], 480 + 450 + 270, "only the good row was stored");
    assert_eq!(json["week"]["days"][1]["total"], 450);
}

#[tokio::test]
async fn the_timer_records_its_time_as_an_entry_and_is_refused_where_the_plan_lacks_it() {
    let test = fresh_database().await;
    let firm = test.create_firm("alpha").await;
    test.create_firm("beta").await;
    pespro::flags::set_plan(&test.db, firm.id, pespro::flags::Plan::Enterprise).await.unwrap();
    test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
    test.create_person("beta", "bo@beta.example", Role::Employee).await;
    let engagement = engagements(&test, "alpha", 1).await[0];
    let app = TestApp::start(&test).await;
    let emma = app.sign_in(HOST, "emma@alpha.example", PASSWORD).await.unwrap();
    let bo = app.sign_in("beta.localhost", "bo@beta.example", PASSWORD).await.unwrap();
    let start = format!("timer_engagement_id={engagement}&timer_notes=Calls&billable=true");

    let started = app.request(call(HOST, "/api/start_timer", &start, &emma)).await;
    let twice = app.request(call(HOST, "/api/start_timer", &start, &emma)).await;
    let running = app.request(call(HOST, "/api/my_week", "", &emma)).await;
    let stopped = app.request(call(HOST, "/api/stop_timer", "", &emma)).await;
    let after = app.request(call(HOST, "/api/my_week", "", &emma)).await;
    let refused = app.request(call("beta.localhost", "/api/start_timer", &start, &bo)).await;

    assert_eq!(started.body, "null");
    assert!(twice.body.contains("already running"), "{}", twice.body);
    assert!(running.body.contains("\"engagement_label\":\"Acme Ltd — E1 Annual audit\""), "{}", running.body);
    assert_eq!(stopped.body, "1", "a timer stopped at once records its first minute");
    assert!(after.body.contains("\"timer\":{\"running\":null}"), "{}", after.body);
    assert!(after.body.contains("\"notes\":\"Calls\""), "the entry was recorded: {}", after.body);
    assert!(refused.body.contains("PlanLimit"), "{}", refused.body);
}

/// Marks `user`'s week containing `days_ago` days before today as submitted.
async fn submitted(test: &TestDb, user: i64, days_ago: i32) {
    let schema = test.schema_of("alpha").await;
    sqlx::query(&format!(
        "insert into {schema}.timesheets (user_id, week_start, status, submitted_at)
         values ($1, date_trunc('week', (now() at time zone 'utc')::date - $2)::date, 'submitted', now())
         on conflict (user_id, week_start) do update set status = 'submitted'"
    ))
    .bind(user)
    .bind(days_ago)
    .execute(&mut test.raw().await)
    .await
    .unwrap();
}

#[tokio::test]
async fn a_timer_never_gets_stuck_on_a_submitted_week() {
    let test = fresh_database().await;
    let firm = test.create_firm("alpha").await;
    pespro::flags::set_plan(&test.db, firm.id, pespro::flags::Plan::Enterprise).await.unwrap();
    let emma_id = test.create_person("alpha", "emma@alpha.example", Role::Employee).await;
    let engagement = engagements(&test, "alpha", 1).await[0];
    let app = TestApp::start(&test).await;
    let emma = app.sign_in(HOST, "emma@alpha.example", PASSWORD).await.unwrap();
    let start = format!("timer_engagement_id={engagement}&timer_notes=Calls&billable=true");
    let schema = test.schema_of("alpha").await;
    let running = || async {
        let n: i64 = sqlx::query_scalar(&format!("select count(*) from {schema}.running_timers"))
            .fetch_one(&mut test.raw().await)
            .await
            .unwrap();
        n
    };

    // Started last week, which was then submitted: Stop cannot record it there…
    assert_eq!(app.request(call(HOST, "/api/start_timer", &start, &emma)).await.body, "null");
    sqlx::query(&format!("update {schema}.running_timers set started_at = now() - interval '7 days'"))
        .execute(&mut test.raw().await)
        .await
        .unwrap();
    submitted(&test, emma_id, 7).await;
    let stopped = app.request(call(HOST, "/api/stop_timer", "", &emma)).await;
    assert_eq!(stopped.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", stopped.body);
    assert!(
        stopped.body.contains("timer_week") && stopped.body.contains("Record its time today instead"),
        "{}",
        stopped.body
    );
    assert_eq!(running().await, 1, "the timer still runs: nothing is lost");

    // …so it is recorded today (a whole day at most), in this week's entries.
    let today = app.request(call(HOST, "/api/record_timer_today", "", &emma)).await;
    assert_eq!((today.status, today.body.as_str()), (StatusCode::OK, "1440"));
    assert_eq!(running().await, 0);
    let week = app.request(call(HOST, "/api/my_week", "", &emma)).await;
    assert!(week.body.contains("\"notes\":\"Calls\""), "recorded in the current week: {}", week.body);

    // This week submitted too: no timer starts; a running one can be discarded.
    assert_eq!(app.request(call(HOST, "/api/start_timer", &start, &emma)).await.body, "null");
    submitted(&test, emma_id, 0).await;
    let refused_today = app.request(call(HOST, "/api/record_timer_today", "", &emma)).await;
    assert!(refused_today.body.contains("submitted too"), "{}", refused_today.body);
    let discarded = app.request(call(HOST, "/api/discard_timer", "", &emma)).await;
    assert_eq!((discarded.status, discarded.body.as_str()), (StatusCode::OK, "1"));
    assert_eq!(running().await, 0);
    let refused = app.request(call(HOST, "/api/start_timer", &start, &emma)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("a timer can't run on it"), "{}", refused.body);
    assert_eq!(running().await, 0, "refused, nothing started");
    let entries: i64 = sqlx::query_scalar(&format!("select count(*) from {schema}.time_entries"))
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(entries, 1, "only the time recorded today; the discarded minute is gone");
}
