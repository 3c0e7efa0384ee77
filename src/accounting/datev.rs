//! DATEV-Format "Buchungsstapel" (booking batch), the file German tax
//! advisers import into DATEV Rechnungswesen.
//!
//! Rules, from DATEV's developer documentation of the DATEV-Format (format
//! category 21, version 13, header version 700) and the 125-column heading
//! of its sample file:
//! - Windows-1252, semicolon separated, CRLF; text fields in double quotes,
//!   numbers, amounts, accounts and dates not.
//! - Row 1 is the header ("Vorlaufsatz", 31 fields): `"EXTF";700;21;
//!   "Buchungsstapel";13;` creation time (YYYYMMDDHHMMSSFFF), origin, the
//!   adviser's and client's numbers, fiscal year start, account length,
//!   the period covered (YYYYMMDD) and the batch's currency. Row 2 names
//!   the 125 columns; every booking row carries all 125 positions.
//! - Amounts are positive with a decimal comma and no grouping; the
//!   debit/credit mark ("S"/"H") says the direction from the account's
//!   (the debtor's) side. Belegdatum is DDMM: the year comes from the
//!   header, so one file never spans two fiscal years.
//! - One booking per document and (income account, tax key): gross amount,
//!   debtor as Konto, income account as Gegenkonto, BU-Schlüssel as mapped
//!   (`-`: none, for DATEV's automatic accounts). Buchungstext at most 60
//!   characters, Belegfeld 1 at most 36.
//! - Payments: the debtor credited, the bank as Gegenkonto.

use super::Context;
use super::mapping::DatevNumbers;
use super::resolve::{Document, Payment};
use super::text::{decimal, windows_1252};
use super::{ExportFile, currencies};
use crate::expenses::minor_digits;
use crate::money::Currency;
use time::{Date, Month};

pub mod columns;

pub fn write(
    documents: &[Document],
    payments: &[Payment],
    numbers: &DatevNumbers,
    bank: &str,
    context: &Context,
) -> Vec<ExportFile> {
    let mut bookings: Vec<Booking> = documents.iter().flat_map(document_bookings).collect();
    bookings.extend(payments.iter().map(|p| payment_booking(p, bank)));
    let mut files = Vec::new();
    for currency in currencies(bookings.iter().map(|b| &b.currency)) {
        let mut years: Vec<Date> = bookings
            .iter()
            .filter(|b| b.currency == currency)
            .map(|b| fiscal_year_start(b.date, numbers.fiscal_year_start_month))
            .collect();
        years.sort_unstable();
        years.dedup();
        for year in years {
            let rows: Vec<&Booking> = bookings
                .iter()
                .filter(|b| {
                    b.currency == currency && fiscal_year_start(b.date, numbers.fiscal_year_start_month) == year
                })
                .collect();
            files.push(file(&rows, numbers, currency, year, context));
        }
    }
    files
}

struct Booking {
    amount: i64,
    debit: bool,
    currency: Currency,
    debtor: String,
    counter: String,
    key: String,
    date: Date,
    number: String,
    text: String,
    cost_centre: String,
}

fn document_bookings(document: &Document) -> Vec<Booking> {
    let mut groups: Vec<(&str, &str, &str, i64)> = Vec::new();
    for line in &document.lines {
        let gross = line.amount_minor + line.tax_minor;
        match groups.iter_mut().find(|g| (g.0, g.1, g.2) == (&line.account, &line.tax_code, &line.tracking)) {
            Some(group) => group.3 += gross,
            None => groups.push((&line.account, &line.tax_code, &line.tracking, gross)),
        }
    }
    groups
        .into_iter()
        .filter(|g| g.3 != 0)
        .map(|(account, key, tracking, gross)| Booking {
            amount: gross.abs(),
            // An invoice's positive amount is owed by the debtor (debit).
            debit: gross > 0,
            currency: document.currency,
            debtor: document.debtor.clone(),
            counter: account.to_owned(),
            key: if key == "-" { String::new() } else { key.to_owned() },
            date: document.issued_on,
            number: document.number.clone(),
            text: document.customer.clone(),
            cost_centre: tracking.to_owned(),
        })
        .collect()
}

fn payment_booking(payment: &Payment, bank: &str) -> Booking {
    Booking {
        amount: payment.amount_minor.abs(),
        debit: payment.amount_minor < 0,
        currency: payment.currency,
        debtor: payment.debtor.clone(),
        counter: bank.trim().to_owned(),
        key: String::new(),
        date: payment.paid_on,
        number: payment.invoice_number.clone(),
        text: format!("Payment {}", payment.customer),
        cost_centre: String::new(),
    }
}

/// The first day of the fiscal year `date` falls in.
pub fn fiscal_year_start(date: Date, start_month: u8) -> Date {
    let month = Month::try_from(start_month.clamp(1, 12)).unwrap_or(Month::January);
    let year = if u8::from(date.month()) >= u8::from(month) { date.year() } else { date.year() - 1 };
    Date::from_calendar_date(year, month, 1).unwrap_or(date)
}

fn ymd(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), u8::from(date.month()), date.day())
}

/// A text field: quoted, quotes doubled, cut to DATEV's length (by
/// characters), line breaks and semicolons' effect neutralised by quoting.
fn quoted(raw: &str, max: usize) -> String {
    let flat: String = super::text::text_cell(raw).chars().take(max).collect();
    format!("\"{}\"", flat.replace('"', "\"\""))
}

fn file(rows: &[&Booking], numbers: &DatevNumbers, currency: Currency, year: Date, context: &Context) -> ExportFile {
    let from = rows.iter().map(|b| b.date).min().unwrap_or(year);
    let to = rows.iter().map(|b| b.date).max().unwrap_or(year);
    let created = context.created_at;
    let stamp = format!(
        "{}{:02}{:02}{:02}{:03}",
        ymd(created.date()),
        created.hour(),
        created.minute(),
        created.second(),
        created.millisecond()
    );
    let header = [
        "\"EXTF\"".to_owned(),
        "700".into(),
        "21".into(),
        "\"Buchungsstapel\"".into(),
        "13".into(),
        stamp,
        String::new(),
        "\"RE\"".into(),
        "\"PesPro\"".into(),
        "\"\"".into(),
        numbers.consultant.to_string(),
        numbers.client.to_string(),
        ymd(year),
        numbers.account_length.to_string(),
        ymd(from),
        ymd(to),
        quoted(&format!("PesPro {} {}", ymd(from), ymd(to)), 30),
        "\"\"".into(),
        "1".into(),
        "0".into(),
        "0".into(),
        format!("\"{currency}\""),
        String::new(),
        "\"\"".into(),
        String::new(),
        String::new(),
        "\"\"".into(),
        String::new(),
        String::new(),
        "\"\"".into(),
        "\"\"".into(),
    ];
    let mut text = header.join(";");
    text.push_str("\r\n");
    text.push_str(&columns::NAMES.join(";"));
    text.push_str("\r\n");
    for booking in rows {
        text.push_str(&row(booking).join(";"));
        text.push_str("\r\n");
    }
    let mut documents: Vec<String> = rows.iter().map(|b| b.number.clone()).collect();
    documents.dedup();
    ExportFile {
        name: format!("datev-buchungsstapel-{currency}-{}.csv", year.year()),
        bytes: windows_1252(&text),
        documents,
    }
}

fn row(booking: &Booking) -> Vec<String> {
    let mut cells: Vec<String> =
        columns::QUOTED.iter().map(|q| if *q { "\"\"".to_owned() } else { String::new() }).collect();
    cells[0] = decimal(booking.amount, minor_digits(booking.currency), ',');
    cells[1] = if booking.debit { "\"S\"".into() } else { "\"H\"".into() };
    cells[2] = format!("\"{}\"", booking.currency);
    cells[6] = booking.debtor.clone();
    cells[7] = booking.counter.clone();
    cells[8] = quoted(&booking.key, 4);
    cells[9] = format!("{:02}{:02}", booking.date.day(), u8::from(booking.date.month()));
    cells[10] = quoted(&booking.number, 36);
    cells[13] = quoted(&booking.text, 60);
    cells[36] = quoted(&booking.cost_centre, 36);
    cells
}
