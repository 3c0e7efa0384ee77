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

mod new_invoice_form {
    use crate::invoice::drafting::Instalment;
    use crate::invoice::new_form::NewInvoiceForm;
    use crate::money::Currency;

    fn form() -> NewInvoiceForm {
        NewInvoiceForm {
            client_id: "4".into(),
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
            grouping: "default".into(),
            expense_grouping: "category".into(),
            instalment: "none".into(),
            instalment_value: String::new(),
        }
    }

    #[test]
    fn a_plain_form_asks_for_the_firms_default_grouping() {
        let checked = form().check(Currency::EUR).unwrap();
        assert_eq!(checked.grouping, None);
        assert_eq!(checked.instalment, None);
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused_at_its_end() {
        let bad = NewInvoiceForm { to: "2026-10-01".into(), ..form() };
        assert_eq!(bad.check(Currency::EUR).unwrap_err().0, "to");
    }

    #[test]
    fn an_instalment_is_read_as_an_amount_in_the_clients_currency_or_a_percentage() {
        let amount = NewInvoiceForm { instalment: "amount".into(), instalment_value: "1500.50".into(), ..form() };
        assert_eq!(amount.check(Currency::EUR).unwrap().instalment, Some(Instalment::Amount(150_050)));
        let percent = NewInvoiceForm { instalment: "percent".into(), instalment_value: "0".into(), ..form() };
        assert_eq!(percent.check(Currency::EUR).unwrap_err().0, "instalment_value");
    }

    #[test]
    fn a_missing_client_is_named() {
        let bad = NewInvoiceForm { client_id: String::new(), ..form() };
        assert_eq!(bad.check(Currency::EUR).unwrap_err().0, "client_id");
    }
}
