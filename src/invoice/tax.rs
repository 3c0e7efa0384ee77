//! Taxes on an invoice. A firm names its rates ("VAT 20 %", "GST 5 %",
//! "QST 9.975 %"); an invoice carries the set that applies to its client
//! (the firm's default, the client's own set, or none for an exempt
//! client), copied onto the invoice so later changes to the rates never
//! alter an invoice already drawn up.
//!
//! Rounding rule: each rate's tax is computed **once, on the sum of the
//! taxable lines**, and rounded to the nearest minor unit, half away from
//! zero (the rule of [`crate::money::amount_for`]). Lines show which rates
//! apply to them, not a per-line tax amount, so the per-rate totals are the
//! only tax figures and always add up. Several rates apply side by side to
//! the same base (GST and QST are both levied on the price, not one on the
//! other).

use serde::{Deserialize, Serialize};

/// A rate in thousandths of a percent: 20 % is 20 000, 9.975 % is 9 975.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Percent(u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxError {
    #[error("enter the rate as a percentage, such as 20 or 9.975")]
    Unreadable,
    #[error("a rate is between 0 and 100 %")]
    OutOfRange,
    #[error("a rate has at most three decimals")]
    TooPrecise,
    #[error("give the tax a name of 1 to 40 characters, such as VAT")]
    BadName,
}

impl Percent {
    pub const MAX: u32 = 100_000;

    pub fn from_thousandths(value: u32) -> Option<Self> {
        (value <= Self::MAX).then_some(Self(value))
    }

    pub fn thousandths(self) -> u32 {
        self.0
    }

    /// "20", "20 %", "9.975", "9,975" (decimal comma).
    pub fn parse(raw: &str) -> Result<Self, TaxError> {
        let text = raw.trim().trim_end_matches('%').trim();
        let (whole, fraction) = text.split_once(['.', ',']).unwrap_or((text, ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (!fraction.is_empty() && !digits(fraction)) {
            return Err(TaxError::Unreadable);
        }
        if fraction.len() > 3 {
            return Err(TaxError::TooPrecise);
        }
        let whole: u32 = whole.parse().map_err(|_| TaxError::OutOfRange)?;
        let fraction: u32 = format!("{fraction:0<3}").parse().map_err(|_| TaxError::Unreadable)?;
        whole.checked_mul(1000).map(|w| w + fraction).and_then(Self::from_thousandths).ok_or(TaxError::OutOfRange)
    }
}

/// "20 %", "9.975 %": as few decimals as the rate needs.
impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, fraction) = (self.0 / 1000, self.0 % 1000);
        if fraction == 0 {
            write!(f, "{whole} %")
        } else {
            let fraction = format!("{fraction:03}");
            write!(f, "{whole}.{} %", fraction.trim_end_matches('0'))
        }
    }
}

/// One named rate as an invoice carries it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TaxRate {
    pub name: String,
    pub rate: Percent,
}

impl TaxRate {
    pub fn new(name: &str, rate: Percent) -> Result<Self, TaxError> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > 40 {
            return Err(TaxError::BadName);
        }
        Ok(Self { name, rate })
    }

    /// "VAT 20 %".
    pub fn label(&self) -> String {
        format!("{} {}", self.name, self.rate)
    }
}

/// `base × rate`, rounded half away from zero.
pub fn tax_on(base_minor: i64, rate: Percent) -> i64 {
    let exact = i128::from(base_minor) * i128::from(rate.0);
    // A percent is a hundredth, and rates are in thousandths of one.
    let scale: i128 = 100 * 1000;
    let (quotient, remainder) = (exact / scale, exact % scale);
    let rounded = if remainder.abs() * 2 >= scale { quotient + exact.signum() } else { quotient };
    i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX })
}

/// One rate's line in the totals: what it was levied on and how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxTotal {
    pub rate: TaxRate,
    pub base_minor: i64,
    pub tax_minor: i64,
}

/// An invoice's totals in minor units of its currency.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub subtotal_minor: i64,
    pub taxes: Vec<TaxTotal>,
    pub tax_minor: i64,
    pub total_minor: i64,
}

/// Totals of lines given as `(amount, taxable)`, under `rates`.
pub fn totals(lines: &[(i64, bool)], rates: &[TaxRate]) -> Totals {
    let subtotal_minor: i64 = lines.iter().map(|(amount, _)| amount).sum();
    let taxable: i64 = lines.iter().filter(|(_, taxable)| *taxable).map(|(amount, _)| amount).sum();
    let taxes: Vec<TaxTotal> = rates
        .iter()
        .map(|rate| TaxTotal { rate: rate.clone(), base_minor: taxable, tax_minor: tax_on(taxable, rate.rate) })
        .collect();
    let tax_minor = taxes.iter().map(|t| t.tax_minor).sum();
    Totals { subtotal_minor, taxes, tax_minor, total_minor: subtotal_minor + tax_minor }
}
