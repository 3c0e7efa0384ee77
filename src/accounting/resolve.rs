//! Source documents and a firm's mapping → documents ready to write, or the
//! complete list of what is missing. An export with a gap is refused with
//! that list (by document and line, each with the setting that fixes it);
//! no file is ever written half-filled.

use super::allocate::spread;
use super::mapping::{Income, Mapping, Target, Tracking};
use super::source::{DocKind, SourceDocument, SourcePayment};
use crate::invoice::Quantity;
use crate::money::Currency;
use time::Date;

/// A document as the target will see it. Amounts as on the document (a
/// credit note's are negative); each writer applies its own sign rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocKind,
    pub number: String,
    pub reference: String,
    pub customer: String,
    /// Where the customer's balance is booked: the receivables account, or
    /// for DATEV the debtor account.
    pub debtor: String,
    pub issued_on: Date,
    pub due_on: Date,
    pub currency: Currency,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub description: String,
    pub quantity: Quantity,
    pub rate_minor: Option<i64>,
    pub amount_minor: i64,
    /// This line's share of the document's tax (see `allocate`).
    pub tax_minor: i64,
    pub tax_key: String,
    pub account: String,
    pub tax_code: String,
    pub tracking: String,
}

impl Document {
    pub fn net_minor(&self) -> i64 {
        self.lines.iter().map(|l| l.amount_minor).sum()
    }
    pub fn tax_minor(&self) -> i64 {
        self.lines.iter().map(|l| l.tax_minor).sum()
    }
    pub fn total_minor(&self) -> i64 {
        self.net_minor() + self.tax_minor()
    }

    /// The document's tax per tax code (for bookings targets, the tax
    /// account), in order of first appearance: (code, tax key, amount).
    pub fn tax_by_code(&self) -> Vec<(&str, &str, i64)> {
        let mut taxes: Vec<(&str, &str, i64)> = Vec::new();
        for line in self.lines.iter().filter(|l| l.tax_minor != 0) {
            match taxes.iter_mut().find(|(code, _, _)| *code == line.tax_code) {
                Some(entry) => entry.2 += line.tax_minor,
                None => taxes.push((&line.tax_code, &line.tax_key, line.tax_minor)),
            }
        }
        taxes
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub invoice_number: String,
    pub customer: String,
    pub debtor: String,
    pub paid_on: Date,
    pub amount_minor: i64,
    pub currency: Currency,
    pub reference: String,
}

/// One thing the mapping lacks, where it shows, and the field that fixes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The document or payment's number; empty for the firm-wide settings.
    pub document: String,
    /// 1-based line number on the document.
    pub line: Option<usize>,
    pub missing: String,
    pub field: String,
}

/// Documents and payments with every code filled in.
pub fn resolve(
    mapping: &Mapping,
    documents: &[SourceDocument],
    payments: &[SourcePayment],
) -> Result<(Vec<Document>, Vec<Payment>), Vec<Gap>> {
    let mut gaps = firm_gaps(mapping, !payments.is_empty());
    let mut out = Vec::with_capacity(documents.len());
    for source in documents {
        out.push(document(mapping, source, &mut gaps));
    }
    let payments = payments
        .iter()
        .map(|p| Payment {
            invoice_number: p.invoice_number.clone(),
            customer: customer_name(mapping, &p.client_code, &p.client_name),
            debtor: debtor(mapping, &p.client_code),
            paid_on: p.paid_on,
            amount_minor: p.amount_minor,
            currency: p.currency,
            reference: p.reference.clone(),
        })
        .collect();
    if gaps.is_empty() { Ok((out, payments)) } else { Err(gaps) }
}

fn firm_gaps(mapping: &Mapping, has_payments: bool) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut need = |missing: &str, field: &str| {
        gaps.push(Gap { document: String::new(), line: None, missing: missing.into(), field: field.into() })
    };
    if mapping.books_accounts() && mapping.receivables_account.trim().is_empty() {
        need("the receivables account", "receivables_account");
    }
    if mapping.books_accounts() && has_payments && mapping.bank_account.trim().is_empty() {
        need("the account payments are received into", "bank_account");
    }
    if mapping.tracking != Tracking::None && mapping.tracking_name.trim().is_empty() {
        need("the tracking category's name", "tracking_name");
    }
    if mapping.target == Target::Datev {
        let d = &mapping.datev;
        if !(1001..=9_999_999).contains(&d.consultant) {
            need("the tax adviser's DATEV number (Beraternummer, 1001–9999999)", "datev_consultant");
        }
        if !(1..=99_999).contains(&d.client) {
            need("the firm's DATEV client number (Mandantennummer, 1–99999)", "datev_client");
        }
        if !(1..=12).contains(&d.fiscal_year_start_month) {
            need("the fiscal year's first month", "datev_fiscal_year_start_month");
        }
        if !(4..=8).contains(&d.account_length) {
            need("the length of account numbers (4–8)", "datev_account_length");
        }
    }
    gaps
}

/// For DATEV the customers map holds debtor accounts, so names stay the
/// clients' own.
fn customer_name(mapping: &Mapping, client_code: &str, client_name: &str) -> String {
    match mapping.target {
        Target::Datev => client_name.to_owned(),
        _ => mapping.customer(client_code).unwrap_or(client_name).to_owned(),
    }
}

fn debtor(mapping: &Mapping, client_code: &str) -> String {
    match mapping.target {
        Target::Datev => mapping.customer(client_code).unwrap_or(mapping.receivables_account.trim()).to_owned(),
        _ => mapping.receivables_account.trim().to_owned(),
    }
}

fn document(mapping: &Mapping, source: &SourceDocument, gaps: &mut Vec<Gap>) -> Document {
    let taxable: Vec<i64> =
        source.lines.iter().filter(|l| source.tax_key(l) != super::source::UNTAXED).map(|l| l.amount_minor).collect();
    let mut shares = spread(source.tax_minor, &taxable).into_iter();
    let mut lines = Vec::with_capacity(source.lines.len());
    for (index, line) in source.lines.iter().enumerate() {
        let tax_key = source.tax_key(line);
        let tax_minor = if tax_key == super::source::UNTAXED { 0 } else { shares.next().unwrap_or(0) };
        let income = Income::of(line.kind);
        let mut gap = |missing: String, field: &str| {
            gaps.push(Gap { document: source.number.clone(), line: Some(index + 1), missing, field: field.to_owned() })
        };
        let account = mapping.income_code(income).unwrap_or_else(|| {
            let what = if mapping.target.income_is_item() { "product or service" } else { "account" };
            gap(format!("the {what} for {}", income.label().to_lowercase()), income.field());
            ""
        });
        // Bookings-style targets post tax to an account, so lines without
        // tax need none; invoice importers want a code on every line.
        let needs_code =
            tax_key != super::source::UNTAXED || !matches!(mapping.target, Target::Journal | Target::QuickbooksDesktop);
        let tax_code = mapping.tax_code(&tax_key).filter(|_| needs_code).unwrap_or_else(|| {
            if !needs_code {
                return "";
            }
            gap(format!("the tax code for \"{tax_key}\""), "tax_codes");
            ""
        });
        let tracking = match mapping.tracking {
            Tracking::None => String::new(),
            Tracking::Client => source.client_code.clone(),
            Tracking::Engagement => line.engagement.clone().unwrap_or_default(),
        };
        lines.push(Line {
            description: line.description.clone(),
            quantity: line.quantity,
            rate_minor: line.rate_minor,
            amount_minor: line.amount_minor,
            tax_minor,
            tax_key,
            account: account.to_owned(),
            tax_code: tax_code.to_owned(),
            tracking,
        });
    }
    let reference = source.credits_number.clone().unwrap_or_default();
    let document = Document {
        kind: source.kind,
        number: source.number.clone(),
        reference,
        customer: customer_name(mapping, &source.client_code, &source.client_name),
        debtor: debtor(mapping, &source.client_code),
        issued_on: source.issued_on,
        due_on: source.due_on,
        currency: source.currency,
        lines,
    };
    if source.reversal { reversal(document) } else { document }
}

/// The document that undoes `original` (voided after it was exported):
/// the other kind, every amount negated, numbered after the original.
pub fn reversal(original: Document) -> Document {
    let kind = match original.kind {
        DocKind::Invoice => DocKind::CreditNote,
        DocKind::CreditNote => DocKind::Invoice,
    };
    Document {
        kind,
        reference: format!("Void of {}", original.number),
        number: format!("{}-VOID", original.number),
        lines: original
            .lines
            .into_iter()
            .map(|l| Line {
                amount_minor: -l.amount_minor,
                tax_minor: -l.tax_minor,
                rate_minor: l.rate_minor.map(|r| -r),
                ..l
            })
            .collect(),
        ..original
    }
}
