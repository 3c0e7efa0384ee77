//! Invoices (and reports, `render_report`) as PDF files.
//!
//! The caller (the billing code) decides *what* an invoice says — amounts
//! already formatted in the firm's currency, dates in the firm's style — and
//! hands it over as an [`InvoiceSheet`]. This crate only decides *where* it
//! goes: A4 pages in one of three [`Design`]s, the line table flowing onto as
//! many pages as it needs, and DejaVu Sans embedded (subset) so that any
//! Latin-script text prints the same on every reader.
//!
//! Rendering is two passes: `layout` turns the sheet into a display list,
//! page by page (so "Page 1 of N" knows N), and `draw` writes that list with
//! krilla. Nothing here touches the file system or the network: the caller
//! reads the firm's [`Logo`] file and hands over its contents.

mod blocks;
mod designs;
mod draw;
mod flow;
mod fonts;
mod layout;
mod logo;
mod ops;
mod report;
mod table;

pub use logo::Logo;
pub use report::{ReportBar, ReportColumn, ReportRow, ReportSheet, render_report};

/// Everything printed on the sheet, already formatted by the caller (money,
/// dates): this crate lays out, it does not compute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceSheet {
    /// Which of the built-in layouts to use.
    pub design: Design,
    /// The firm's accent colour (RGB).
    pub accent: [u8; 3],
    /// The colour of text drawn on the accent colour.
    pub accent_text: [u8; 3],
    pub firm_name: String,
    /// The firm's logo file (PNG or SVG), drawn within a fixed box keeping
    /// its proportions; without one a monogram of `firm_initials` is drawn
    /// in the accent colour.
    pub logo: Option<Logo>,
    pub firm_initials: String,
    /// "Invoice", "Credit note".
    pub title: String,
    /// E.g. "2026-0042"; may be "Draft".
    pub number: String,
    pub issued_on: String,
    pub due_on: String,
    pub client_name: String,
    /// Multi-line, '\n' separated.
    pub client_address: String,
    /// May be empty: then the label is omitted too.
    pub client_tax_id: String,
    /// "EUR": printed in the amount column's heading.
    pub currency: String,
    /// Show the hours/quantity column.
    pub show_quantity: bool,
    /// Show the rate column.
    pub show_rate: bool,
    pub lines: Vec<SheetLine>,
    /// One per tax rate.
    pub tax_rows: Vec<TaxRow>,
    pub subtotal: String,
    pub total: String,
    /// The amount already paid, if any.
    pub paid: Option<String>,
    pub amount_due: String,
    /// "Due in 30 days".
    pub terms: String,
    /// Bank details, multi-line.
    pub payment_details: String,
    /// Multi-line, may be empty.
    pub notes: String,
    /// Printed at the foot of every page; may be empty.
    pub footer: String,
    /// E.g. "VOID" or "PAID", drawn large across the first page.
    pub stamp: Option<String>,
}

/// One line of the invoice table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SheetLine {
    /// May be long: it wraps inside its column.
    pub description: String,
    /// A second, smaller line; may be empty.
    pub detail: String,
    pub quantity: String,
    pub rate: String,
    pub amount: String,
    /// A short label such as "VAT 20 %", or "". The column is shown only
    /// when some line has one.
    pub tax: String,
}

/// One tax rate's summary: label ("VAT 20 %"), the base it applies to, the tax.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaxRow {
    pub label: String,
    pub base: String,
    pub tax: String,
}

/// The built-in layouts. They differ visibly, not only in colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Design {
    /// White page, title in the accent colour, thin accent rules.
    #[default]
    Classic,
    /// A full-width accent band across the top, filled table header.
    Modern,
    /// Smaller type and tighter rows, to fit long invoices on fewer pages.
    Compact,
}

/// Why no PDF came out.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The firm's logo file is not a PNG, JPEG, WebP or SVG this crate can draw.
    #[error("the firm's logo cannot be drawn: {0}")]
    Logo(String),
    /// One of the fonts compiled into this crate did not load (a build defect,
    /// not a data problem).
    #[error("the embedded font {0} could not be loaded")]
    Font(&'static str),
    /// krilla refused to write the document.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

/// Renders the sheet as a PDF document (A4 pages).
pub fn render(sheet: &InvoiceSheet) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::Fonts::load()?;
    // Reading the logo first means a bad file is reported as such before any
    // layout work, and the layout knows the logo's proportions.
    let logo = sheet.logo.as_ref().map(logo::ReadyLogo::read).transpose()?;
    let pages = layout::lay_out(sheet, &fonts, logo.as_ref().map(logo::ReadyLogo::aspect));
    let title = format!("{} {}", sheet.title, sheet.number);
    draw::write(&title, &sheet.firm_name, &fonts, logo, &pages)
}
