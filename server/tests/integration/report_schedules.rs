//! Scheduled reports: a manager saves one through the page's server
//! function (refused for employees, for recipients who may not read every
//! report, and for another firm's people), the mail worker e-mails it on
//! its day over a real SMTP server with its CSV attached and moves it on,
//! two workers at once send it once, and stopping it is audited.

use crate::approvals::firm;
use crate::mail_sink::mail_sink;
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::notices_mail::NoticeMail;
use serde_json::Value;

const RHEA: &str = "rhea@schedules.example";

fn worker(f: &crate::approvals::Firm, registry: pespro::tenancy::TenantRegistry) -> NoticeMail {
    let smtp = format!("smtp://127.0.0.1:{}", mail_sink().port);
    NoticeMail {
        db: f.test.db.clone(),
        registry,
        mailer: pespro::mail::Mailer::new(Some(&smtp), std::env::temp_dir(), "PesPro <no-reply@localhost>").unwrap(),
        hosts: pespro::host::HostRules::new("localhost", "admin.localhost"),
        https: false,
        public_port: Some(3000),
    }
}

/// One number from `sql` run in alpha's schema (`{schema}`).
async fn scalar(f: &crate::approvals::Firm, sql: &str) -> i64 {
    let schema = f.test.schema_of("alpha").await;
    sqlx::query_scalar(&sql.replace("{schema}", &schema)).fetch_one(&mut f.test.raw().await).await.unwrap()
}

#[tokio::test]
async fn a_saved_report_goes_to_its_readers_on_its_day_once_with_its_csv_then_waits_for_its_next_day() {
    let f = firm().await;
    let rhea = f.test.create_person("alpha", RHEA, Role::Manager).await;
    let emery: i64 = scalar(&f, "select user_id from {schema}.users where email = 'emery@alpha.example'").await;
    let form = |name: &str, people: &[i64]| {
        let mut body =
            format!("report=hours&period=last-month&by=client&then=person&form[name]={name}&form[cadence]=weekly");
        for id in people {
            body.push_str(&format!("&form[recipients][p{id}]=on"));
        }
        body
    };

    let by_employee = f.post("/api/schedule_report", &form("Mine", &[rhea]), &f.emery).await;
    assert_eq!(by_employee.status, StatusCode::FORBIDDEN, "{}", by_employee.body);
    let to_employee = f.post("/api/schedule_report", &form("Leak", &[emery]), &f.morgan).await;
    assert_eq!(to_employee.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", to_employee.body);
    assert!(to_employee.body.contains("\"field\":\"recipients\""), "{}", to_employee.body);
    let unnamed = f.post("/api/schedule_report", &form("%20", &[rhea]), &f.morgan).await;
    assert!(unnamed.body.contains("\"field\":\"name\""), "{}", unnamed.body);
    let saved = f.post("/api/schedule_report", &form("Weekly%20hours", &[rhea]), &f.morgan).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

    let list = f.post("/api/load_report_schedules", "", &f.morgan).await;
    let list: Value = serde_json::from_str(&list.body).unwrap();
    let schedule = &list["schedules"][0];
    assert_eq!(schedule["name"], "Weekly hours");
    assert_eq!(schedule["query"]["then"], "Person");
    assert_eq!(schedule["recipients"], serde_json::json!(["Person rhea@schedules.example"]));
    let readers: Vec<&str> = list["readers"].as_array().unwrap().iter().map(|r| r[1].as_str().unwrap()).collect();
    assert!(!readers.iter().any(|name| name.contains("emery")), "{readers:?}");
    let days = scalar(&f, "select (next_send_on - current_date)::int8 from {schema}.report_schedules").await;
    assert!((1..=7).contains(&days), "due on the next first day of a week, in {days} days");

    // Its day comes; two workers sweep at once and it goes out once.
    scalar(&f, "with s as (update {schema}.report_schedules set next_send_on = current_date - 1 returning 1) select count(*) from s").await;
    let registry = pespro::tenancy::TenantRegistry::load(&f.test.db).await.unwrap();
    let tenant = registry.by_slug("alpha").unwrap();
    let (one, two) = (worker(&f, registry.clone()), worker(&f, registry.clone()));
    let (a, b) = tokio::join!(one.send_due_reports(&tenant), two.send_due_reports(&tenant));
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    let mail = mail_sink().messages_to(RHEA);
    assert_eq!(mail.len(), 1);
    let text = mail[0].replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    assert!(text.contains("Subject: Weekly hours: hours, last month"), "{text}");
    assert!(
        text.contains("http://alpha.localhost:3000/reports?report=hours&period=last-month&by=client&then=person"),
        "{text}"
    );
    assert!(text.contains("filename=\"alpha-hours-"), "the CSV is attached: {text}");
    assert_eq!(one.send_due_reports(&tenant).await.unwrap(), 0, "not again until its next day");
    let moved: i64 = scalar(
        &f,
        "select count(*) from {schema}.report_schedules where next_send_on > current_date and last_sent_at is not null",
    )
    .await;
    assert_eq!(moved, 1);

    // Rhea stops being a manager: the report no longer goes to her.
    scalar(&f, "with s as (update {schema}.report_schedules set next_send_on = current_date returning 1) select count(*) from s").await;
    scalar(&f, &format!("with u as (update {{schema}}.users set role = 'employee' where user_id = {rhea} returning 1) select count(*) from u")).await;
    assert_eq!(one.send_due_reports(&tenant).await.unwrap(), 0);
    assert_eq!(mail_sink().messages_to(RHEA).len(), 1);

    let id = schedule["schedule_id"].as_i64().unwrap();
    let across = f.post("/api/unschedule_report", &format!("schedule_id={}", id + 1000), &f.morgan).await;
    assert_eq!(across.status, StatusCode::NOT_FOUND, "{}", across.body);
    let stopped = f.post("/api/unschedule_report", &format!("schedule_id={id}"), &f.morgan).await;
    assert_eq!(stopped.status, StatusCode::OK, "{}", stopped.body);
    let trail: Vec<String> = sqlx::query_scalar(&format!(
        "select action || ' ' || subject from {}.audit_events where action like 'report.%' order by audit_event_id",
        f.test.schema_of("alpha").await
    ))
    .fetch_all(&mut f.test.raw().await)
    .await
    .unwrap();
    assert_eq!(trail, ["report.scheduled Weekly hours", "report.unscheduled Weekly hours"]);
}
