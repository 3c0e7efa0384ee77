use crate::invoice::drafting::{LineKind, Quantity};
use crate::invoice::lines::{LineForm, check_line};
use crate::invoice::{amount_text, money_text};
use crate::money::{Currency, Minutes};

fn form(description: &str, quantity: &str, rate: &str, reason: &str) -> LineForm {
    LineForm { description: description.into(), quantity: quantity.into(), rate: rate.into(), reason: reason.into() }
}

#[test]
fn an_unchanged_time_line_needs_no_reason() {
    let line = check_line(LineKind::Time, &form("Audit", "1:30", "200", ""), Currency::EUR, Some(30_000)).unwrap();
    assert_eq!(line.quantity, Quantity::Minutes(Minutes(90)));
    assert_eq!(line.amount_minor, 30_000);
}

#[test]
fn a_write_down_needs_a_reason_at_its_field() {
    let refused = check_line(LineKind::Time, &form("Audit", "1:00", "200", ""), Currency::EUR, Some(30_000));
    assert_eq!(refused.unwrap_err().field, "reason");
    let kept =
        check_line(LineKind::Time, &form("Audit", "1:00", "200", "first-year discount"), Currency::EUR, Some(30_000));
    assert_eq!(kept.unwrap().amount_minor, 20_000);
}

#[test]
fn a_free_line_counts_units_and_may_be_a_negative_discount() {
    let line = check_line(LineKind::Free, &form("Binders", "2.5", "4.00", ""), Currency::EUR, None).unwrap();
    assert_eq!(line.quantity, Quantity::Units(250));
    assert_eq!(line.amount_minor, 1_000);
    let discount = check_line(LineKind::Free, &form("Loyalty discount", "1", "-50", ""), Currency::EUR, None).unwrap();
    assert_eq!(discount.amount_minor, -5_000);
}

#[test]
fn only_a_free_line_may_be_negative() {
    let refused = check_line(LineKind::Time, &form("Audit", "1:00", "-200", "x"), Currency::EUR, Some(1));
    assert_eq!(refused.unwrap_err().field, "rate");
}

#[test]
fn a_zero_rate_writes_a_line_off_with_a_reason() {
    let line =
        check_line(LineKind::Time, &form("Audit", "1:00", "0", "goodwill"), Currency::EUR, Some(20_000)).unwrap();
    assert_eq!(line.amount_minor, 0);
}

#[test]
fn each_bad_field_is_named() {
    let field = |f: LineForm| check_line(LineKind::Free, &f, Currency::EUR, None).unwrap_err().field;
    assert_eq!(field(form("", "1", "1", "")), "description");
    assert_eq!(field(form("x", "abc", "1", "")), "quantity");
    assert_eq!(field(form("x", "0", "1", "")), "quantity");
    assert_eq!(field(form("x", "1.234", "1", "")), "quantity");
    assert_eq!(field(form("x", "1", "ten", "")), "rate");
}

#[test]
fn amounts_keep_their_sign_below_one_unit_and_use_the_currencys_decimals() {
    assert_eq!(money_text(-50, Currency::EUR), "-0.50 EUR");
    assert_eq!(amount_text(123_456, Currency::EUR), "1234.56");
    assert_eq!(money_text(1_500, Currency::parse("JPY").unwrap()), "1500 JPY");
}
