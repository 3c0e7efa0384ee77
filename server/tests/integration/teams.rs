//! Teams through the server functions the teams page uses: creating one,
//! moving people, the audit trail, and the refusals.

use crate::helpers::{PASSWORD, TestApp, call, fresh_database};
use pespro::access::Role;

const HOST: &str = "alpha.localhost";

#[tokio::test]
async fn an_admin_creates_a_team_and_puts_someone_in_it_and_both_are_audited() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let mia = test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let emil = test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let created = app.request(call(HOST, "/api/create_team", &format!("name=Audit&manager_id={mia}"), &ada)).await;
    let team: i64 = created.body.parse().expect(&created.body);
    let assigned = app.request(call(HOST, "/api/assign_team", &format!("user_id={emil}&team_id={team}"), &ada)).await;
    let listed = app.request(call(HOST, "/api/load_teams", "", &ada)).await;

    assert_eq!(assigned.body, "null");
    assert!(
        listed.body.contains("\"manager\":\"") && listed.body.contains(&format!("[{emil},{team}]")),
        "{}",
        listed.body
    );
    let schema = test.schema_of("alpha").await;
    let actions: Vec<String> = sqlx::query_scalar(&format!(
        "select detail from {schema}.audit_events where action = 'team.changed' order by audit_event_id"
    ))
    .fetch_all(&mut test.raw().await)
    .await
    .unwrap();
    assert_eq!(actions, vec!["team created", "joined Audit"]);
}

#[tokio::test]
async fn a_team_needs_a_unique_name_and_a_manager_or_admin_to_run_it() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let ada_id = test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let emil = test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();

    let by_employee = app.request(call(HOST, "/api/create_team", &format!("name=Tax&manager_id={emil}"), &ada)).await;
    let first = app.request(call(HOST, "/api/create_team", &format!("name=Tax&manager_id={ada_id}"), &ada)).await;
    let again = app.request(call(HOST, "/api/create_team", &format!("name=%20tax%20&manager_id={ada_id}"), &ada)).await;
    let blank = app.request(call(HOST, "/api/create_team", &format!("name=%20&manager_id={ada_id}"), &ada)).await;

    assert!(by_employee.body.contains("\"field\":\"manager_id\""), "{}", by_employee.body);
    assert!(first.body.parse::<i64>().is_ok(), "{}", first.body);
    assert!(again.body.contains("already exists"), "names are unique regardless of case: {}", again.body);
    assert!(blank.body.contains("\"field\":\"name\""), "{}", blank.body);
}

#[tokio::test]
async fn managers_may_not_manage_teams_and_an_unknown_person_is_not_found() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let ada_id = test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let app = TestApp::start(&test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let mia = app.sign_in(HOST, "mia@alpha.example", PASSWORD).await.unwrap();
    let team = app.request(call(HOST, "/api/create_team", &format!("name=Tax&manager_id={ada_id}"), &ada)).await.body;
    assert!(team.parse::<i64>().is_ok(), "the team exists: {team}");
    // Ids are per firm (each schema has its own sequences), so "another
    // firm's id" is simply an id this firm doesn't have.
    let stranger = 999;

    let by_manager = app.request(call(HOST, "/api/load_teams", "", &mia)).await;
    let foreign =
        app.request(call(HOST, "/api/assign_team", &format!("user_id={stranger}&team_id={team}"), &ada)).await;

    assert_eq!(by_manager.body, "\"Forbidden\"");
    assert_eq!(foreign.body, "\"NotFound\"");
}

#[tokio::test]
async fn an_admin_renames_a_team_hands_it_over_and_removes_it_all_audited() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let mia = test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let max = test.create_person("alpha", "max@alpha.example", Role::Manager).await;
    let emil = test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let post = |path: &'static str, body: String| app.request(call(HOST, path, &body, &ada));
    let audit: i64 = post("/api/create_team", format!("name=Audit&manager_id={mia}")).await.body.parse().unwrap();
    let tax: i64 = post("/api/create_team", format!("name=Tax&manager_id={mia}")).await.body.parse().unwrap();
    post("/api/assign_team", format!("user_id={emil}&team_id={audit}")).await;

    let clash = post("/api/update_team", format!("team_id={audit}&name=TAX&manager_id={max}")).await;
    let updated = post("/api/update_team", format!("team_id={audit}&name=Assurance&manager_id={max}")).await;
    let listed = post("/api/load_teams", String::new()).await;
    let removed = post("/api/delete_team", format!("team_id={tax}")).await;
    let gone_again = post("/api/delete_team", format!("team_id={tax}")).await;
    let after = post("/api/load_teams", String::new()).await;

    assert!(clash.body.contains("\"field\":\"name\"") && clash.body.contains("already exists"), "{}", clash.body);
    assert_eq!((updated.body.as_str(), removed.body.as_str()), ("null", "null"));
    let team = format!("{{\"team_id\":{audit},\"name\":\"Assurance\",\"manager_id\":{max},");
    assert!(listed.body.contains(&team), "{}", listed.body);
    assert!(listed.body.contains(&format!("[{emil},{audit}]")), "members stay: {}", listed.body);
    assert_eq!(gone_again.body, "\"NotFound\"");
    assert!(!after.body.contains("\"Tax\""), "{}", after.body);
    let schema = test.schema_of("alpha").await;
    let details: Vec<String> = sqlx::query_scalar(&format!(
        "select detail from {schema}.audit_events where action = 'team.changed' order by audit_event_id"
    ))
    .fetch_all(&mut test.raw().await)
    .await
    .unwrap();
    assert_eq!(details[3..], ["team updated (was Audit)", "team deleted"]);
}

#[tokio::test]
async fn removing_a_team_leaves_its_members_in_no_team_and_managers_may_not_do_it() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let mia_id = test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let emil = test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let mia = app.sign_in(HOST, "mia@alpha.example", PASSWORD).await.unwrap();
    let team = app.request(call(HOST, "/api/create_team", &format!("name=Tax&manager_id={mia_id}"), &ada)).await.body;
    app.request(call(HOST, "/api/assign_team", &format!("user_id={emil}&team_id={team}"), &ada)).await;

    let by_manager = app.request(call(HOST, "/api/delete_team", &format!("team_id={team}"), &mia)).await;
    let rename_by_manager = app
        .request(call(HOST, "/api/update_team", &format!("team_id={team}&name=Mine&manager_id={mia_id}"), &mia))
        .await;
    let by_admin = app.request(call(HOST, "/api/delete_team", &format!("team_id={team}"), &ada)).await;
    let listed = app.request(call(HOST, "/api/load_teams", "", &ada)).await;

    assert_eq!((by_manager.body.as_str(), rename_by_manager.body.as_str()), ("\"Forbidden\"", "\"Forbidden\""));
    assert_eq!(by_admin.body, "null");
    assert!(listed.body.contains("\"memberships\":[]"), "{}", listed.body);
}
