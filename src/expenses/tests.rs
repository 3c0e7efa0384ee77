//! Expense forms, amounts and receipts.

use super::*;
use crate::access::{CurrentUser, Role};

fn form() -> ExpenseForm {
    ExpenseForm {
        engagement_id: "7".into(),
        spent_on: "2026-11-20".into(),
        amount: "12.50".into(),
        currency: "eur".into(),
        category: "travel".into(),
        billable: true,
        notes: "  Train to the client  ".into(),
    }
}

#[test]
fn a_complete_form_becomes_an_expense_in_minor_units() {
    let expense = form().check().unwrap();
    assert_eq!(expense.amount, Money::new(1250, Currency::EUR));
    assert_eq!(expense.category, ExpenseCategory::Travel);
    assert_eq!(expense.notes, "Train to the client");
}

#[test]
fn each_bad_field_is_named() {
    type Spoil = fn(&mut ExpenseForm);
    let cases: [(Spoil, &str); 6] = [
        (|f| f.engagement_id = String::new(), "engagement_id"),
        (|f| f.spent_on = "yesterday".into(), "spent_on"),
        (|f| f.amount = "abc".into(), "amount"),
        (|f| f.currency = "euro".into(), "currency"),
        (|f| f.category = "yachts".into(), "category"),
        (|f| f.notes = "x".repeat(501), "notes"),
    ];
    for (spoil, field) in cases {
        let mut bad = form();
        spoil(&mut bad);
        assert_eq!(bad.check().unwrap_err().field(), field);
    }
}

#[test]
fn amounts_are_read_as_people_type_them() {
    assert_eq!(parse_amount("12", Currency::EUR), Ok(1200));
    assert_eq!(parse_amount("12,5", Currency::EUR), Ok(1250));
    assert_eq!(parse_amount(" 1 234.56 ", Currency::USD), Ok(123_456));
    assert_eq!(parse_amount(".99", Currency::USD), Ok(99));
    assert_eq!(parse_amount("1500", Currency::parse("JPY").unwrap()), Ok(1500));
    assert_eq!(parse_amount("1.250", Currency::parse("KWD").unwrap()), Ok(1250));
}

#[test]
fn amounts_written_in_any_firms_format_read_back() {
    assert_eq!(parse_amount("1,234.50", Currency::USD), Ok(123_450));
    assert_eq!(parse_amount("1.234,50", Currency::EUR), Ok(123_450));
    assert_eq!(parse_amount("1\u{a0}234,50", Currency::EUR), Ok(123_450));
    assert_eq!(parse_amount("1'234.50", Currency::EUR), Ok(123_450));
    assert_eq!(parse_amount("12,345,678.90", Currency::USD), Err(ExpenseProblem::AmountTooLarge));
    assert_eq!(parse_amount("1,500", Currency::parse("JPY").unwrap()), Ok(1500));
    assert_eq!(parse_amount("1.500", Currency::parse("JPY").unwrap()), Ok(1500));
}

#[test]
fn marks_that_cannot_be_thousands_marks_are_refused() {
    assert_eq!(parse_amount("12.34,5", Currency::EUR), Err(ExpenseProblem::NoAmount));
    assert_eq!(parse_amount("1.2.3", Currency::EUR), Err(ExpenseProblem::NoAmount));
    assert_eq!(parse_amount(",234.50", Currency::EUR), Err(ExpenseProblem::NoAmount));
}

#[test]
fn amounts_that_are_not_money_are_refused() {
    assert_eq!(parse_amount("", Currency::EUR), Err(ExpenseProblem::NoAmount));
    assert_eq!(parse_amount("-5", Currency::EUR), Err(ExpenseProblem::AmountNotPositive));
    assert_eq!(parse_amount("0.00", Currency::EUR), Err(ExpenseProblem::AmountNotPositive));
    assert_eq!(parse_amount("1.505", Currency::EUR), Err(ExpenseProblem::TooManyDecimals));
    assert_eq!(parse_amount("1.5", Currency::parse("JPY").unwrap()), Err(ExpenseProblem::TooManyDecimals));
    assert_eq!(parse_amount("1000000", Currency::EUR), Err(ExpenseProblem::AmountTooLarge));
    assert_eq!(parse_amount("1e3", Currency::EUR), Err(ExpenseProblem::NoAmount));
}

#[test]
fn amounts_are_shown_with_the_currencys_decimals() {
    assert_eq!(format_amount(Money::new(1250, Currency::EUR)), "12.50 EUR");
    assert_eq!(format_amount(Money::new(5, Currency::USD)), "0.05 USD");
    assert_eq!(format_amount(Money::new(1500, Currency::parse("JPY").unwrap())), "1500 JPY");
}

#[test]
fn every_problem_round_trips_through_its_code() {
    for problem in ExpenseProblem::ALL {
        assert_eq!(ExpenseProblem::from_code(&problem.code()), Some(problem));
    }
    assert_eq!(ExpenseProblem::from_code("<script>"), None);
}

#[test]
fn receipts_are_recognised_by_their_first_bytes_only() {
    assert_eq!(ReceiptKind::detect(b"%PDF-1.7\n..."), Some(ReceiptKind::Pdf));
    assert_eq!(ReceiptKind::detect(b"\x89PNG\r\n\x1a\n\0\0"), Some(ReceiptKind::Png));
    assert_eq!(ReceiptKind::detect(b"\xff\xd8\xff\xe0JFIF"), Some(ReceiptKind::Jpeg));
    assert_eq!(ReceiptKind::detect(b"RIFF\x10\0\0\0WEBPVP8 "), Some(ReceiptKind::Webp));
    assert_eq!(ReceiptKind::detect(b"<html><script>"), None);
    assert_eq!(ReceiptKind::detect(b"RIFF\x10\0\0\0WAVEfmt "), None);
    assert_eq!(ReceiptKind::detect(b""), None);
}

#[test]
fn a_pdf_is_downloaded_and_images_are_shown() {
    assert!(!ReceiptKind::Pdf.inline());
    assert!(ReceiptKind::Png.inline());
    for kind in ReceiptKind::ALL {
        assert_eq!(ReceiptKind::from_content_type(kind.content_type()), Some(kind));
    }
}

#[test]
fn a_receipt_is_seen_by_its_owner_and_by_approvers_only() {
    let person = |user_id, role| CurrentUser {
        user_id,
        email: "p@x.example".into(),
        display_name: "P".into(),
        role,
        impersonated_by: None,
        features: Vec::new(),
        unread_notices: 0,
        formats: Default::default(),
        time_zone: String::new(),
    };
    assert!(may_see_receipt(&person(1, Role::Employee), 1));
    assert!(!may_see_receipt(&person(2, Role::Employee), 1));
    assert!(may_see_receipt(&person(3, Role::Manager), 1));
    assert!(may_see_receipt(&person(4, Role::Admin), 1));
}

#[test]
fn a_correction_reads_the_amount_in_the_expense_s_own_currency() {
    let yen = Currency::parse("JPY").unwrap();
    let euro = Currency::parse("EUR").unwrap();

    assert_eq!(check_correction("1 250", " Taxi ", yen), Ok((1_250, "Taxi".to_owned())));
    assert_eq!(check_correction("12,5", "", euro), Ok((1_250, String::new())));
    assert_eq!(check_correction("12.50", "", yen), Err(ExpenseProblem::TooManyDecimals));
    assert_eq!(check_correction("", "", euro), Err(ExpenseProblem::NoAmount));
    assert_eq!(check_correction("1", &"x".repeat(501), euro), Err(ExpenseProblem::NotesTooLong));
}

#[test]
fn an_amount_shown_for_correcting_reads_back_as_the_same_amount() {
    for (minor, code) in [(4_210, "USD"), (5, "EUR"), (1_250, "JPY"), (1_005, "KWD")] {
        let currency = Currency::parse(code).unwrap();

        let text = amount_text(Money::new(minor, currency));

        assert_eq!(parse_amount(&text, currency), Ok(minor), "{text} {code}");
    }
}
