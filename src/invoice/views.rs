//! Invoices as the pages show them: amounts already written out in the
//! invoice's currency, and what the viewer may do with each.

use super::drafting::LineKind;
use super::status::InvoiceStatus;
use serde::{Deserialize, Serialize};
use time::Date;

/// A row of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRow {
    pub invoice_id: i64,
    pub credit_note: bool,
    /// `None` until approved.
    pub number: Option<String>,
    pub client: String,
    pub status: InvoiceStatus,
    pub overdue: bool,
    pub issued_on: Option<Date>,
    pub due_on: Option<Date>,
    pub total: String,
    pub due: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub line_id: i64,
    pub kind: LineKind,
    pub description: String,
    pub detail: String,
    /// "1:30" or "2.5", as shown and as the edit form starts.
    pub quantity: String,
    pub rate: String,
    pub amount: String,
    /// The work's value when the line was written down or up.
    pub worked: Option<String>,
    pub reason: String,
    /// The taxes that apply to it ("GST + QST"), empty when none.
    pub taxes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRowView {
    pub label: String,
    pub base: String,
    pub tax: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentView {
    pub paid_on: Date,
    pub amount: String,
    pub method: String,
    pub reference: String,
    pub recorded_by: String,
}

/// What the viewer may do with the invoice now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowed {
    pub edit: bool,
    pub submit: bool,
    pub decide: bool,
    pub send: bool,
    pub pay: bool,
    pub void: bool,
    pub delete: bool,
    pub credit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePage {
    pub invoice_id: i64,
    pub credit_note: bool,
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub overdue: bool,
    pub client_id: i64,
    pub client: String,
    pub client_address: String,
    pub client_tax_id: String,
    pub currency: String,
    pub period_from: Date,
    pub period_to: Date,
    pub issued_on: Option<Date>,
    pub due_on: Option<Date>,
    pub terms: String,
    pub notes: String,
    pub lines: Vec<LineView>,
    pub taxes: Vec<TaxRowView>,
    pub subtotal: String,
    pub total: String,
    pub paid: String,
    pub due: String,
    pub payments: Vec<PaymentView>,
    pub drafted_by: String,
    /// Sentences about work the draft left out, and why.
    pub left_out: Vec<String>,
    pub design: super::Design,
    pub show_hours: bool,
    pub show_rates: bool,
    pub footer: String,
    pub payment_details: String,
    /// Where the approval stands, in a sentence ("Waiting for 1 more approval by a manager").
    pub approval: Option<String>,
    /// The client's read-only page, while its link is live.
    pub client_link: Option<String>,
    pub allowed: Allowed,
    /// The firm's formats, for the dates (the client's page and the PDF
    /// have no signed-in person to take them from).
    #[serde(default)]
    pub formats: crate::formats::Formats,
}

/// The list's filters: `(key in the address, label)`.
pub const STATUS_FILTERS: [(&str, &str); 6] = [
    ("all", "All"),
    ("drafts", "Drafts"),
    ("open", "Open"),
    ("overdue", "Overdue"),
    ("paid", "Paid"),
    ("void", "Void"),
];

/// A tax rate as the settings page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRateView {
    pub tax_rate_id: i64,
    pub label: String,
    pub is_default: bool,
}

/// An invoice waiting in an approver's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceWaiting {
    pub invoice_id: i64,
    pub summary: String,
    pub step: String,
}
