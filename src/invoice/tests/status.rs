use super::day;
use crate::invoice::aging::{Bucket, OpenItem, aging};
use crate::invoice::status::{InvoiceStatus as S, PaymentError, StatusError, after_payment, is_overdue};
use crate::invoice::terms::PaymentTerms;
use crate::money::Currency;

fn fmt(minor: i64) -> String {
    format!("{minor}")
}

#[test]
fn every_status_reads_back_from_its_stored_form() {
    for status in S::ALL {
        assert_eq!(S::parse(status.as_str()), Some(status));
    }
    assert_eq!(S::parse("lost"), None);
}

#[test]
fn only_drafts_and_invoices_awaiting_approval_can_be_edited() {
    assert!(S::Draft.check_editable().is_ok());
    assert!(S::AwaitingApproval.check_editable().is_ok());
    for status in [S::Approved, S::Sent, S::PartiallyPaid, S::Paid, S::Void] {
        assert!(matches!(status.check_editable(), Err(StatusError::Final(_))), "{status:?}");
    }
}

#[test]
fn an_empty_or_negative_draft_cannot_be_submitted() {
    assert_eq!(S::Draft.check_submittable(0, 0, false), Err(StatusError::Empty));
    assert_eq!(S::Draft.check_submittable(1, -5, false), Err(StatusError::Negative));
    assert!(S::Draft.check_submittable(1, 0, false).is_ok());
    assert!(matches!(S::Sent.check_submittable(1, 5, false), Err(StatusError::NotADraft(_))));
}

#[test]
fn a_credit_note_must_take_money_off() {
    assert_eq!(S::Draft.check_submittable(1, 0, true), Err(StatusError::CreditNotNegative));
    assert!(S::Draft.check_submittable(1, -5, true).is_ok());
}

#[test]
fn only_an_invoice_the_client_received_can_be_credited() {
    assert!(S::Sent.check_creditable().is_ok());
    assert!(S::Paid.check_creditable().is_ok());
    assert!(matches!(S::Draft.check_creditable(), Err(StatusError::NotCreditable(_))));
    assert!(matches!(S::Void.check_creditable(), Err(StatusError::NotCreditable(_))));
}

#[test]
fn a_part_payment_leaves_it_partially_paid_and_the_rest_pays_it() {
    assert_eq!(after_payment(S::Sent, 10_000, 0, 4_000, fmt), Ok(S::PartiallyPaid));
    assert_eq!(after_payment(S::PartiallyPaid, 10_000, 4_000, 6_000, fmt), Ok(S::Paid));
}

#[test]
fn an_overpayment_is_refused_naming_what_is_still_due() {
    assert_eq!(
        after_payment(S::PartiallyPaid, 10_000, 4_000, 6_001, fmt),
        Err(PaymentError::Overpayment { due: "6000".into() })
    );
}

#[test]
fn payments_are_only_recorded_on_sent_invoices_and_above_zero() {
    assert!(matches!(after_payment(S::Approved, 100, 0, 100, fmt), Err(PaymentError::Status(_))));
    assert!(matches!(after_payment(S::Paid, 100, 100, 1, fmt), Err(PaymentError::Status(_))));
    assert_eq!(after_payment(S::Sent, 100, 0, 0, fmt), Err(PaymentError::NotPositive));
}

#[test]
fn a_paid_invoice_cannot_be_voided_and_a_draft_is_deleted_instead() {
    assert_eq!(S::PartiallyPaid.check_voidable(1), Err(StatusError::HasPayments));
    assert_eq!(S::Draft.check_voidable(0), Err(StatusError::DraftIsDeleted));
    assert_eq!(S::Void.check_voidable(0), Err(StatusError::AlreadyVoid));
    assert!(S::Sent.check_voidable(0).is_ok());
    assert!(S::Approved.check_voidable(0).is_ok());
}

#[test]
fn overdue_is_an_open_invoice_past_its_due_date() {
    let due = Some(day(2026, 11, 30));
    assert!(!is_overdue(S::Sent, due, day(2026, 11, 30)));
    assert!(is_overdue(S::Sent, due, day(2026, 12, 1)));
    assert!(is_overdue(S::PartiallyPaid, due, day(2026, 12, 1)));
    assert!(!is_overdue(S::Paid, due, day(2027, 1, 1)));
    assert!(!is_overdue(S::Void, due, day(2027, 1, 1)));
}

#[test]
fn terms_give_the_due_date() {
    let issued = day(2026, 1, 20);
    assert_eq!(PaymentTerms::Days(30).due_on(issued), day(2026, 2, 19));
    assert_eq!(PaymentTerms::OnReceipt.due_on(issued), issued);
    assert_eq!(PaymentTerms::EndOfMonthPlus(15).due_on(issued), day(2026, 2, 15));
    assert_eq!(PaymentTerms::EndOfMonthPlus(0).due_on(day(2028, 2, 3)), day(2028, 2, 29));
}

#[test]
fn terms_are_read_from_the_form_and_refuse_nonsense_days() {
    assert_eq!(PaymentTerms::parse("days", "14"), Ok(PaymentTerms::Days(14)));
    assert_eq!(PaymentTerms::parse("receipt", ""), Ok(PaymentTerms::OnReceipt));
    assert!(PaymentTerms::parse("days", "-1").is_err());
    assert!(PaymentTerms::parse("days", "400").is_err());
    assert!(PaymentTerms::parse("whenever", "1").is_err());
}

#[test]
fn aging_buckets_count_days_past_the_due_date() {
    let due = day(2026, 1, 31);
    assert_eq!(Bucket::of(due, day(2026, 1, 31)), Bucket::Current);
    assert_eq!(Bucket::of(due, day(2026, 2, 1)), Bucket::Days1To30);
    assert_eq!(Bucket::of(due, day(2026, 3, 2)), Bucket::Days1To30);
    assert_eq!(Bucket::of(due, day(2026, 3, 3)), Bucket::Days31To60);
    assert_eq!(Bucket::of(due, day(2026, 5, 1)), Bucket::Days61To90);
    assert_eq!(Bucket::of(due, day(2026, 5, 2)), Bucket::Over90);
}

#[test]
fn aging_totals_per_client_and_per_currency_never_across_currencies() {
    let item = |client: &str, currency: Currency, due: (i32, u8, u8), minor| OpenItem {
        client: client.into(),
        currency,
        due_on: day(due.0, due.1, due.2),
        due_minor: minor,
    };
    let today = day(2026, 6, 30);
    let report = aging(
        &[
            item("Acme", Currency::EUR, (2026, 6, 30), 100),
            item("Acme", Currency::EUR, (2026, 5, 1), 50),
            item("Bolt", Currency::EUR, (2026, 1, 1), 7),
            item("Acme", Currency::USD, (2026, 6, 1), 1_000),
        ],
        today,
    );
    assert_eq!(report.len(), 2);
    let eur = &report[0];
    assert_eq!(eur.currency, Currency::EUR);
    assert_eq!(eur.total.total, 157);
    assert_eq!(eur.total.buckets, [100, 0, 50, 0, 7]);
    assert_eq!(eur.clients[0].0, "Acme");
    assert_eq!(report[1].total.total, 1_000);
}
