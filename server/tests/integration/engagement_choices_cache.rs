//! The open engagements offered on "my week" and the expenses page, kept
//! in each process's memory (`pespro::firm_data`), with two server
//! processes on one database: an engagement added, a client archived or
//! renamed through one is offered (or no longer offered) by the other on
//! its next requests, and by the one that made the change at once; a change
//! made outside any server reaches them too; and the copy is really what
//! answers.

use crate::helpers::{PASSWORD, TestApp, TestDb, call, fresh_database};
use axum::http::StatusCode;
use pespro::access::Role;
use std::time::Duration;

const HOST: &str = "alpha.localhost";

struct Alpha {
    test: TestDb,
    first: TestApp,
    second: TestApp,
    /// Mia, a manager, signed in (sessions are shared by both processes).
    mia: String,
    client: i64,
}

/// Alpha with Mia (manager), its client Acme Ltd with engagement A-1, and
/// two server processes that have both shown Mia her week already. The
/// client and engagement are written before the processes start, so no
/// notification of them is still on its way to drop a copy just made.
async fn alpha() -> Alpha {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let schema = test.schema_of("alpha").await;
    let client: i64 = sqlx::query_scalar(&format!(
        "with c as (insert into {schema}.clients (name) values ('Acme Ltd') returning client_id)
         insert into {schema}.engagements (client_id, code, name) select client_id, 'A-1', 'Audit' from c
         returning client_id"
    ))
    .fetch_one(&mut test.raw().await)
    .await
    .unwrap();
    let first = TestApp::start(&test).await;
    let second = TestApp::start(&test).await;
    let mia = first.sign_in(HOST, "mia@alpha.example", PASSWORD).await.unwrap();
    let alpha = Alpha { test, first, second, mia, client };
    for app in [&alpha.first, &alpha.second] {
        assert_eq!(alpha.offered(app).await, vec!["Acme Ltd — A-1 Audit"]);
    }
    alpha
}

impl Alpha {
    /// The engagements `app` offers on Mia's week, as labelled.
    async fn offered(&self, app: &TestApp) -> Vec<String> {
        let week = app.request(call(HOST, "/api/my_week", "", &self.mia)).await;
        assert_eq!(week.status, StatusCode::OK, "{}", week.body);
        let page: serde_json::Value = serde_json::from_str(&week.body).unwrap();
        let choices = page["engagements"].as_array().expect("engagements on the week").iter();
        choices.map(|choice| choice["label"].as_str().unwrap().to_owned()).collect()
    }

    async fn add_engagement(&self, app: &TestApp, code: &str) {
        let body = format!(
            "client_id={}&form[code]={code}&form[name]=Audit&form[billing_model]=hourly&form[budget_kind]=&form[active]=on",
            self.client
        );
        let created = app.request(call(HOST, "/api/create_engagement", &encode(&body), &self.mia)).await;
        assert!(created.body.parse::<i64>().is_ok(), "{}", created.body);
    }

    async fn execute(&self, statement: &str) {
        let schema = self.test.schema_of("alpha").await;
        sqlx::query(&statement.replace("{schema}", &schema)).execute(&mut self.test.raw().await).await.unwrap();
    }

    /// A notification's trip: polls `app` until it offers `want`.
    async fn eventually_offered(&self, app: &TestApp, want: &[&str], what: &str) {
        for _ in 0..100 {
            if self.offered(app).await == want {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the process kept {what}: {:?}", self.offered(app).await);
    }
}

fn encode(body: &str) -> String {
    body.replace('[', "%5B").replace(']', "%5D")
}

#[tokio::test]
async fn an_engagement_added_through_one_process_is_offered_by_it_at_once_and_by_the_other_on_word() {
    let alpha = alpha().await;
    // With the trigger off, no notification comes: the process that adds
    // the engagement can only know from its own transaction (`wrote`).
    alpha.execute("alter table {schema}.engagements disable trigger engagements_changed").await;

    alpha.add_engagement(&alpha.first, "A-2").await;

    let both = ["Acme Ltd — A-1 Audit", "Acme Ltd — A-2 Audit"];
    assert_eq!(alpha.offered(&alpha.first).await, both, "the process that added it offers it at once");
    assert_eq!(alpha.offered(&alpha.second).await, ["Acme Ltd — A-1 Audit"], "the other has not heard");
    alpha.execute("alter table {schema}.engagements enable trigger engagements_changed").await;
    alpha.execute("update {schema}.engagements set name = name").await;
    alpha.eventually_offered(&alpha.second, &both, "offering the old list").await;
}

#[tokio::test]
async fn a_client_archived_through_one_process_is_no_longer_offered_by_either() {
    let alpha = alpha().await;

    let body = format!("client_id={}&archived=true", alpha.client);
    let archived = alpha.first.request(call(HOST, "/api/archive_client", &body, &alpha.mia)).await;

    assert_eq!(archived.status, StatusCode::OK, "{}", archived.body);
    assert_eq!(alpha.offered(&alpha.first).await, Vec::<String>::new(), "at once where it was archived");
    alpha.eventually_offered(&alpha.second, &[], "offering an archived client's engagement").await;
}

#[tokio::test]
async fn the_list_is_answered_from_memory_until_the_databases_word() {
    let alpha = alpha().await;

    // Renamed with the trigger off, so no process hears: their copies are
    // all they have. Proof that the list is no longer read per request,
    // and that the trigger is what keeps it right.
    alpha.execute("alter table {schema}.clients disable trigger clients_changed").await;
    alpha.execute("update {schema}.clients set name = 'Acme Group'").await;
    assert_eq!(alpha.offered(&alpha.second).await, vec!["Acme Ltd — A-1 Audit"], "served from memory");

    alpha.execute("alter table {schema}.clients enable trigger clients_changed").await;
    alpha.execute("update {schema}.clients set name = name").await;
    let renamed = ["Acme Group — A-1 Audit"];
    alpha.eventually_offered(&alpha.first, &renamed, "a client's old name").await;
    alpha.eventually_offered(&alpha.second, &renamed, "a client's old name").await;
}

#[tokio::test]
async fn an_engagement_closed_outside_the_servers_is_no_longer_offered() {
    let alpha = alpha().await;

    alpha.execute("update {schema}.engagements set status = 'closed'").await;

    alpha.eventually_offered(&alpha.first, &[], "offering a closed engagement").await;
    alpha.eventually_offered(&alpha.second, &[], "offering a closed engagement").await;
}
