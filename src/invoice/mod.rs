//! Invoicing's rules, pure so the settings page can preview a number and
//! the draft page check a line as the user types: how numbers are made
//! ([`numbering`]), taxes and their rounding ([`tax`]), when an invoice is
//! due ([`terms`]), how unbilled work becomes lines ([`drafting`],
//! [`grouping`]), which moves an invoice may make ([`status`]) and how late
//! the money is ([`aging`]). The database side is `practice::invoices`.

pub mod aging;
mod billing_models;
pub mod drafting;
pub mod grouping;
pub mod lines;
pub mod new_form;
pub mod numbering;
pub mod settings;
pub mod status;
pub mod tax;
pub mod terms;
pub mod views;

#[cfg(test)]
mod tests;

pub use drafting::{LineKind, Quantity};
pub use grouping::{ExpenseGrouping, Grouping};
pub use numbering::{NumberPattern, PatternError, Restart};
pub use settings::{Design, InvoiceSettings};
pub use status::InvoiceStatus;
pub use tax::{Percent, TaxRate};
pub use terms::PaymentTerms;

use crate::money::Currency;

/// "1,250.00 EUR" → here "1250.00 EUR": the amount with the currency's
/// decimals and its code; negative amounts (credit notes) keep their sign
/// even below one unit ("-0.50 EUR").
pub fn money_text(minor: i64, currency: Currency) -> String {
    format!("{} {currency}", amount_text(minor, currency))
}

/// The number alone, as a form field shows it for correcting.
pub fn amount_text(minor: i64, currency: Currency) -> String {
    let digits = crate::expenses::minor_digits(currency);
    let scale = 10_u64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if digits == 0 {
        format!("{sign}{abs}")
    } else {
        format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = digits as usize)
    }
}
