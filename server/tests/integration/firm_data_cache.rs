//! The per-firm caches of `pespro::firm_data`, with two server processes on
//! one database (two applications built by the production startup path,
//! each with its own caches and listener): a change made through one is
//! seen by the other on its next requests, never a stale answer kept.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::flags::Plan;

const HOST: &str = "alpha.localhost";

/// Stopping a timer nobody started: refused for the plan (403) while the
/// firm has the timer off, some other answer while it is on.
async fn timer_off(app: &TestApp, cookie: &str) -> bool {
    let answer = app.request(call(HOST, "/api/stop_timer", "", cookie)).await;
    answer.status == StatusCode::FORBIDDEN
}

async fn set_timer(app: &TestApp, cookie: &str, action: &str) {
    let body = format!("form%5Bflag%5D=timer&form%5Bvalue%5D=off&form%5Baction%5D={action}");
    let answer = app.request(call(HOST, "/api/set_feature", &body, cookie)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

async fn eventually(app: &TestApp, cookie: &str, off: bool) {
    for _ in 0..100 {
        if timer_off(app, cookie).await == off {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the other process kept answering with the timer {}", if off { "on" } else { "off" });
}

/// Alpha, on the Enterprise plan (which includes the timer), with an administrator.
async fn firm_with_admin() -> TestDb {
    let test = fresh_database().await;
    let firm = test.create_firm("alpha").await;
    pespro::flags::set_plan(&test.db, firm.id, Plan::Enterprise).await.unwrap();
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test
}

#[tokio::test]
async fn a_feature_switched_off_in_one_process_is_enforced_by_the_other() {
    let test = firm_with_admin().await;
    let first = TestApp::start(&test).await;
    let second = TestApp::start(&test).await;
    // One session, shared through the database as it is between real processes.
    let admin = first.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    // The second process has the firm's settings in memory.
    assert!(!timer_off(&second, &admin).await);
    assert!(!timer_off(&second, &admin).await);

    set_timer(&first, &admin, "set").await;
    assert!(timer_off(&first, &admin).await, "the process that made the change enforces it at once");
    eventually(&second, &admin, true).await;

    set_timer(&second, &admin, "reset").await;
    eventually(&first, &admin, false).await;
    assert!(!timer_off(&second, &admin).await);
}

#[tokio::test]
async fn a_change_made_outside_any_server_reaches_a_running_one() {
    let test = firm_with_admin().await;
    let app = TestApp::start(&test).await;
    let admin = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(!timer_off(&app, &admin).await);

    // A script, a restore or psql: straight to the firm's table.
    let schema = test.schema_of("alpha").await;
    let mut conn = test.raw().await;
    sqlx::query(&format!(
        "insert into {schema}.firm_settings (setting_key, value) values ('flag.timer', to_jsonb('off'::text))"
    ))
    .execute(&mut conn)
    .await
    .unwrap();
    eventually(&app, &admin, true).await;
}

/// The header's unread count, kept per firm in each process: a notice
/// written through one process, and marked read through it, shows in the
/// other's header on its next requests.
#[tokio::test]
async fn an_unread_count_changed_through_one_process_is_seen_by_the_other() {
    use crate::approvals::{MONDAY, firm};
    use crate::notifications::header_count;
    let f = firm().await;
    let second = TestApp::start(&f.test).await;
    f.policy(&["manager"]).await;
    // The second process has Alpha's counts in memory: nobody has any.
    assert_eq!(header_count(&second, &f.morgan).await, None);

    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let unread = Some("1".to_owned());
    let mut seen = None;
    for _ in 0..100 {
        seen = header_count(&second, &f.morgan).await;
        if seen == unread {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(seen, unread, "the other process kept its count from before the notice");

    f.post("/api/mark_notices_read", "", &f.morgan).await;
    for _ in 0..100 {
        seen = header_count(&second, &f.morgan).await;
        if seen.is_none() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(seen, None, "the other process kept the count from before marking read");
}

/// The firm's formats and time zone, kept per firm in each process: chosen
/// through one, they are what the other writes with on its next requests.
#[tokio::test]
async fn formats_chosen_through_one_process_are_used_by_the_other() {
    use crate::approvals::firm;
    let f = firm().await;
    let second = TestApp::start(&f.test).await;
    let saved_page = async |app: &TestApp| app.get_with(HOST, "/settings/regional?formats=saved", &f.avery).await.body;
    // The second process has Alpha's formats in memory: the defaults.
    assert!(saved_page(&second).await.contains("now read 3 Dec 2026 · 1,234.50."));

    let formats = "date_format=day-slash-month&number_format=apostrophe-point";
    assert_eq!(f.post("/api/set_firm_formats", formats, &f.avery).await.status, StatusCode::OK);
    let mut seen = String::new();
    for _ in 0..100 {
        seen = saved_page(&second).await;
        if seen.contains("now read 03/12/2026 · 1'234.50.") {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the other process kept writing the old formats: {seen}");
}
