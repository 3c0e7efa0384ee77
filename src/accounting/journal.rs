//! A plain journal: every document and payment as balanced debit and
//! credit lines, for any accounting system that imports a journal (and for
//! accountants who want one).
//!
//! The format is ours, so its rules are written here and in
//! docs/accounting.md: UTF-8 CSV, comma separated, CRLF, heading
//! `Date,Account,Debit,Credit,Tax,Reference,Description,Customer,Currency,Tracking`;
//! ISO dates; amounts positive with a decimal point, in Debit or Credit,
//! never both; no zero lines. An invoice debits receivables with its total and credits
//! each line's account with its amount and each tax account with the tax
//! (Tax names the rate the line carries); a credit note the reverse; a
//! payment debits the bank and credits receivables. Every Reference
//! balances to zero. Several currencies share the file (Currency column).

use super::resolve::{Document, Payment};
use super::text::{csv_record, decimal, iso_date, text_cell};
use super::{ExportFile, Mapping};
use crate::expenses::minor_digits;
use crate::money::Currency;
use time::Date;

pub const HEADING: [&str; 10] =
    ["Date", "Account", "Debit", "Credit", "Tax", "Reference", "Description", "Customer", "Currency", "Tracking"];

pub fn write(documents: &[Document], payments: &[Payment], mapping: &Mapping) -> Vec<ExportFile> {
    if documents.is_empty() && payments.is_empty() {
        return Vec::new();
    }
    let mut text = csv_record(&HEADING.map(str::to_owned), ',');
    let mut numbers = Vec::new();
    for document in documents {
        let entry = Entry {
            date: document.issued_on,
            reference: &document.number,
            customer: &document.customer,
            currency: document.currency,
        };
        let total = document.total_minor();
        text.push_str(&entry.line(&document.debtor, total, "", &document.reference, ""));
        for line in &document.lines {
            text.push_str(&entry.line(
                &line.account,
                -line.amount_minor,
                &line.tax_key,
                &line.description,
                &line.tracking,
            ));
        }
        for (account, key, tax) in document.tax_by_code() {
            text.push_str(&entry.line(account, -tax, key, "Tax", ""));
        }
        numbers.push(document.number.clone());
    }
    for payment in payments {
        let entry = Entry {
            date: payment.paid_on,
            reference: &payment.invoice_number,
            customer: &payment.customer,
            currency: payment.currency,
        };
        let what = format!("Payment {}", payment.reference).trim().to_owned();
        text.push_str(&entry.line(&mapping.bank_account, payment.amount_minor, "", &what, ""));
        text.push_str(&entry.line(&payment.debtor, -payment.amount_minor, "", &what, ""));
        numbers.push(payment.invoice_number.clone());
    }
    vec![ExportFile { name: "journal.csv".into(), bytes: text.into_bytes(), documents: numbers }]
}

struct Entry<'a> {
    date: Date,
    reference: &'a str,
    customer: &'a str,
    currency: Currency,
}

impl Entry<'_> {
    /// One journal line: `signed` positive is a debit, negative a credit.
    /// A zero amount writes no line (importers refuse empty lines).
    fn line(&self, account: &str, signed: i64, tax: &str, description: &str, tracking: &str) -> String {
        if signed == 0 {
            return String::new();
        }
        let digits = minor_digits(self.currency);
        let (debit, credit) = if signed >= 0 {
            (decimal(signed, digits, '.'), String::new())
        } else {
            (String::new(), decimal(-signed, digits, '.'))
        };
        csv_record(
            &[
                iso_date(self.date),
                text_cell(account.trim()),
                debit,
                credit,
                text_cell(tax),
                text_cell(self.reference),
                text_cell(description),
                text_cell(self.customer),
                self.currency.to_string(),
                text_cell(tracking),
            ],
            ',',
        )
    }
}
