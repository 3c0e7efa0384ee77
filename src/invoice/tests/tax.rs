use crate::invoice::tax::{Percent, TaxError, TaxRate, tax_on, totals};

fn rate(name: &str, raw: &str) -> TaxRate {
    TaxRate::new(name, Percent::parse(raw).unwrap()).unwrap()
}

#[test]
fn percentages_are_read_with_a_point_a_comma_or_a_percent_sign() {
    assert_eq!(Percent::parse("20").unwrap().thousandths(), 20_000);
    assert_eq!(Percent::parse("20 %").unwrap().thousandths(), 20_000);
    assert_eq!(Percent::parse("9.975").unwrap().thousandths(), 9_975);
    assert_eq!(Percent::parse("9,975").unwrap().thousandths(), 9_975);
    assert_eq!(Percent::parse("0").unwrap().thousandths(), 0);
}

#[test]
fn rates_outside_zero_to_a_hundred_or_too_precise_are_refused() {
    assert_eq!(Percent::parse("100.001"), Err(TaxError::OutOfRange));
    assert_eq!(Percent::parse("-5"), Err(TaxError::Unreadable));
    assert_eq!(Percent::parse("5.0001"), Err(TaxError::TooPrecise));
    assert_eq!(Percent::parse("twenty"), Err(TaxError::Unreadable));
}

#[test]
fn a_rate_prints_with_only_the_decimals_it_needs() {
    assert_eq!(rate("VAT", "20").label(), "VAT 20 %");
    assert_eq!(rate("QST", "9.975").label(), "QST 9.975 %");
    assert_eq!(rate("Reduced", "5.5").label(), "Reduced 5.5 %");
}

#[test]
fn a_tax_name_is_required_and_short() {
    assert_eq!(TaxRate::new("  ", Percent::parse("5").unwrap()), Err(TaxError::BadName));
    assert_eq!(TaxRate::new(&"x".repeat(41), Percent::parse("5").unwrap()), Err(TaxError::BadName));
}

#[test]
fn tax_rounds_half_a_cent_away_from_zero() {
    // 20 % of 0.03 is 0.006 → 0.01; 20 % of 0.02 is 0.004 → 0.00.
    assert_eq!(tax_on(3, Percent::parse("20").unwrap()), 1);
    assert_eq!(tax_on(2, Percent::parse("20").unwrap()), 0);
    // 5 % of 0.10 is exactly half a cent: up.
    assert_eq!(tax_on(10, Percent::parse("5").unwrap()), 1);
    // A credit's tax rounds the same way, downwards.
    assert_eq!(tax_on(-10, Percent::parse("5").unwrap()), -1);
}

#[test]
fn gst_and_qst_both_apply_to_the_same_base_not_one_on_the_other() {
    let t = totals(&[(100_000, true)], &[rate("GST", "5"), rate("QST", "9.975")]);
    assert_eq!(t.taxes[0].tax_minor, 5_000);
    assert_eq!(t.taxes[1].tax_minor, 9_975);
    assert_eq!(t.tax_minor, 14_975);
    assert_eq!(t.total_minor, 114_975);
}

#[test]
fn tax_is_computed_once_per_rate_on_the_sum_of_taxable_lines() {
    // Three lines of 0.33 at 20 %: per line each would round to 0.07 (0.21 in
    // all); on the sum of 0.99 it is 0.198 → 0.20, the one written rule.
    let t = totals(&[(33, true), (33, true), (33, true)], &[rate("VAT", "20")]);
    assert_eq!(t.tax_minor, 20);
    assert_eq!(t.total_minor, 119);
}

#[test]
fn untaxed_lines_count_in_the_subtotal_but_not_in_the_tax_base() {
    let t = totals(&[(10_000, true), (2_500, false)], &[rate("VAT", "20")]);
    assert_eq!(t.subtotal_minor, 12_500);
    assert_eq!(t.taxes[0].base_minor, 10_000);
    assert_eq!(t.total_minor, 14_500);
}

#[test]
fn an_exempt_client_has_no_tax_rows_and_the_total_is_the_subtotal() {
    let t = totals(&[(10_000, true)], &[]);
    assert!(t.taxes.is_empty());
    assert_eq!(t.total_minor, 10_000);
}
