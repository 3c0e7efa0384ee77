//! The hours table and the receivables trend against the firm's own rows:
//! the table's totals equal a full recomputation after entries change,
//! and the trend rebuilt from issue, payment and void days ends on the
//! receivables page's own total.

use crate::invoice_fixture::{Firm, day, firm};
use pespro::first_day::FirstDay;
use pespro::practice::invoices::{NewPayment, mark_sent, record_payment, submit_invoice, void_invoice};
use pespro::practice::reports::reports_page;
use pespro::reports::hours::{Dimension, GroupKey, Hours};
use pespro::reports::period::PeriodChoice;
use pespro::reports::query::ReportQuery;
use pespro::reports::receivables::ReceivablesTrend;
use pespro::reports::{ReportData, ReportKind};
use time::{Date, Month};

fn december(d: u8) -> Date {
    Date::from_calendar_date(2026, Month::December, d).unwrap()
}

async fn read(f: &Firm, query: ReportQuery, today: Date) -> ReportData {
    let mut tx = f.tx().await;
    let page = reports_page(&mut tx, query, today, FirstDay::Monday, None).await.unwrap();
    tx.commit().await.unwrap();
    page.data
}

#[tokio::test]
async fn the_hours_table_stays_equal_to_a_full_recount_as_entries_change() {
    let f = firm("alpha").await;
    f.approved_time(day(2), 2, 90).await;
    f.approved_time(day(16), 1, 60).await;
    let query = ReportQuery::parse(Some("hours"), Some("last-month"), Some("week"), Some("client"));
    let recount = async || -> (i64, i64) {
        let november = "from {schema}.time_entries where work_date between '2026-11-01' and '2026-11-30'";
        let all = f.scalar::<i64>(&format!("select sum(minutes)::int8 {november}")).await;
        let billable =
            f.scalar::<i64>(&format!("select coalesce(sum(minutes), 0)::int8 {november} and billable")).await;
        (all, billable)
    };
    let table = |data: ReportData| match data {
        ReportData::Hours(table) => table,
        other => panic!("{other:?}"),
    };
    let first = table(read(&f, query, december(3)).await);
    assert_eq!(first.total, Hours { minutes: 240, billable: 240 });
    assert_eq!((first.total.minutes as i64, first.total.billable as i64), recount().await);
    assert_eq!(first.groups[0].key, GroupKey::Date(day(2)), "the week of Monday 2 November");
    assert_eq!(first.groups[0].within, [(GroupKey::Name("Acme Ltd".into()), Hours { minutes: 180, billable: 180 })]);

    f.scalar::<i64>("with c as (update {schema}.time_entries set billable = false, minutes = 45 where work_date = '2026-11-16' returning 1) select count(*) from c").await;
    let after = table(read(&f, query, december(3)).await);
    assert_eq!(after.total, Hours { minutes: 225, billable: 180 });
    assert_eq!((after.total.minutes as i64, after.total.billable as i64), recount().await);

    let by_role = table(read(&f, query.with_by(Dimension::Role).with_then(None), december(3)).await);
    assert_eq!(by_role.groups.iter().map(|g| g.key.clone()).collect::<Vec<_>>(), [GroupKey::Name("Manager".into())]);
}

/// Approves and sends the client's work of `on`, issued that day and due
/// on `due`; returns the invoice.
async fn sent_invoice(f: &Firm, on: Date, due: Date) -> i64 {
    let id = f.draft(on, on).await;
    let mut tx = f.tx().await;
    submit_invoice(&mut tx, f.manager, id, on).await.unwrap();
    mark_sent(&mut tx, id).await.unwrap();
    sqlx::query("update invoices set issued_on = $2, due_on = $3 where invoice_id = $1")
        .bind(id)
        .bind(on)
        .bind(due)
        .execute(tx.conn())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

#[tokio::test]
async fn owed_at_each_month_end_follows_issue_payment_and_void_and_ends_on_today_s_receivables() {
    let f = firm("alpha").await;
    f.send_directly().await;
    // Two hours at 100.00 EUR plus 20 % VAT: 240.00 EUR, due 3 December.
    f.approved_time(day(3), 2, 60).await;
    let paid_in_part = sent_invoice(&f, day(3), december(3)).await;
    f.approved_time(day(10), 1, 60).await;
    let voided = sent_invoice(&f, day(10), december(10)).await;
    let mut tx = f.tx().await;
    let payment =
        NewPayment { paid_on: day(20), amount: "100".into(), method: "bank_transfer".into(), reference: String::new() };
    record_payment(&mut tx, f.manager, paid_in_part, &payment).await.unwrap();
    void_invoice(&mut tx, voided, "sent to the wrong client").await.unwrap();
    sqlx::query("update invoices set voided_at = '2026-12-05 12:00+00' where invoice_id = $1")
        .bind(voided)
        .execute(tx.conn())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let query = ReportQuery::default().with_kind(ReportKind::Receivables).with_period(PeriodChoice::Last3Months);
    let ReportData::Receivables(report) = read(&f, query, december(10)).await else { panic!("receivables") };
    let points: Vec<(Date, i64, i64)> =
        report.trend[0].points.iter().map(|(on, owed)| (*on, owed.total, ReceivablesTrend::overdue(owed))).collect();
    assert_eq!(
        points,
        [
            (Date::from_calendar_date(2026, Month::October, 31).unwrap(), 0, 0),
            // 140.00 left of the first, all 120.00 of the second, neither due yet.
            (day(30), 26_000, 0),
            // The second void since 5 December; the first a week overdue.
            (december(10), 14_000, 14_000),
        ]
    );
    assert_eq!(report.today[0].total.total, 14_000, "the trend ends where the receivables page stands");
    assert_eq!(report.today[0].clients[0].0, "Acme Ltd");
}
