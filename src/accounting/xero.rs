//! Xero's sales invoice and credit note CSV imports.
//!
//! Rules, from Xero Central "Import sales invoices" / "Import credit notes"
//! and the templates its Import screens offer (described the same way by
//! the secondary sources available offline; compare with a template
//! downloaded from Xero when Xero changes it):
//! - UTF-8, comma separated, a heading row exactly as the template's;
//!   columns marked `*` are required; one row per invoice line, the lines
//!   of one invoice sharing its number.
//! - Dates as the organisation's region writes them (the firm chooses
//!   day/month order); amounts with a decimal point, no grouping.
//! - Prices are tax exclusive (chosen on Xero's import screen); TaxType is
//!   the tax rate's display name in Xero; TaxAmount (optional) overrides
//!   Xero's own per-line calculation, which we use to keep each invoice's
//!   tax exactly as issued; Total is left for Xero to compute.
//! - At most 500 invoices per file: a batch with more is split.
//! - Credit notes use the same template with `*CreditNoteNumber` and
//!   `*CreditNoteDate` in place of the invoice's number and date, amounts
//!   entered positive (Xero applies the credit direction itself).
//! - Payments have no CSV import: they go in the batch's payments file.

use super::priced::priced;
use super::resolve::{Document, Line};
use super::source::DocKind;
use super::text::{DayOrder, csv_record, decimal, text_cell};
use super::{ExportFile, chunks};
use crate::expenses::minor_digits;

pub const INVOICES_PER_FILE: usize = 500;

const ADDRESS: [&str; 9] = [
    "EmailAddress",
    "POAddressLine1",
    "POAddressLine2",
    "POAddressLine3",
    "POAddressLine4",
    "POCity",
    "PORegion",
    "POPostalCode",
    "POCountry",
];

pub fn heading(kind: DocKind) -> Vec<String> {
    let (number, date) = match kind {
        DocKind::Invoice => ("*InvoiceNumber", "*InvoiceDate"),
        DocKind::CreditNote => ("*CreditNoteNumber", "*CreditNoteDate"),
    };
    let due = if kind == DocKind::Invoice { "*DueDate" } else { "DueDate" };
    let mut columns = vec!["*ContactName"];
    columns.extend(ADDRESS);
    columns.extend([number, "Reference", date, due, "Total", "InventoryItemCode", "*Description", "*Quantity"]);
    columns.extend(["*UnitAmount", "Discount", "*AccountCode", "*TaxType", "TaxAmount", "TrackingName1"]);
    columns.extend(["TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "BrandingTheme"]);
    columns.into_iter().map(str::to_owned).collect()
}

pub fn write(documents: &[Document], day_order: DayOrder, tracking_name: &str) -> Vec<ExportFile> {
    let mut files = Vec::new();
    for (kind, stem) in [(DocKind::Invoice, "xero-invoices"), (DocKind::CreditNote, "xero-credit-notes")] {
        let of_kind: Vec<&Document> = documents.iter().filter(|d| d.kind == kind).collect();
        for (name, part) in chunks(stem, "csv", &of_kind, INVOICES_PER_FILE) {
            let mut text = csv_record(&heading(kind), ',');
            for document in part {
                for line in &document.lines {
                    text.push_str(&csv_record(&row(document, line, day_order, tracking_name), ','));
                }
            }
            files.push(ExportFile::new(name, text.into_bytes(), part));
        }
    }
    files
}

fn row(document: &Document, line: &Line, day_order: DayOrder, tracking_name: &str) -> Vec<String> {
    // Credit notes are entered positive: the document's negative amounts
    // are turned round.
    let sign = if document.kind == DocKind::CreditNote { -1 } else { 1 };
    let digits = minor_digits(document.currency);
    let (quantity, unit) = priced(line.quantity, line.rate_minor.map(|r| r * sign), line.amount_minor * sign, digits);
    let due = if document.kind == DocKind::Invoice { day_order.write(document.due_on) } else { String::new() };
    let (tracking_name, tracking_option) = if line.tracking.is_empty() {
        (String::new(), String::new())
    } else {
        (text_cell(tracking_name), text_cell(&line.tracking))
    };
    let mut cells = vec![text_cell(&document.customer)];
    cells.extend(std::iter::repeat_n(String::new(), 9));
    cells.extend([
        text_cell(&document.number),
        text_cell(&document.reference),
        day_order.write(document.issued_on),
        due,
        String::new(),
        String::new(),
        text_cell(&line.description),
        quantity,
        unit,
        String::new(),
        text_cell(&line.account),
        text_cell(&line.tax_code),
        decimal(line.tax_minor * sign, digits, '.'),
        tracking_name,
        tracking_option,
        String::new(),
        String::new(),
        document.currency.to_string(),
        String::new(),
    ]);
    cells
}
