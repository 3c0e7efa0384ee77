//! Sessions kept in memory (`pespro::session_cache`), with two server
//! processes on one database: ending a session through one process, or
//! straight in the database, ends it on the other too, whose copy in
//! memory must not outlive it.

use crate::helpers::{PASSWORD, TestApp, TestDb, form_post, fresh_database};
use axum::body::Body;
use axum::http::{StatusCode, header};
use pespro::access::Role;

const HOST: &str = "alpha.localhost";

async fn firm_with_admin() -> TestDb {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test
}

async fn signed_in(app: &TestApp, cookie: &str) -> bool {
    match app.get_with(HOST, "/", cookie).await.status {
        StatusCode::OK => true,
        StatusCode::FOUND => false,
        other => panic!("the dashboard answered {other}"),
    }
}

/// A notification's trip: polls the other process until the session is gone.
async fn eventually_signed_out(app: &TestApp, cookie: &str) {
    for _ in 0..100 {
        if !signed_in(app, cookie).await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the other process kept serving a session that had ended");
}

async fn sign_out(app: &TestApp, cookie: &str) {
    let request = form_post(HOST, "/api/sign_out", Some(cookie)).header(header::ACCEPT, "text/html");
    let answer = app.request(request.body(Body::empty()).unwrap()).await;
    assert_eq!(answer.headers[header::LOCATION], "/sign-in");
}

async fn execute(test: &TestDb, statement: &str) {
    sqlx::query(statement).execute(&mut test.raw().await).await.unwrap();
}

/// Ends every session with the trigger off, so no process hears of it.
async fn end_sessions_unheard(test: &TestDb) {
    execute(test, "alter table tower_sessions.session disable trigger session_changed").await;
    execute(test, "delete from tower_sessions.session").await;
}

#[tokio::test]
async fn a_session_signed_out_through_one_process_is_refused_by_the_other() {
    let test = firm_with_admin().await;
    let first = TestApp::start(&test).await;
    let second = TestApp::start(&test).await;
    let cookie = first.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&second, &cookie).await, "the second process now holds the session");
    assert_eq!(second.app.state().sessions.cached(), 1);

    sign_out(&first, &cookie).await;
    assert!(!signed_in(&first, &cookie).await, "the process that signed out refuses it at once");
    eventually_signed_out(&second, &cookie).await;
}

#[tokio::test]
async fn a_session_is_served_from_memory_and_only_the_databases_word_ends_it() {
    let test = firm_with_admin().await;
    let app = TestApp::start(&test).await;
    let cookie = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&app, &cookie).await);

    // Without the trigger's word the copy in memory is all the process has:
    // proof that requests no longer read the store, and that the trigger is
    // what keeps revocation immediate.
    end_sessions_unheard(&test).await;
    assert!(signed_in(&app, &cookie).await, "served from memory");

    execute(&test, "alter table tower_sessions.session enable trigger session_changed").await;
    let cookie = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&app, &cookie).await);
    execute(&test, "delete from tower_sessions.session").await;
    eventually_signed_out(&app, &cookie).await;
}

#[tokio::test]
async fn a_session_changed_in_the_database_is_read_again() {
    let test = firm_with_admin().await;
    let first = TestApp::start(&test).await;
    let second = TestApp::start(&test).await;
    let cookie = first.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&second, &cookie).await);

    // An update (here: the session made to expire) drops every copy; the
    // store then says the session is over.
    execute(&test, "update tower_sessions.session set expiry_date = now() - interval '1 second'").await;
    // Each process hears the notification on its own connection, in no
    // fixed order: both must come to refuse it, neither at a set moment.
    eventually_signed_out(&second, &cookie).await;
    eventually_signed_out(&first, &cookie).await;
}

#[tokio::test]
async fn removing_a_firm_ends_its_sessions_in_every_process() {
    let test = firm_with_admin().await;
    let first = TestApp::start(&test).await;
    let second = TestApp::start(&test).await;
    let cookie = first.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&second, &cookie).await);
    let alpha = first.app.state().registry.by_slug("alpha").expect("alpha is loaded").id;

    assert_eq!(pespro::auth::end_sessions_of_firm(&test.db, alpha).await.unwrap(), 1);
    eventually_signed_out(&first, &cookie).await;
    eventually_signed_out(&second, &cookie).await;
}

#[tokio::test]
async fn a_process_that_lost_its_listener_forgets_every_session_it_held() {
    let test = firm_with_admin().await;
    let app = TestApp::start(&test).await;
    let cookie = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    assert!(signed_in(&app, &cookie).await);

    // Ended while no word could reach the process…
    end_sessions_unheard(&test).await;
    assert!(signed_in(&app, &cookie).await, "still served from memory");
    // …then its listener's connection drops: on subscribing again it cannot
    // know what it missed, so it must forget everything.
    execute(
        &test,
        "select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            and query ilike '%listen%pespro_sessions%'",
    )
    .await;
    eventually_signed_out(&app, &cookie).await;
}
