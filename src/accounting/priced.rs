//! Quantity × unit price for importers that multiply them back (Xero,
//! QuickBooks): the pair is written only when it gives back the line's
//! amount to the cent; otherwise the line goes as 1 × its amount (a line
//! whose amount was adjusted, or 50 minutes — 0.8333… hours — at a rate).
//! Either way the imported total is the invoice's total.

use super::text::{decimal, quantity};
use crate::invoice::Quantity;

/// ("1.5", "150.00") or ("1", "125.00").
pub fn priced(qty: Quantity, rate_minor: Option<i64>, amount_minor: i64, digits: u32) -> (String, String) {
    let fallback = || ("1".to_owned(), decimal(amount_minor, digits, '.'));
    let ten_thousandths = match qty {
        Quantity::Minutes(m) if (i64::from(m.0) * 10_000) % 60 == 0 => i64::from(m.0) * 10_000 / 60,
        Quantity::Units(hundredths) => hundredths * 100,
        Quantity::Minutes(_) => return fallback(),
    };
    let Some(rate) = rate_minor else { return fallback() };
    let exact = i128::from(ten_thousandths) * i128::from(rate);
    let (q, r) = (exact / 10_000, exact % 10_000);
    let rounded = if r.abs() * 2 >= 10_000 { q + exact.signum() } else { q };
    if rounded == i128::from(amount_minor) && ten_thousandths > 0 {
        (quantity(ten_thousandths), decimal(rate, digits, '.'))
    } else {
        fallback()
    }
}
