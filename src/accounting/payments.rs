//! The batch's payments file, whatever the target: Xero and QuickBooks
//! Online import no customer payments from a file, so every batch lists
//! the money received in one plain CSV (UTF-8, ISO dates, decimal point)
//! that the month-end pack carries too.

use super::resolve::Payment;
use super::text::{csv_record, decimal, iso_date, text_cell};
use crate::expenses::minor_digits;

pub const HEADING: [&str; 6] = ["Date", "Invoice", "Customer", "Amount", "Currency", "Reference"];

pub fn write(payments: &[Payment]) -> Option<super::ExportFile> {
    if payments.is_empty() {
        return None;
    }
    let mut text = csv_record(&HEADING.map(str::to_owned), ',');
    for p in payments {
        text.push_str(&csv_record(
            &[
                iso_date(p.paid_on),
                text_cell(&p.invoice_number),
                text_cell(&p.customer),
                decimal(p.amount_minor, minor_digits(p.currency), '.'),
                p.currency.to_string(),
                text_cell(&p.reference),
            ],
            ',',
        ));
    }
    Some(super::ExportFile {
        name: "payments.csv".into(),
        bytes: text.into_bytes(),
        documents: payments.iter().map(|p| p.invoice_number.clone()).collect(),
    })
}
