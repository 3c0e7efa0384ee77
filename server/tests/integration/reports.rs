//! Reports: who may read which (an employee only their own utilization,
//! through the page's server function and its CSV alike), that a firm's
//! reports hold nothing of another firm, and that unbilled work and
//! budgets follow invoicing, voids and edits as a full recomputation
//! would — there are no summary tables to drift, and these prove it.

use crate::approvals::{HOST, firm as approvals_firm};
use crate::helpers::{PASSWORD, call, page_request};
use crate::invoice_fixture::{Firm, day, firm};
use axum::body::Body;
use axum::http::StatusCode;
use pespro::first_day::FirstDay;
use pespro::practice::invoices::{delete_draft, submit_invoice, void_invoice};
use pespro::practice::report_settings::{ReportSettings, set_report_settings};
use pespro::practice::reports::reports_page;
use pespro::reports::budgets::Outlook;
use pespro::reports::period::PeriodChoice;
use pespro::reports::query::ReportQuery;
use pespro::reports::receivables::ReceivablesTrend;
use pespro::reports::utilization::UtilizationBasis;
use pespro::reports::{ReportData, ReportKind};
use serde_json::Value;
use time::Duration;

fn names(page: &Value) -> Vec<String> {
    let people = page["data"]["Utilization"]["report"]["people"].as_array().unwrap();
    people.iter().map(|person| person[0].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn an_employee_reads_only_their_own_utilization_and_a_manager_reads_everyone_s() {
    let f = approvals_firm().await;
    let today = time::OffsetDateTime::now_utc().date().to_string();
    assert_eq!(f.log(&f.emery, &today, "6h").await.status, StatusCode::OK);
    assert_eq!(f.log(&f.morgan, &today, "2h").await.status, StatusCode::OK);

    let mine = f.post("/api/reports", "report=utilization&period=last-4-weeks", &f.emery).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let mine: Value = serde_json::from_str(&mine.body).unwrap();
    assert_eq!(names(&mine), ["Person emery@alpha.example"]);
    assert_eq!(mine["own_only"], Value::Bool(true));
    assert_eq!(mine["data"]["Utilization"]["report"]["total"]["used"], 360);

    let all = f.post("/api/reports", "report=utilization&period=last-4-weeks", &f.morgan).await;
    let all: Value = serde_json::from_str(&all.body).unwrap();
    assert_eq!(names(&all).len(), 4, "{:?}", names(&all));
    assert_eq!(all["data"]["Utilization"]["report"]["total"]["used"], 480);

    for report in ["budgets", "unbilled", "receivables", "hours"] {
        let refused = f.post("/api/reports", &format!("report={report}"), &f.emery).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{report}: {}", refused.body);
        let csv = f
            .app
            .request(
                page_request(HOST, &format!("/reports/export.csv?report={report}"))
                    .header("cookie", &f.emery)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(csv.status, StatusCode::FORBIDDEN, "{report}");
        let pdf = f
            .app
            .request(
                page_request(HOST, &format!("/reports/export.pdf?report={report}"))
                    .header("cookie", &f.emery)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(pdf.status, StatusCode::FORBIDDEN, "{report}");
    }
    let printed = f
        .app
        .request(
            page_request(HOST, "/reports/export.pdf?report=hours&by=person")
                .header("cookie", &f.morgan)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(printed.status, StatusCode::OK);
    assert_eq!(printed.headers["content-type"], "application/pdf");
    assert!(printed.body_bytes.starts_with(b"%PDF-"));
    let csv = f
        .app
        .request(
            page_request(HOST, "/reports/export.csv?report=utilization&period=last-4-weeks")
                .header("cookie", &f.emery)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.contains("person,Person emery@alpha.example,6.00,6.00,"), "{}", csv.body);
    assert!(!csv.body.contains("morgan"), "{}", csv.body);
}

#[tokio::test]
async fn a_firm_s_reports_hold_nothing_of_another_firm_and_its_sessions_read_nothing_there() {
    let f = approvals_firm().await;
    let today = time::OffsetDateTime::now_utc().date().to_string();
    f.log(&f.emery, &today, "6h").await;
    f.test.create_firm("beta").await;
    f.test.create_person("beta", "bo@beta.example", pespro::access::Role::Manager).await;
    f.app.eventually("beta.localhost", StatusCode::OK).await;
    let bo = f.app.sign_in("beta.localhost", "bo@beta.example", PASSWORD).await.unwrap();

    let theirs = f.app.request(call("beta.localhost", "/api/reports", "report=utilization", &bo)).await;
    let theirs: Value = serde_json::from_str(&theirs.body).unwrap();
    assert_eq!(names(&theirs), ["Person bo@beta.example"]);
    assert_eq!(theirs["data"]["Utilization"]["report"]["total"]["recorded"], 0);
    let unbilled = f.app.request(call("beta.localhost", "/api/reports", "report=unbilled", &bo)).await;
    let unbilled: Value = serde_json::from_str(&unbilled.body).unwrap();
    assert_eq!(unbilled["data"]["Unbilled"], serde_json::json!([]), "alpha's approved work is not beta's");
    let hours = f.app.request(call("beta.localhost", "/api/reports", "report=hours&period=last-4-weeks", &bo)).await;
    let hours: Value = serde_json::from_str(&hours.body).unwrap();
    assert_eq!(hours["data"]["Hours"]["groups"], serde_json::json!([]), "alpha's recorded time is not beta's");

    // Beta's session on alpha's host is nobody there.
    let across = f.app.request(call(HOST, "/api/reports", "report=unbilled", &bo)).await;
    assert_eq!(across.status, StatusCode::UNAUTHORIZED, "{}", across.body);
    let csv = f
        .app
        .request(
            page_request(HOST, "/reports/export.csv?report=unbilled")
                .header("cookie", &bo)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(csv.status, StatusCode::SEE_OTHER);
}

async fn report(f: &Firm, kind: ReportKind, today: time::Date) -> ReportData {
    let mut tx = f.tx().await;
    let page = reports_page(
        &mut tx,
        ReportQuery::default().with_kind(kind).with_period(PeriodChoice::LastMonth),
        today,
        FirstDay::Monday,
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    page.data
}

async fn unbilled_total(f: &Firm) -> Vec<(i64, u64)> {
    let ReportData::Unbilled(reports) = report(f, ReportKind::Unbilled, day(30)).await else { panic!("unbilled") };
    reports.iter().map(|r| (r.total.total, r.total.minutes)).collect()
}

#[tokio::test]
async fn unbilled_work_is_what_a_draft_takes_and_comes_back_when_the_draft_is_deleted_or_the_invoice_void() {
    let f = firm("alpha").await;
    f.send_directly().await;
    let entries = f.approved_time(day(2), 3, 60).await;
    f.approved_time(day(27), 1, 30).await;
    // 3 h on 2 November (28 days before the 30th) and half an hour on the
    // 27th, at 100.00 EUR an hour: all in the youngest column.
    let ReportData::Unbilled(reports) = report(&f, ReportKind::Unbilled, day(30)).await else { panic!() };
    assert_eq!(reports[0].total.by_age, [35_000, 0, 0, 0]);
    // Five days on, the 3 hours are 33 days old.
    let ReportData::Unbilled(later) = report(&f, ReportKind::Unbilled, day(30) + Duration::days(5)).await else {
        panic!()
    };
    assert_eq!(later[0].total.by_age, [5_000, 30_000, 0, 0]);

    let draft = f.draft(day(1), day(30)).await;
    let drafted: i64 = f
        .scalar(&format!("select sum(amount_minor)::int8 from {{schema}}.invoice_lines where invoice_id = {draft}"))
        .await;
    assert_eq!(drafted, 35_000, "the report valued the work as the draft does");
    assert_eq!(unbilled_total(&f).await, []);

    let mut tx = f.tx().await;
    delete_draft(&mut tx, draft).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(unbilled_total(&f).await, [(35_000, 210)]);

    let invoice = f.draft(day(1), day(30)).await;
    let mut tx = f.tx().await;
    submit_invoice(&mut tx, f.manager, invoice, day(30)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(unbilled_total(&f).await, []);
    let mut tx = f.tx().await;
    void_invoice(&mut tx, invoice, "billed too early").await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(unbilled_total(&f).await, [(35_000, 210)]);

    // An edit is read at once: no stale summary.
    f.scalar::<i64>(&format!("with u as (update {{schema}}.time_entries set minutes = 120 where time_entry_id = {} returning 1) select count(*) from u", entries[0])).await;
    assert_eq!(unbilled_total(&f).await, [(45_000, 270)]);
}

#[tokio::test]
async fn a_ten_hour_budget_with_three_hours_used_this_month_runs_out_at_that_pace() {
    let f = firm("alpha").await;
    f.scalar::<i64>(&format!("with u as (update {{schema}}.engagements set budget_minutes = 600 where engagement_id = {} returning 1) select count(*) from u", f.engagement)).await;
    f.approved_time(day(16), 3, 60).await;
    let ReportData::Budgets(lines) = report(&f, ReportKind::Budgets, day(30)).await else { panic!() };
    assert_eq!((lines[0].used, lines[0].budget, lines[0].percent), (180, 600, 30));
    // 7 h left at 3 h per 28 days: 65⅓ days, so the 66th day after the 30th.
    assert_eq!(lines[0].outlook, Outlook::RunsOut(day(30) + Duration::days(66)));
    assert!(!lines[0].at_risk);
    // Week by week up to this one (Monday 30 November): nothing until the
    // week of the 16th, then 30 %.
    let history: Vec<(time::Date, u64)> = lines[0].history.iter().rev().take(4).rev().copied().collect();
    assert_eq!(history, [(day(9), 0), (day(16), 30), (day(23), 30), (day(30), 30)]);
}

#[tokio::test]
async fn a_part_timer_s_own_capacity_and_the_firm_s_default_set_what_is_available() {
    let f = firm("alpha").await;
    f.scalar::<i64>(&format!("with u as (update {{schema}}.users set weekly_capacity_minutes = 1200 where user_id = {} returning 1) select count(*) from u", f.manager)).await;
    let mut tx = f.tx().await;
    set_report_settings(
        &mut tx,
        ReportSettings { weekly_capacity: pespro::money::Minutes(30 * 60), basis: UtilizationBasis::Billable },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    f.approved_time(day(3), 1, 240).await;
    let ReportData::Utilization { report, .. } = report(&f, ReportKind::Utilization, day(30) + Duration::days(3)).await
    else {
        panic!()
    };
    // November 2026 has 21 working days: 21 × 4 h for the part-timer,
    // 21 × 6 h for the two on the firm's 30-hour week.
    let available: Vec<_> = report.people.iter().map(|(name, part)| (name.as_str(), part.available / 60)).collect();
    assert_eq!(
        available,
        [("Person ada@alpha.example", 126), ("Person mia@alpha.example", 84), ("Person pat@alpha.example", 126)]
    );
    assert_eq!(report.people[1].1.used, 240);
    assert_eq!(report.people[1].1.percent(), Some(5));
}

#[tokio::test]
async fn every_demo_firm_s_reports_have_something_in_every_part_worth_showing() {
    let test = crate::helpers::fresh_database().await;
    pespro::demo::seed_demo(&test.db).await.unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let registry = pespro::tenancy::TenantRegistry::load(&test.db).await.unwrap();
    for slug in ["ledgerline", "northstar", "harbor-law"] {
        let tenant = registry.by_slug(slug).unwrap();
        let read = async |kind| {
            let mut tx = test.db.tenant_tx(tenant.handle()).await.unwrap();
            let query = ReportQuery::default().with_kind(kind).with_period(PeriodChoice::Last12Months);
            let page = reports_page(&mut tx, query, today, FirstDay::Monday, None).await.unwrap();
            tx.commit().await.unwrap();
            page.data
        };
        let ReportData::Budgets(lines) = read(ReportKind::Budgets).await else { panic!() };
        assert!(lines.iter().any(|l| l.outlook == Outlook::Over), "{slug}: one overrun budget: {lines:?}");
        assert!(lines.iter().any(|l| l.at_risk && l.outlook != Outlook::Over), "{slug}: one near its end: {lines:?}");
        assert!(lines.iter().any(|l| !l.at_risk), "{slug}: one comfortable: {lines:?}");
        let ReportData::Realization(billed) = read(ReportKind::Realization).await else { panic!() };
        assert!(!billed[0].write_downs.is_empty(), "{slug}: a line written down: {billed:?}");
        assert!(billed[0].total.billed < billed[0].total.worked, "{slug}: {:?}", billed[0].total);
        let ReportData::Unbilled(reports) = read(ReportKind::Unbilled).await else { panic!() };
        assert!(reports[0].total.by_age[3] > 0, "{slug}: work unbilled for over 90 days: {reports:?}");
        let ReportData::Receivables(owed) = read(ReportKind::Receivables).await else { panic!() };
        let overdue = owed.trend[0].points.iter().map(|(_, row)| ReceivablesTrend::overdue(row));
        assert!(overdue.max().unwrap_or(0) > 0, "{slug}: an overdue invoice in the trend: {owed:?}");
        assert!(owed.trend[0].points.iter().filter(|(_, row)| row.total > 0).count() > 2, "{slug}: {owed:?}");
        let ReportData::Hours(table) = read(ReportKind::Hours).await else { panic!() };
        assert!(table.groups.len() > 1, "{slug}: hours of several people: {table:?}");
        let ReportData::Utilization { report, .. } = read(ReportKind::Utilization).await else { panic!() };
        let capacities: std::collections::BTreeSet<u64> = report.people.iter().map(|(_, p)| p.available).collect();
        assert!(capacities.len() > 1, "{slug}: a part-timer among full-timers");
        assert!(report.total.percent().is_some_and(|p| p > 0), "{slug}: {:?}", report.total);
    }
}
