//! QuickBooks Desktop's IIF (Intuit Interchange Format) import.
//!
//! Rules, from Intuit's "IIF Overview: import kit, sample files, and
//! headers" (the `!TRNS`/`!SPL`/`!ENDTRNS` headers and the sample invoice
//! and payment files in its import kit):
//! - Tab-separated text in the Windows "ANSI" code page (Windows-1252),
//!   CRLF line ends; header rows start with `!` and name the columns of the
//!   rows of that type that follow.
//! - A transaction is one `TRNS` row, its `SPL` rows and `ENDTRNS`; the
//!   `AMOUNT`s of a transaction sum to zero (debits positive, credits
//!   negative). An invoice debits receivables on the TRNS row and credits
//!   income (and sales tax) on its SPL rows, whose `QNTY` is negative as
//!   QuickBooks itself writes it; a credit memo (`CREDIT MEMO`) is the
//!   same with every sign turned; a `PAYMENT` debits the bank and credits
//!   receivables.
//! - Dates are MM/DD/YYYY (QuickBooks Desktop reads US dates in IIF).
//! - A field cannot hold a tab or line break; a double quote can end a
//!   field early, so it is written as an apostrophe.
//! - One currency per file (plain IIF has no currency column).

use super::priced::priced;
use super::resolve::{Document, Payment};
use super::source::DocKind;
use super::text::{DayOrder, decimal, text_cell, windows_1252};
use super::{ExportFile, currencies};
use crate::expenses::minor_digits;

pub const TRNS_HEADING: &str = "!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO\tDUEDATE";
pub const SPL_HEADING: &str = "!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tCLASS\tAMOUNT\tDOCNUM\tMEMO\tQNTY\tPRICE";

pub fn write(documents: &[Document], payments: &[Payment], receivables: &str, bank: &str) -> Vec<ExportFile> {
    let all = currencies(documents.iter().map(|d| &d.currency).chain(payments.iter().map(|p| &p.currency)));
    all.into_iter()
        .map(|currency| {
            let docs: Vec<&Document> = documents.iter().filter(|d| d.currency == currency).collect();
            let mut text = format!("{TRNS_HEADING}\r\n{SPL_HEADING}\r\n!ENDTRNS\r\n");
            for document in &docs {
                text.push_str(&transaction(document, receivables));
            }
            let mut numbers: Vec<String> = docs.iter().map(|d| d.number.clone()).collect();
            for payment in payments.iter().filter(|p| p.currency == currency) {
                text.push_str(&payment_transaction(payment, receivables, bank));
                numbers.push(payment.invoice_number.clone());
            }
            ExportFile {
                name: format!("quickbooks-desktop-{currency}.iif"),
                bytes: windows_1252(&text),
                documents: numbers,
            }
        })
        .collect()
}

fn cell(raw: &str) -> String {
    text_cell(raw).replace('"', "'")
}

fn us_date(date: time::Date) -> String {
    DayOrder::MonthFirst.write(date)
}

fn transaction(document: &Document, receivables: &str) -> String {
    let kind = match document.kind {
        DocKind::Invoice => "INVOICE",
        DocKind::CreditNote => "CREDIT MEMO",
    };
    let digits = minor_digits(document.currency);
    let money = |minor: i64| decimal(minor, digits, '.');
    let (date, name, number) = (us_date(document.issued_on), cell(&document.customer), cell(&document.number));
    let mut text = format!(
        "TRNS\t\t{kind}\t{date}\t{}\t{name}\t\t{}\t{number}\t{}\t{}\r\n",
        cell(receivables),
        money(document.total_minor()),
        cell(&document.reference),
        us_date(document.due_on),
    );
    for line in &document.lines {
        // The unit price is positive and the quantity carries the split's
        // sign (QNTY × PRICE = AMOUNT, as QuickBooks writes its own).
        let amount = -line.amount_minor;
        let (quantity, price) = priced(line.quantity, line.rate_minor.map(i64::abs), amount.abs(), digits);
        let credit_side = amount < 0 || (amount == 0 && document.kind == DocKind::Invoice);
        let quantity = if credit_side { format!("-{quantity}") } else { quantity };
        text.push_str(&format!(
            "SPL\t\t{kind}\t{date}\t{}\t{name}\t{}\t{}\t{number}\t{}\t{quantity}\t{price}\r\n",
            cell(&line.account),
            cell(&line.tracking),
            money(amount),
            cell(&line.description),
        ));
    }
    // Sales tax: one split per tax account, in order of first appearance.
    for (account, key, tax) in document.tax_by_code() {
        text.push_str(&format!(
            "SPL\t\t{kind}\t{date}\t{}\t{name}\t\t{}\t{number}\t{}\t\t\r\n",
            cell(account),
            money(-tax),
            cell(key),
        ));
    }
    text.push_str("ENDTRNS\r\n");
    text
}

fn payment_transaction(payment: &Payment, receivables: &str, bank: &str) -> String {
    let money = |minor: i64| decimal(minor, minor_digits(payment.currency), '.');
    let (date, name, number) = (us_date(payment.paid_on), cell(&payment.customer), cell(&payment.invoice_number));
    let memo = cell(&payment.reference);
    format!(
        "TRNS\t\tPAYMENT\t{date}\t{}\t{name}\t\t{}\t{number}\t{memo}\t\r\n\
         SPL\t\tPAYMENT\t{date}\t{}\t{name}\t\t{}\t{number}\t{memo}\t\t\r\nENDTRNS\r\n",
        cell(bank),
        money(payment.amount_minor),
        cell(receivables),
        money(-payment.amount_minor),
    )
}
