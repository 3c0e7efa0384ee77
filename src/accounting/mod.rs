//! Accounting hand-off (#12): a firm's finalized invoices, credit notes and
//! payments written in the import format of the system it keeps its books
//! in. Pure and wasm-safe: the database layer gathers [`source`] records,
//! [`resolve`] fills in the firm's [`mapping`] (or lists every gap), and one
//! writer per target produces the files. Each writer's module states the
//! format's rules and where they come from; the tests check generated files
//! against files written by hand from those rules.

pub mod allocate;
pub mod datev;
pub mod form;
pub mod iif;
pub mod journal;
pub mod mapping;
pub mod payments;
pub mod priced;
pub mod qbo;
pub mod resolve;
pub mod source;
pub mod summary;
pub mod text;
pub mod views;
pub mod xero;

#[cfg(test)]
mod tests;

pub use mapping::{Income, Mapping, Target, Tracking};
pub use resolve::{Document, Gap, Payment, resolve};
pub use source::{DocKind, SourceDocument, SourceLine, SourcePayment};

use crate::money::Currency;
use time::PrimitiveDateTime;

/// One file of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
    /// The numbers of the documents (or paid invoices) it holds.
    pub documents: Vec<String>,
}

impl ExportFile {
    fn new(name: String, bytes: Vec<u8>, documents: &[&Document]) -> Self {
        Self { name, bytes, documents: documents.iter().map(|d| d.number.clone()).collect() }
    }
}

/// What a writer needs besides the documents.
#[derive(Debug, Clone)]
pub struct Context {
    /// When the batch was made (DATEV's header records it).
    pub created_at: PrimitiveDateTime,
}

/// The target's files for `documents` and `payments`, already resolved.
/// The batch's payments CSV ([`payments::write`]) comes on top of these.
pub fn write(mapping: &Mapping, context: &Context, documents: &[Document], payments: &[Payment]) -> Vec<ExportFile> {
    match mapping.target {
        Target::Xero => xero::write(documents, mapping.day_order, &mapping.tracking_name),
        Target::QuickbooksOnline => qbo::write(documents, mapping.day_order),
        Target::QuickbooksDesktop => {
            iif::write(documents, payments, &mapping.receivables_account, &mapping.bank_account)
        }
        Target::Datev => datev::write(documents, payments, &mapping.datev, &mapping.bank_account, context),
        Target::Journal => journal::write(documents, payments, mapping),
    }
}

/// `items` cut into files of at most `per_file`, named `stem.ext`, or
/// `stem-1.ext`, `stem-2.ext`… when more than one is needed. No items, no
/// file.
fn chunks<'a, T>(stem: &str, ext: &str, items: &'a [T], per_file: usize) -> Vec<(String, &'a [T])> {
    let parts: Vec<&[T]> = items.chunks(per_file.max(1)).collect();
    let single = parts.len() == 1;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| (if single { format!("{stem}.{ext}") } else { format!("{stem}-{}.{ext}", i + 1) }, part))
        .collect()
}

/// The currencies of `documents` in order of first appearance, for targets
/// that take one currency per file.
fn currencies<'a>(documents: impl IntoIterator<Item = &'a Currency>) -> Vec<Currency> {
    let mut seen = Vec::new();
    for c in documents {
        if !seen.contains(c) {
            seen.push(*c);
        }
    }
    seen
}
