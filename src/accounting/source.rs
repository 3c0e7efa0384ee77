//! What an export starts from: finalized documents and payments as the
//! firm's records hold them, before any account is chosen. The database
//! layer fills these; everything after them is pure.

use crate::invoice::{LineKind, Quantity, TaxRate};
use crate::money::Currency;
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Invoice,
    CreditNote,
}

/// A numbered invoice or credit note. Amounts are as on the document: a
/// credit note's lines and totals are negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDocument {
    pub invoice_id: i64,
    pub kind: DocKind,
    pub number: String,
    pub client_code: String,
    pub client_name: String,
    pub issued_on: Date,
    pub due_on: Date,
    pub currency: Currency,
    /// The invoice a credit note corrects.
    pub credits_number: Option<String>,
    /// The rates that applied, as copied onto the document.
    pub taxes: Vec<TaxRate>,
    /// The document's tax total (each rate computed once on the taxable
    /// lines' sum: `crate::invoice::tax`).
    pub tax_minor: i64,
    pub lines: Vec<SourceLine>,
    /// Exported in an earlier batch and voided since: written as the
    /// document that undoes it.
    pub reversal: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub kind: LineKind,
    /// The engagement's name, for tracking categories.
    pub engagement: Option<String>,
    pub description: String,
    pub quantity: Quantity,
    pub rate_minor: Option<i64>,
    pub amount_minor: i64,
    pub taxable: bool,
}

/// Money received against an invoice (credit notes applied to an invoice
/// are not payments here: the credit note itself is exported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePayment {
    pub invoice_payment_id: i64,
    pub invoice_number: String,
    pub client_code: String,
    pub client_name: String,
    pub paid_on: Date,
    pub amount_minor: i64,
    pub currency: Currency,
    pub method: String,
    pub reference: String,
}

impl SourceDocument {
    pub fn net_minor(&self) -> i64 {
        self.lines.iter().map(|l| l.amount_minor).sum()
    }

    pub fn total_minor(&self) -> i64 {
        self.net_minor() + self.tax_minor
    }

    /// The key under which a line's tax code is mapped: the document's set
    /// of rates ("VAT 20 %", "GST 5 % + QST 9.975 %"), or [`UNTAXED`] for a
    /// line no rate applies to.
    pub fn tax_key(&self, line: &SourceLine) -> String {
        if !line.taxable || self.taxes.is_empty() {
            return UNTAXED.to_owned();
        }
        tax_set_label(&self.taxes)
    }
}

/// The tax key of lines no rate applies to (exempt clients, untaxed lines).
pub const UNTAXED: &str = "No tax";

pub fn tax_set_label(taxes: &[TaxRate]) -> String {
    taxes.iter().map(|t| format!("{} {}", t.name, t.rate)).collect::<Vec<_>>().join(" + ")
}
