//! Realization from real invoices: a line written down with a reason bills
//! less than its work was worth, a credit note lowers what was billed (not
//! what was worked), and a draft counts for nothing until it is numbered.

use crate::invoice_fixture::{Firm, day, firm};
use pespro::access::Role;
use pespro::first_day::FirstDay;
use pespro::invoice::lines::LineForm;
use pespro::practice::invoices::{create_credit_note, edit_line, invoice_page, mark_sent, submit_invoice};
use pespro::practice::reports::reports_page;
use pespro::reports::period::PeriodChoice;
use pespro::reports::query::ReportQuery;
use pespro::reports::realization::{RealizationReport, Worth};
use pespro::reports::{ReportData, ReportKind};

/// Last month as read on 3 December 2026: November, when the work was
/// done and invoiced.
async fn realization(f: &Firm) -> Vec<RealizationReport> {
    let mut tx = f.tx().await;
    let today = time::Date::from_calendar_date(2026, time::Month::December, 3).unwrap();
    let query = ReportQuery::default().with_kind(ReportKind::Realization).with_period(PeriodChoice::LastMonth);
    let page = reports_page(&mut tx, query, today, FirstDay::Monday, None).await;
    tx.commit().await.unwrap();
    let ReportData::Realization(reports) = page.unwrap().data else { panic!("realization") };
    reports
}

#[tokio::test]
async fn two_hours_worth_200_billed_at_150_is_75_percent_and_a_full_credit_note_takes_it_to_nothing() {
    let f = firm("alpha").await;
    f.approved_time(day(2), 2, 60).await;
    f.send_directly().await;
    let id = f.draft(day(1), day(30)).await;
    let mut tx = f.tx().await;
    let line = invoice_page(&mut tx, id, (f.manager, Role::Manager), day(30)).await.unwrap().lines[0].clone();
    let discounted = LineForm {
        description: line.description.clone(),
        quantity: "1:30".into(),
        rate: "100".into(),
        reason: "agreed discount".into(),
    };
    edit_line(&mut tx, id, line.line_id, &discounted).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(realization(&f).await, [], "a draft bills nothing yet");

    let mut tx = f.tx().await;
    submit_invoice(&mut tx, f.manager, id, day(30)).await.unwrap();
    tx.commit().await.unwrap();
    let reports = realization(&f).await;
    let worth = Worth { worked: 20_000, billed: 15_000 };
    assert_eq!(reports[0].engagements, [("Acme Ltd".to_owned(), "AC-1 — Annual audit".to_owned(), worth)]);
    assert_eq!(reports[0].clients, [("Acme Ltd".to_owned(), worth)]);
    assert_eq!(reports[0].people, [("Person mia@alpha.example".to_owned(), worth)]);
    assert_eq!(reports[0].total.percent(), Some(75));
    let down = &reports[0].write_downs[0];
    assert_eq!((down.number.as_str(), down.reason.as_str(), down.worth), ("2026-0001", "agreed discount", worth));

    let mut tx = f.tx().await;
    mark_sent(&mut tx, id).await.unwrap();
    let credit = create_credit_note(&mut tx, f.manager, id).await.unwrap();
    submit_invoice(&mut tx, f.manager, credit, day(30)).await.unwrap();
    tx.commit().await.unwrap();
    let reports = realization(&f).await;
    assert_eq!(reports[0].total, Worth { worked: 20_000, billed: 0 });
    assert_eq!(reports[0].total.percent(), Some(0));
    assert_eq!(
        reports[0].people,
        [("Person mia@alpha.example".to_owned(), worth)],
        "people's figures are before credit notes"
    );
}
