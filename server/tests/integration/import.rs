//! Importing time from a Harvest export: upload (the plain multipart route),
//! preview and import through the server functions the page uses, against
//! real PostgreSQL — re-imports, permissions, another firm's batch, the size
//! limit, and a 5,000-row file.

use crate::helpers::{PASSWORD, Response, TestApp, TestDb, call, fresh_database, location};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use pespro::access::Role;
use serde_json::Value;

const HOST: &str = "alpha.localhost";
const HARVEST: &str = include_str!("../../../src/import/fixtures/harvest_detailed.csv");
const TOGGL: &str = include_str!("../../../src/import/fixtures/toggl_detailed.csv");

/// A firm whose three people carry the names the fixture uses.
pub(crate) async fn firm(test: &TestDb, slug: &str) {
    test.create_firm(slug).await;
    let schema = test.schema_of(slug).await;
    let mut conn = test.raw().await;
    for (who, name, role) in [
        ("admin", "Avery Admin", Role::Admin),
        ("manager", "Morgan Manager", Role::Manager),
        ("employee", "Emery Employee", Role::Employee),
    ] {
        let email = format!("{who}@{slug}.example");
        test.create_person(slug, &email, role).await;
        sqlx::query(&format!("update {schema}.users set display_name = $1 where email = $2"))
            .bind(name)
            .bind(&email)
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

async fn signed_in(test: &TestDb, who: &str) -> (TestApp, String) {
    let app = TestApp::start(test).await;
    let cookie = app.sign_in(HOST, &format!("{who}@alpha.example"), PASSWORD).await.unwrap();
    (app, cookie)
}

pub(crate) fn upload_request(host: &str, cookie: &str, file_name: &str, content: &[u8]) -> Request<Body> {
    let mut body = format!(
        "--XBOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(b"\r\n--XBOUNDARY--\r\n");
    Request::post("/import/upload")
        .header("host", host)
        .header("origin", format!("http://{host}"))
        .header("cookie", cookie)
        .header("content-type", "multipart/form-data; boundary=XBOUNDARY")
        .body(Body::from(body))
        .unwrap()
}

/// Uploads `content` and returns the new batch's id.
async fn upload(app: &TestApp, cookie: &str, content: &[u8]) -> i64 {
    upload_to(app, HOST, cookie, content).await
}

async fn upload_to(app: &TestApp, host: &str, cookie: &str, content: &[u8]) -> i64 {
    let response = app.request(upload_request(host, cookie, "export.csv", content)).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    location(&response).strip_prefix("/import/").unwrap().parse().unwrap()
}

async fn preview(app: &TestApp, cookie: &str, batch: i64) -> Value {
    let response = app.request(call(HOST, "/api/import_batch", &format!("batch_id={batch}"), cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str::<Value>(&response.body).unwrap()["preview"]["Ok"].clone()
}

async fn run(app: &TestApp, cookie: &str, batch: i64) -> Response {
    app.request(call(HOST, "/api/run_import", &format!("batch_id={batch}"), cookie)).await
}

async fn entries(test: &TestDb) -> (i64, i64, Vec<String>) {
    let schema = test.schema_of("alpha").await;
    let mut conn = test.raw().await;
    let (count, minutes): (i64, Option<i64>) =
        sqlx::query_as(&format!("select count(*), sum(minutes) from {schema}.time_entries"))
            .fetch_one(&mut conn)
            .await
            .unwrap();
    let statuses = sqlx::query_scalar(&format!("select distinct status from {schema}.time_entries order by 1"))
        .fetch_all(&mut conn)
        .await
        .unwrap();
    (count, minutes.unwrap_or_default(), statuses)
}

#[tokio::test]
async fn an_uploaded_export_is_previewed_imported_and_a_second_upload_imports_nothing() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    let (app, admin) = signed_in(&test, "admin").await;

    let batch = upload(&app, &admin, HARVEST.as_bytes()).await;
    let first = preview(&app, &admin, batch).await;
    let page = app.get_with(HOST, &format!("/import/{batch}"), &admin).await;
    let imported = run(&app, &admin, batch).await;
    let after = entries(&test).await;
    let again = upload(&app, &admin, HARVEST.as_bytes()).await;
    let second = preview(&app, &admin, again).await;
    let reimported = run(&app, &admin, again).await;

    assert_eq!(
        (first["recognised"].as_u64(), first["ready"].as_u64(), first["duplicates"].as_u64()),
        (Some(37), Some(36), Some(0))
    );
    assert_eq!(first["errors"].as_array().unwrap().len(), 3);
    assert_eq!(first["errors"][0]["line"], 39);
    assert_eq!(
        first["new_clients"],
        serde_json::json!(["Acme Holdings", "Brightwater Bakery", "Ledgerline (internal)", "Daybreak Pharmacy"])
    );
    assert!(
        page.body.contains("Import 36 entries") && page.body.contains("Jordan Contractor"),
        "rendered on the server"
    );
    assert_eq!(imported.body, r#"{"imported":36,"skipped":0,"errors":3}"#);
    let expected: u32 = pespro::import::parse(HARVEST)
        .unwrap()
        .rows
        .iter()
        .filter(|r| r.person_name != "Jordan Contractor")
        .map(|r| r.minutes)
        .sum();
    assert_eq!(first["drafts"].as_u64(), Some(0), "the rows Harvest had not approved all have errors");
    assert_eq!(after, (36, i64::from(expected), vec!["approved".to_owned()]));
    assert_eq!((second["ready"].as_u64(), second["duplicates"].as_u64()), (Some(0), Some(36)));
    assert_eq!(reimported.body, r#"{"imported":0,"skipped":36,"errors":3}"#);
    assert_eq!(entries(&test).await.0, 36, "nothing added the second time");
    let summary = app.get_with(HOST, &format!("/import/{batch}"), &admin).await;
    assert!(summary.body.contains("Imported 36 entries, skipped 0 already imported, 3 rows with errors."));
}

#[tokio::test]
async fn a_toggl_export_is_matched_by_email_and_imported_once() {
    let test = fresh_database().await;
    firm(&test, "ledgerline").await;
    let app = TestApp::start(&test).await;
    let host = "ledgerline.localhost";
    let admin = app.sign_in(host, "admin@ledgerline.example", PASSWORD).await.unwrap();
    let call_on = |path: &str, batch: i64| call(host, path, &format!("batch_id={batch}"), &admin);

    let batch = upload_to(&app, host, &admin, TOGGL.as_bytes()).await;
    let previewed = app.request(call_on("/api/import_batch", batch)).await;
    let imported = app.request(call_on("/api/run_import", batch)).await;
    let again = upload_to(&app, host, &admin, TOGGL.as_bytes()).await;
    let reimported = app.request(call_on("/api/run_import", again)).await;

    let preview: Value = serde_json::from_str(&previewed.body).unwrap();
    assert_eq!(preview["preview"]["Ok"]["source"], "Toggl");
    assert!(preview["preview"]["Ok"]["new_engagements"].to_string().contains("Without client — WIT-INTERN Internal"));
    assert_eq!(imported.body, r#"{"imported":31,"skipped":0,"errors":1}"#);
    assert_eq!(reimported.body, r#"{"imported":0,"skipped":31,"errors":1}"#);
}

#[tokio::test]
async fn an_overlapping_newer_export_adds_only_its_new_rows_and_each_import_is_audited() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    let (app, admin) = signed_in(&test, "admin").await;
    let lines: Vec<&str> = HARVEST.split("\r\n").collect();
    let older = lines[..20].join("\r\n");
    let newer = [&lines[..1], &lines[10..30]].concat().join("\r\n");

    let first = upload(&app, &admin, older.as_bytes()).await;
    let one = run(&app, &admin, first).await;
    let second = upload(&app, &admin, newer.as_bytes()).await;
    let two = run(&app, &admin, second).await;

    assert_eq!(one.body, r#"{"imported":19,"skipped":0,"errors":0}"#);
    assert_eq!(two.body, r#"{"imported":10,"skipped":10,"errors":0}"#);
    let schema = test.schema_of("alpha").await;
    let audited: Vec<String> = sqlx::query_scalar(&format!(
        "select detail from {schema}.audit_events where action = 'time.imported' order by audit_event_id"
    ))
    .fetch_all(&mut test.raw().await)
    .await
    .unwrap();
    assert_eq!(
        audited,
        [
            "Harvest export: 19 entries imported, 0 already imported, 0 rows with errors",
            "Harvest export: 10 entries imported, 10 already imported, 0 rows with errors"
        ]
    );
}

/// (imported?, status) of Emery's entries in the week of 2026-10-05, and
/// the total their submission recorded.
async fn emerys_week(test: &TestDb) -> (Vec<(bool, String)>, i32) {
    let schema = test.schema_of("alpha").await;
    let mut conn = test.raw().await;
    let emery = format!("(select user_id from {schema}.users where email = 'employee@alpha.example')");
    let entries = sqlx::query_as(&format!(
        "select import_batch_id is not null, status from {schema}.time_entries
         where user_id = {emery} and work_date between '2026-10-05' and '2026-10-11'
         group by 1, 2 order by 1, 2"
    ))
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let total = sqlx::query_scalar(&format!("select minutes from {schema}.timesheets where user_id = {emery}"))
        .fetch_one(&mut conn)
        .await
        .unwrap();
    (entries, total)
}

#[tokio::test]
async fn imported_time_stays_approved_when_its_week_is_submitted_and_reopened() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    let (app, admin) = signed_in(&test, "admin").await;
    let batch = upload(&app, &admin, HARVEST.as_bytes()).await;
    run(&app, &admin, batch).await;
    let emery = app.sign_in(HOST, "employee@alpha.example", PASSWORD).await.unwrap();
    let week = app.request(call(HOST, "/api/my_week", "week=2026-W41", &emery)).await;
    let engagement = serde_json::from_str::<Value>(&week.body).unwrap()["engagements"][0]["engagement_id"].clone();
    let body = format!("engagement_id={engagement}&work_date=2026-10-08&duration=1h&notes=Own+work&billable=true");
    app.request(call(HOST, "/api/log_time", &body, &emery)).await;

    let submitted = app.request(call(HOST, "/api/submit_week", "week=2026-W41", &emery)).await;
    let while_submitted = emerys_week(&test).await;
    let inbox = app.request(call(HOST, "/api/load_inbox", "", &admin)).await;
    let sheet = serde_json::from_str::<Value>(&inbox.body).unwrap()["locked"][0]["timesheet_id"].clone();
    let reason = format!("timesheet_id={sheet}&reason=Wrong+client");
    let unlocked = app.request(call(HOST, "/api/unlock_timesheet", &reason, &admin)).await;

    assert_eq!((submitted.body.as_str(), unlocked.body.as_str()), ("\"Submitted\"", "null"));
    let (imported, own) = ((true, "approved".to_owned()), (false, "submitted".to_owned()));
    assert_eq!(while_submitted, (vec![own, imported.clone()], 60), "only the week's own hour was submitted");
    assert_eq!(emerys_week(&test).await.0, vec![(false, "draft".to_owned()), imported], "imported time stays approved");
}

/// Harvest rows, two of them not approved there (Emery's and one of Morgan's).
const NOT_ALL_APPROVED: &str =
    "Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,Approved,First Name,Last Name
2026-10-21,Brightwater Bakery,Monthly bookkeeping,BWB-BOOKS,Bookkeeping,Payroll journal,2,Yes,No,Emery,Employee
2026-10-22,Daybreak Pharmacy,Quarterly VAT returns,DBP-VAT,VAT,Returns,1.5,Yes,No,Morgan,Manager
2026-10-23,Daybreak Pharmacy,Quarterly VAT returns,DBP-VAT,VAT,Approved work,1,Yes,Yes,Morgan,Manager
";

#[tokio::test]
async fn time_harvest_had_not_approved_arrives_as_a_draft_in_its_person_s_week_unless_that_week_is_submitted() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    let (app, admin) = signed_in(&test, "admin").await;
    let emery = app.sign_in(HOST, "employee@alpha.example", PASSWORD).await.unwrap();
    let manager = app.sign_in(HOST, "manager@alpha.example", PASSWORD).await.unwrap();
    // Morgan submits the week (2026-W43) of their unapproved row first.
    let engagement = crate::my_week::engagements(&test, "alpha", 1).await[0];
    let body = format!("engagement_id={engagement}&work_date=2026-10-19&duration=1h&notes=Own+work&billable=true");
    app.request(call(HOST, "/api/log_time", &body, &manager)).await;
    let submitted = app.request(call(HOST, "/api/submit_week", "week=2026-W43", &manager)).await;

    let batch = upload(&app, &admin, NOT_ALL_APPROVED.as_bytes()).await;
    let planned = preview(&app, &admin, batch).await;
    let page_before = app.get_with(HOST, &format!("/import/{batch}"), &admin).await;
    let imported = run(&app, &admin, batch).await;
    let emerys = app.request(call(HOST, "/api/my_week", "week=2026-W43", &emery)).await;
    let page = app.get_with(HOST, "/time?week=2026-W43", &emery).await;

    assert_eq!(submitted.body, "\"Submitted\"");
    assert_eq!(planned["drafts"].as_u64(), Some(1), "Emery's; Morgan's week takes no drafts");
    assert!(page_before.body.contains("1 of them was not approved in Harvest"), "the preview says so");
    assert_eq!(imported.body, r#"{"imported":2,"skipped":0,"errors":1}"#, "Morgan's approved row still lands");
    let refused =
        planned["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect::<Vec<_>>();
    assert!(
        refused.iter().any(|m| m.contains("Morgan Manager's week of 2026-10-19 is already submitted")),
        "{refused:?}"
    );
    let entries: Vec<Value> = serde_json::from_str::<Value>(&emerys.body).unwrap()["week"]["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["entries"].as_array().unwrap().clone())
        .collect();
    assert_eq!(entries.len(), 1, "{}", emerys.body);
    assert_eq!((&entries[0]["imported"], &entries[0]["locked"]), (&Value::from("Draft"), &Value::from(false)));
    assert!(page.body.contains("Imported · not yet approved"), "visible on the entry");
    let resubmitted = app.request(call(HOST, "/api/submit_week", "week=2026-W43", &emery)).await;
    assert_eq!(resubmitted.body, "\"Submitted\"", "and submitted with the week like time logged here");
}

#[tokio::test]
async fn people_who_are_not_administrators_cannot_upload_preview_or_import() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    let (app, admin) = signed_in(&test, "admin").await;
    let manager = app.sign_in(HOST, "manager@alpha.example", PASSWORD).await.unwrap();
    let batch = upload(&app, &admin, HARVEST.as_bytes()).await;

    let uploaded = app.request(upload_request(HOST, &manager, "harvest.csv", HARVEST.as_bytes())).await;
    let previewed = app.request(call(HOST, "/api/import_batch", &format!("batch_id={batch}"), &manager)).await;
    let imported = run(&app, &manager, batch).await;
    let page = app.get_with(HOST, "/import", &manager).await;

    assert_eq!(uploaded.status, StatusCode::FORBIDDEN);
    assert!(
        uploaded.body.contains("Only the firm&#x27;s administrators")
            || uploaded.body.contains("Only the firm's administrators")
    );
    assert_eq!((previewed.body.as_str(), imported.body.as_str()), ("\"Forbidden\"", "\"Forbidden\""));
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(entries(&test).await.0, 0);
}

#[tokio::test]
async fn another_firms_batch_is_not_found() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    firm(&test, "beta").await;
    let app = TestApp::start(&test).await;
    let beta_admin = app.sign_in("beta.localhost", "admin@beta.example", PASSWORD).await.unwrap();
    let response = app.request(upload_request("beta.localhost", &beta_admin, "b.csv", HARVEST.as_bytes())).await;
    let beta_batch = location(&response).strip_prefix("/import/").unwrap().to_owned();
    let admin = app.sign_in(HOST, "admin@alpha.example", PASSWORD).await.unwrap();

    let previewed = app.request(call(HOST, "/api/import_batch", &format!("batch_id={beta_batch}"), &admin)).await;
    let imported = run(&app, &admin, beta_batch.parse().unwrap()).await;

    assert_eq!((previewed.body.as_str(), imported.body.as_str()), ("\"NotFound\"", "\"NotFound\""));
}

#[tokio::test]
async fn uploads_from_another_site_too_large_or_empty_are_refused_with_a_message() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    let (app, admin) = signed_in(&test, "admin").await;

    let mut cross_site = upload_request(HOST, &admin, "h.csv", HARVEST.as_bytes());
    cross_site.headers_mut().insert("origin", "http://evil.example".parse().unwrap());
    let cross_site = app.request(cross_site).await;
    let too_large = app.request(upload_request(HOST, &admin, "big.csv", &vec![b'x'; 11 << 20])).await;
    let empty = app.request(upload_request(HOST, &admin, "", b"")).await;

    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    assert_eq!(too_large.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_large.body.contains("larger than 10 MiB"));
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.body.contains("Choose a file"));
}

#[tokio::test]
async fn a_file_that_is_not_an_export_says_so_on_its_preview() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    let (app, admin) = signed_in(&test, "admin").await;

    let batch = upload(&app, &admin, b"Date,Client,Hours,First Name,Last Name\n2026-11-02,Acme,1,Avery,Admin\n").await;
    let page = app.get_with(HOST, &format!("/import/{batch}"), &admin).await;
    let imported = run(&app, &admin, batch).await;

    assert!(page.body.contains("no “Project” column"), "{}", page.body);
    assert!(imported.body.contains("no “Project” column"));
}

/// A Harvest export of 5,000 rows for `firm`'s people and engagements.
pub(crate) fn five_thousand_rows() -> String {
    let mut file = String::from("Date,Client,Project,Project Code,Task,Notes,Hours,Billable?,First Name,Last Name\r\n");
    for i in 0..5_000 {
        let day = 1 + i % 28;
        let (client, code) = [("Acme Holdings", "ACM-AUDIT"), ("Brightwater Bakery", "BWB-BOOKS")][i % 2];
        file.push_str(&format!(
            "2026-{:02}-{day:02},{client},Work,{code},Fieldwork,Item {i},1.25,Yes,Emery,Employee\r\n",
            1 + i % 10
        ));
    }
    file
}

#[tokio::test]
async fn a_five_thousand_row_export_imports_in_one_go() {
    let test = fresh_database().await;
    firm(&test, "alpha").await;
    let (app, admin) = signed_in(&test, "admin").await;
    let file = five_thousand_rows();

    let started = std::time::Instant::now();
    let batch = upload(&app, &admin, file.as_bytes()).await;
    let ready = preview(&app, &admin, batch).await["ready"].as_u64();
    let imported = run(&app, &admin, batch).await;
    let elapsed = started.elapsed();

    assert_eq!(ready, Some(5_000));
    assert_eq!(imported.body, r#"{"imported":5000,"skipped":0,"errors":0}"#);
    println!("5,000 rows uploaded, previewed and imported in {elapsed:?}");
    assert!(elapsed.as_secs() < 60, "took {elapsed:?}");
}
