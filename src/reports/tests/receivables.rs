use super::day;
use crate::money::Currency;
use crate::reports::receivables::{ReceivablesTrend, SentInvoice, receivables_trend};

/// Issued 15 Sep for 1,000.00, due 15 Oct; 400.00 paid on 20 Oct, the
/// rest on 10 Dec.
fn paid_late() -> SentInvoice {
    SentInvoice {
        currency: Currency::USD,
        issued_on: day(2026, 9, 15),
        due_on: day(2026, 10, 15),
        total_minor: 100_000,
        voided_on: None,
        payments: vec![(day(2026, 10, 20), 40_000), (day(2026, 12, 10), 60_000)],
    }
}

const MONTH_ENDS: [(u8, u8); 4] = [(9, 30), (10, 31), (11, 30), (12, 31)];

fn month_ends() -> Vec<time::Date> {
    MONTH_ENDS.iter().map(|(m, d)| day(2026, *m, *d)).collect()
}

#[test]
fn a_thousand_owed_in_september_is_six_hundred_overdue_by_sixteen_days_at_the_end_of_october_then_paid_off() {
    let trend = receivables_trend(&[paid_late()], &month_ends());
    assert_eq!(trend.len(), 1);
    let owed: Vec<(i64, i64)> = trend[0].points.iter().map(|(_, r)| (r.total, ReceivablesTrend::overdue(r))).collect();
    assert_eq!(owed, [(100_000, 0), (60_000, 60_000), (60_000, 60_000), (0, 0)]);
    // 31 Oct is 16 days past 15 Oct (1–30); 30 Nov is 46 days (31–60).
    assert_eq!(trend[0].points[1].1.buckets, [0, 60_000, 0, 0, 0]);
    assert_eq!(trend[0].points[2].1.buckets, [0, 0, 60_000, 0, 0]);
}

#[test]
fn an_invoice_is_not_owed_before_it_is_issued_nor_from_the_day_it_is_voided() {
    let voided = SentInvoice { voided_on: Some(day(2026, 10, 31)), payments: vec![], ..paid_late() };
    assert_eq!(voided.owed_at(day(2026, 9, 14)), 0);
    assert_eq!(voided.owed_at(day(2026, 9, 15)), 100_000);
    assert_eq!(voided.owed_at(day(2026, 10, 30)), 100_000);
    assert_eq!(voided.owed_at(day(2026, 10, 31)), 0);
}

#[test]
fn paying_more_than_was_asked_owes_nothing_rather_than_a_negative_amount() {
    let overpaid = SentInvoice { payments: vec![(day(2026, 9, 20), 120_000)], ..paid_late() };
    assert_eq!(overpaid.owed_at(day(2026, 9, 30)), 0);
}

#[test]
fn currencies_are_never_added_together_and_come_alphabetically() {
    let euro = SentInvoice { currency: Currency::parse("EUR").unwrap(), ..paid_late() };
    let trend = receivables_trend(&[paid_late(), euro], &month_ends());
    let currencies: Vec<&str> = trend.iter().map(|t| t.currency.as_str()).collect();
    assert_eq!(currencies, ["EUR", "USD"]);
    assert_eq!(trend[1].points[0].1.total, 100_000);
}

#[test]
fn nothing_owed_at_any_point_gives_no_trend() {
    let settled = SentInvoice { payments: vec![(day(2026, 9, 20), 100_000)], ..paid_late() };
    assert!(receivables_trend(&[settled], &month_ends()).is_empty());
}
