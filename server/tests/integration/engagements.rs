//! Clients' details and engagements' terms through the server functions
//! their pages use: saving, bad input on its field, budget burn, archiving,
//! deleting one made by mistake, who may edit, and ids the firm doesn't have.

use crate::helpers::{PASSWORD, TestApp, call, fresh_database};
use pespro::access::Role;

const HOST: &str = "alpha.localhost";

fn encode(body: &str) -> String {
    body.replace('[', "%5B").replace(']', "%5D")
}

async fn setup() -> (crate::helpers::TestDb, TestApp, String, String, i64, i64) {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "mia@alpha.example", Role::Manager).await;
    let emil = test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&test).await;
    let mia = app.sign_in(HOST, "mia@alpha.example", PASSWORD).await.unwrap();
    let emil_cookie = app.sign_in(HOST, "emil@alpha.example", PASSWORD).await.unwrap();
    let created = app.request(call(HOST, "/api/create_client", "name=Acme%20Ltd", &mia)).await;
    assert!(created.body.contains("Acme Ltd"), "{}", created.body);
    let schema = test.schema_of("alpha").await;
    let client: i64 = sqlx::query_scalar(&format!("select client_id from {schema}.clients"))
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    (test, app, mia, emil_cookie, client, emil)
}

#[tokio::test]
async fn a_client_s_details_are_saved_and_bad_input_lands_on_its_field() {
    let (_test, app, mia, _, client, _) = setup().await;
    let body = format!(
        "client_id={client}&form[name]=Acme%20Ltd&form[billing_address]=1%20Main%20St&form[tax_id]=GB123&form[currency]=GBP&form[notes]=Pays%20late"
    );

    let saved = app.request(call(HOST, "/api/save_client", &encode(&body), &mia)).await;
    let bad = app.request(call(HOST, "/api/save_client", &encode(&body.replace("GBP", "pounds")), &mia)).await;
    let page = app.request(call(HOST, "/api/load_client", &format!("client_id={client}"), &mia)).await;

    assert_eq!(saved.body, "null");
    assert!(bad.body.contains("\"field\":\"currency\""), "{}", bad.body);
    assert!(page.body.contains("1 Main St") && page.body.contains("\"currency\":\"GBP\""), "{}", page.body);
}

#[tokio::test]
async fn an_engagement_with_an_hours_budget_shows_its_burn() {
    let (test, app, mia, _, client, emil) = setup().await;
    let body = format!(
        "client_id={client}&form[code]=acm-1&form[name]=Audit&form[billing_model]=hourly&form[budget_kind]=hours&form[budget]=10&form[active]=on"
    );

    let created = app.request(call(HOST, "/api/create_engagement", &encode(&body), &mia)).await;
    let id: i64 = created.body.parse().expect(&created.body);
    let schema = test.schema_of("alpha").await;
    sqlx::query(&format!(
        "insert into {schema}.time_entries (user_id, engagement_id, work_date, minutes) values ($1, $2, '2026-11-23', 150)"
    ))
    .bind(emil)
    .bind(id)
    .execute(&mut test.raw().await)
    .await
    .unwrap();
    let page = app.request(call(HOST, "/api/load_engagement", &format!("engagement_id={id}"), &mia)).await;
    let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();

    assert_eq!(json["form"]["code"], "ACM-1");
    assert_eq!(json["burn"]["percent"], 25);
    assert_eq!(json["burn"]["budget"], "10:00 h");
}

#[tokio::test]
async fn engagement_terms_are_checked_field_by_field() {
    let (_test, app, mia, _, client, emil) = setup().await;
    let base = format!("client_id={client}&form[code]=E1&form[name]=Audit&form[active]=on");
    let create = |extra: &str| call(HOST, "/api/create_engagement", &encode(&format!("{base}&{extra}")), &mia);

    let no_fee = app.request(create("form[billing_model]=fixed_fee")).await;
    let backwards =
        app.request(create("form[billing_model]=hourly&form[starts_on]=2026-12-01&form[ends_on]=2026-01-01")).await;
    let ok = app.request(create(&format!("form[billing_model]=retainer&form[fee]=1500&form[retainer_period]=month&form[owner_id]={emil}&form[members][p{emil}]=on"))).await;
    let duplicate = app.request(create("form[billing_model]=hourly")).await;
    let stranger_body =
        format!("client_id={client}&form[code]=E2&form[name]=Audit&form[billing_model]=hourly&form[members][p999]=on");
    let stranger = app.request(call(HOST, "/api/create_engagement", &encode(&stranger_body), &mia)).await;

    assert!(no_fee.body.contains("\"field\":\"fee\""), "{}", no_fee.body);
    assert!(backwards.body.contains("\"field\":\"ends_on\""), "{}", backwards.body);
    assert!(ok.body.parse::<i64>().is_ok(), "{}", ok.body);
    assert!(
        duplicate.body.contains("\"field\":\"code\"") && duplicate.body.contains("already used"),
        "{}",
        duplicate.body
    );
    assert!(stranger.body.contains("\"field\":\"members\""), "{}", stranger.body);
}

#[tokio::test]
async fn an_archived_client_takes_no_new_time_and_employees_cannot_edit() {
    let (_test, app, mia, emil, client, _) = setup().await;
    let body = format!("client_id={client}&form[code]=E1&form[name]=Audit&form[billing_model]=hourly&form[active]=on");
    let engagement: i64 =
        app.request(call(HOST, "/api/create_engagement", &encode(&body), &mia)).await.body.parse().unwrap();

    let by_employee =
        app.request(call(HOST, "/api/archive_client", &format!("client_id={client}&archived=true"), &emil)).await;
    let archived =
        app.request(call(HOST, "/api/archive_client", &format!("client_id={client}&archived=true"), &mia)).await;
    let log = format!("engagement_id={engagement}&work_date=2026-11-23&duration=1h&notes=x");
    let logged = app.request(call(HOST, "/api/log_time", &log, &emil)).await;
    let unknown = app.request(call(HOST, "/api/load_client", "client_id=999", &mia)).await;

    assert_eq!(by_employee.body, "\"Forbidden\"");
    assert_eq!(archived.body, "null");
    assert!(logged.body.contains("not open for time"), "{}", logged.body);
    assert_eq!(unknown.body, "\"NotFound\"");
}

#[tokio::test]
async fn a_money_budget_burns_by_the_rates_stamped_on_billable_time() {
    let (test, app, mia, emil_cookie, client, _) = setup().await;
    let schema = test.schema_of("alpha").await;
    sqlx::query(&format!(
        "insert into {schema}.rates (kind, scope, hourly_minor, currency, effective_from)
         values ('billable', 'firm', 10000, 'USD', '2000-01-01')"
    ))
    .execute(&mut test.raw().await)
    .await
    .expect("a firm default rate of 100.00 an hour");
    let body = format!(
        "client_id={client}&form[code]=E1&form[name]=Audit&form[billing_model]=hourly&form[budget_kind]=money&form[budget]=1000&form[active]=on"
    );
    let id: i64 = app.request(call(HOST, "/api/create_engagement", &encode(&body), &mia)).await.body.parse().unwrap();

    let log = format!("engagement_id={id}&work_date=2026-11-23&duration=2h30m&notes=x&billable=true");
    let logged = app.request(call(HOST, "/api/log_time", &log, &emil_cookie)).await;
    let page = app.request(call(HOST, "/api/load_engagement", &format!("engagement_id={id}"), &mia)).await;

    assert!(logged.body.parse::<i64>().is_ok(), "{}", logged.body);
    let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(json["burn"]["used"], "250.00", "2.5 hours at 100.00");
    assert_eq!(json["burn"]["percent"], 25);
}

#[tokio::test]
async fn an_engagement_nothing_was_recorded_against_is_deleted_audited_and_one_with_time_is_refused() {
    let (test, app, mia, emil_cookie, client, emil) = setup().await;
    let create = |code: &str| {
        encode(&format!(
            "client_id={client}&form[code]={code}&form[name]=Audit&form[billing_model]=hourly&form[active]=on"
        ))
    };
    let mistake: i64 =
        app.request(call(HOST, "/api/create_engagement", &create("oops"), &mia)).await.body.parse().unwrap();
    let used: i64 =
        app.request(call(HOST, "/api/create_engagement", &create("acm-1"), &mia)).await.body.parse().unwrap();
    let schema = test.schema_of("alpha").await;
    sqlx::query(&format!(
        "insert into {schema}.time_entries (user_id, engagement_id, work_date, minutes) values ($1, $2, '2026-11-23', 60)"
    ))
    .bind(emil)
    .bind(used)
    .execute(&mut test.raw().await)
    .await
    .unwrap();
    let delete = |id: i64| call(HOST, "/api/delete_engagement", &format!("engagement_id={id}"), &mia);

    let by_employee =
        app.request(call(HOST, "/api/delete_engagement", &format!("engagement_id={mistake}"), &emil_cookie)).await;
    let deleted = app.request(delete(mistake)).await;
    let again = app.request(delete(mistake)).await;
    let refused = app.request(delete(used)).await;

    assert_eq!(by_employee.body, "\"Forbidden\"");
    assert_eq!(deleted.body, "null");
    assert_eq!(crate::helpers::location(&deleted), format!("/clients/{client}?deleted=engagement"));
    assert_eq!(again.body, "\"NotFound\"");
    assert!(refused.body.contains("Conflict") && refused.body.contains("Time is recorded"), "{}", refused.body);
    let left: Vec<String> = sqlx::query_scalar(&format!("select code from {schema}.engagements"))
        .fetch_all(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(left, ["ACM-1"]);
    let audited: Vec<(String, String)> = sqlx::query_as(&format!(
        "select actor_label, subject from {schema}.audit_events where action = 'engagement.deleted'"
    ))
    .fetch_all(&mut test.raw().await)
    .await
    .unwrap();
    assert_eq!(audited, [("mia@alpha.example".to_owned(), "OOPS Audit".to_owned())], "only the deletion is audited");
}

#[tokio::test]
async fn another_firm_s_engagement_cannot_be_deleted_from_here() {
    let (test, app, mia, ..) = setup().await;
    test.create_firm("beta").await;
    let beta_engagement = crate::my_week::engagements(&test, "beta", 1).await[0];

    let response =
        app.request(call(HOST, "/api/delete_engagement", &format!("engagement_id={beta_engagement}"), &mia)).await;

    assert_eq!(response.body, "\"NotFound\"");
    let beta = test.schema_of("beta").await;
    let count: i64 = sqlx::query_scalar(&format!("select count(*) from {beta}.engagements"))
        .fetch_one(&mut test.raw().await)
        .await
        .unwrap();
    assert_eq!(count, 1);
}
