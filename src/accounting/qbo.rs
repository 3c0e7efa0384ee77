//! QuickBooks Online's invoice import (Settings ▸ Import data ▸ Invoices).
//!
//! Rules, from Intuit's "Import invoices in batches" article and its
//! community answers (which list the headings QuickBooks maps by itself):
//! - CSV, comma separated, UTF-8; headings `*Invoice number`, `*Customer`,
//!   `*Invoice date`, `*Due date`, then optional Terms, Location, Memo,
//!   `Item(Product/Service)`, `Item Description`, `Item Quantity`,
//!   `Item Rate`, required `*Item Amount`, and `Item tax code`; `*` marks a
//!   required column. One row per line; a line names a product or service,
//!   which carries its income account in QuickBooks.
//! - Dates in the company's format (the firm chooses day/month order).
//! - At most 100 invoices and 1,000 rows per file: split beyond.
//! - No currency column: one file per currency.
//! - No credit memos and no negative totals: credit notes (and reversals of
//!   voided invoices) are written to a separate "to enter" file with their
//!   own headings, so it can never be imported as invoices by mistake.

use super::priced::priced;
use super::resolve::{Document, Line};
use super::source::DocKind;
use super::text::{DayOrder, csv_record, decimal, text_cell};
use super::{ExportFile, currencies};
use crate::expenses::minor_digits;

pub const INVOICES_PER_FILE: usize = 100;
pub const ROWS_PER_FILE: usize = 1000;

pub const HEADING: [&str; 13] = [
    "*Invoice number",
    "*Customer",
    "*Invoice date",
    "*Due date",
    "Terms",
    "Location",
    "Memo",
    "Item(Product/Service)",
    "Item Description",
    "Item Quantity",
    "Item Rate",
    "*Item Amount",
    "Item tax code",
];

/// The credit notes' file: entered by hand (QuickBooks Online imports none).
pub const CREDIT_HEADING: [&str; 10] = [
    "Credit memo number",
    "Customer",
    "Credit memo date",
    "Memo",
    "Product/Service",
    "Description",
    "Quantity",
    "Rate",
    "Amount",
    "Tax code",
];

pub fn write(documents: &[Document], day_order: DayOrder) -> Vec<ExportFile> {
    let mut files = Vec::new();
    for currency in currencies(documents.iter().map(|d| &d.currency)) {
        let in_currency = |kind| documents.iter().filter(move |d| d.currency == currency && d.kind == kind);
        let invoices: Vec<&Document> = in_currency(DocKind::Invoice).collect();
        let parts = split(&invoices);
        let single = parts.len() == 1;
        for (i, part) in parts.into_iter().enumerate() {
            let name = if single {
                format!("quickbooks-online-invoices-{currency}.csv")
            } else {
                format!("quickbooks-online-invoices-{currency}-{}.csv", i + 1)
            };
            let mut text = csv_record(&HEADING.map(str::to_owned), ',');
            for document in &part {
                for line in &document.lines {
                    text.push_str(&csv_record(&invoice_row(document, line, day_order), ','));
                }
            }
            files.push(ExportFile::new(name, text.into_bytes(), &part));
        }
        let credits: Vec<&Document> = in_currency(DocKind::CreditNote).collect();
        if !credits.is_empty() {
            let mut text = csv_record(&CREDIT_HEADING.map(str::to_owned), ',');
            for document in &credits {
                for line in &document.lines {
                    text.push_str(&csv_record(&credit_row(document, line, day_order), ','));
                }
            }
            let name = format!("quickbooks-online-credit-memos-to-enter-{currency}.csv");
            files.push(ExportFile::new(name, text.into_bytes(), &credits));
        }
    }
    files
}

/// Whole invoices into files within both limits (an invoice is never cut).
fn split<'a>(invoices: &[&'a Document]) -> Vec<Vec<&'a Document>> {
    let mut parts: Vec<Vec<&Document>> = Vec::new();
    let mut rows = 0;
    for document in invoices {
        let lines = document.lines.len();
        let full = parts.last().is_none_or(|p| p.len() == INVOICES_PER_FILE || rows + lines > ROWS_PER_FILE - 1);
        if full {
            parts.push(Vec::new());
            rows = 0;
        }
        rows += lines;
        if let Some(part) = parts.last_mut() {
            part.push(document);
        }
    }
    parts
}

fn invoice_row(document: &Document, line: &Line, day_order: DayOrder) -> Vec<String> {
    let digits = minor_digits(document.currency);
    let (quantity, rate) = priced(line.quantity, line.rate_minor, line.amount_minor, digits);
    vec![
        text_cell(&document.number),
        text_cell(&document.customer),
        day_order.write(document.issued_on),
        day_order.write(document.due_on),
        String::new(),
        String::new(),
        text_cell(&document.reference),
        text_cell(&line.account),
        text_cell(&line.description),
        quantity,
        rate,
        decimal(line.amount_minor, digits, '.'),
        text_cell(&line.tax_code),
    ]
}

fn credit_row(document: &Document, line: &Line, day_order: DayOrder) -> Vec<String> {
    // Entered as QuickBooks shows a credit memo: positive amounts.
    let digits = minor_digits(document.currency);
    let (quantity, rate) = priced(line.quantity, line.rate_minor.map(|r| -r), -line.amount_minor, digits);
    vec![
        text_cell(&document.number),
        text_cell(&document.customer),
        day_order.write(document.issued_on),
        text_cell(&document.reference),
        text_cell(&line.account),
        text_cell(&line.description),
        quantity,
        rate,
        decimal(-line.amount_minor, digits, '.'),
        text_cell(&line.tax_code),
    ]
}
