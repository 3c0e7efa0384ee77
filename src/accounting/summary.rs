//! The month-end pack's summary: how many documents, and their totals per
//! currency and tax rate, beside the money received — what an accountant
//! ticks off against the books.

use super::source::{DocKind, SourceDocument, SourcePayment, UNTAXED};
use super::text::{csv_record, decimal, text_cell};
use crate::expenses::minor_digits;
use crate::money::Currency;
use std::collections::BTreeMap;

pub const HEADING: [&str; 7] = ["What", "Currency", "Tax", "Documents", "Net", "Tax amount", "Total"];

#[derive(Default)]
struct Sums {
    documents: std::collections::BTreeSet<i64>,
    net: i64,
    tax: i64,
}

/// The summary CSV for `documents` and `payments`.
pub fn summary(documents: &[SourceDocument], payments: &[SourcePayment]) -> Vec<u8> {
    let mut groups: BTreeMap<(&str, String, String), Sums> = BTreeMap::new();
    for document in documents {
        let what = match document.kind {
            DocKind::Invoice => "Invoices",
            DocKind::CreditNote => "Credit notes",
        };
        for line in &document.lines {
            let key = document.tax_key(line);
            let sums = groups.entry((what, document.currency.to_string(), key.clone())).or_default();
            sums.net += line.amount_minor;
            if sums.documents.insert(document.invoice_id) && key != UNTAXED {
                sums.tax += document.tax_minor;
            }
        }
    }
    let mut text = csv_record(&HEADING.map(str::to_owned), ',');
    for ((what, currency, key), sums) in &groups {
        let digits = digits_of(currency);
        text.push_str(&csv_record(
            &[
                (*what).to_owned(),
                currency.clone(),
                text_cell(key),
                sums.documents.len().to_string(),
                decimal(sums.net, digits, '.'),
                decimal(sums.tax, digits, '.'),
                decimal(sums.net + sums.tax, digits, '.'),
            ],
            ',',
        ));
    }
    let mut received: BTreeMap<String, (usize, i64)> = BTreeMap::new();
    for payment in payments {
        let entry = received.entry(payment.currency.to_string()).or_default();
        entry.0 += 1;
        entry.1 += payment.amount_minor;
    }
    for (currency, (count, amount)) in received {
        let total = decimal(amount, digits_of(&currency), '.');
        text.push_str(&csv_record(
            &[
                "Payments received".into(),
                currency,
                String::new(),
                count.to_string(),
                String::new(),
                String::new(),
                total,
            ],
            ',',
        ));
    }
    text.into_bytes()
}

fn digits_of(currency: &str) -> u32 {
    Currency::parse(currency).map(minor_digits).unwrap_or(2)
}
