//! The export rules and writers, checked against files written by hand from
//! each format's rules (`golden/`, made independently of this code).

mod formats;
mod limits;
mod rules;

use super::mapping::DatevNumbers;
use super::source::{DocKind, SourceDocument, SourceLine, SourcePayment};
use super::{Context, Income, Mapping, Target, Tracking};
use crate::invoice::{LineKind, Percent, Quantity, TaxRate};
use crate::money::{Currency, Minutes};
use time::macros::{date, datetime};

fn line(
    kind: LineKind,
    engagement: Option<&str>,
    description: &str,
    quantity: Quantity,
    rate: i64,
    amount: i64,
) -> SourceLine {
    SourceLine {
        kind,
        engagement: engagement.map(str::to_owned),
        description: description.into(),
        quantity,
        rate_minor: Some(rate),
        amount_minor: amount,
        taxable: true,
    }
}

fn vat() -> Vec<TaxRate> {
    vec![TaxRate { name: "VAT".into(), rate: Percent::from_thousandths(20_000).unwrap() }]
}

/// Two invoices (one in USD to an exempt client whose name is a spreadsheet
/// formula), a credit note and a payment: commas and quotes in a name, an
/// adjusted-looking 50-minute line, a discount, a 100 % free line.
pub(super) fn documents() -> Vec<SourceDocument> {
    let audit = Some("Audit 2026");
    let acme = SourceDocument {
        invoice_id: 1,
        kind: DocKind::Invoice,
        number: "INV/ACME/001".into(),
        client_code: "ACME".into(),
        client_name: "Acme, \"Best\" Ltd".into(),
        issued_on: date!(2026 - 11 - 30),
        due_on: date!(2026 - 12 - 30),
        currency: Currency::EUR,
        credits_number: None,
        taxes: vat(),
        tax_minor: 7600,
        lines: vec![
            line(LineKind::Time, audit, "Audit fieldwork", Quantity::Minutes(Minutes(90)), 15000, 22500),
            line(LineKind::Time, audit, "Review", Quantity::Minutes(Minutes(50)), 15000, 12500),
            line(LineKind::Expense, audit, "Train to client", Quantity::Units(100), 4000, 4000),
            line(LineKind::Free, None, "Loyalty discount", Quantity::Units(100), -1000, -1000),
        ],
        reversal: false,
    };
    let website = Some("Website");
    let beta = SourceDocument {
        invoice_id: 2,
        kind: DocKind::Invoice,
        number: "INV/BETA/001".into(),
        client_code: "BETA".into(),
        client_name: "=cmd|' /C calc'!A0".into(),
        issued_on: date!(2026 - 11 - 15),
        due_on: date!(2026 - 12 - 15),
        currency: Currency::USD,
        credits_number: None,
        taxes: Vec::new(),
        tax_minor: 0,
        lines: vec![
            line(
                LineKind::FixedFee,
                website,
                "Website rebuild — fixed fee instalment",
                Quantity::Units(100),
                100_000,
                100_000,
            ),
            line(LineKind::Time, website, "Kick-off (free)", Quantity::Minutes(Minutes(60)), 0, 0),
        ],
        reversal: false,
    };
    let credit = SourceDocument {
        invoice_id: 3,
        kind: DocKind::CreditNote,
        number: "CN/ACME/001".into(),
        credits_number: Some("INV/ACME/001".into()),
        issued_on: date!(2026 - 11 - 30),
        due_on: date!(2026 - 11 - 30),
        tax_minor: -4500,
        lines: vec![line(LineKind::Time, audit, "Audit fieldwork", Quantity::Minutes(Minutes(90)), -15000, -22500)],
        ..acme.clone()
    };
    vec![acme, beta, credit]
}

pub(super) fn payments() -> Vec<SourcePayment> {
    vec![SourcePayment {
        invoice_payment_id: 1,
        invoice_number: "INV/BETA/001".into(),
        client_code: "BETA".into(),
        client_name: "=cmd|' /C calc'!A0".into(),
        paid_on: date!(2026 - 11 - 28),
        amount_minor: 50_000,
        currency: Currency::USD,
        method: "bank_transfer".into(),
        reference: "Wire 8812".into(),
    }]
}

/// The mapping each golden file was written for.
pub(super) fn mapping(target: Target) -> Mapping {
    let income = |codes: [&str; 5]| Income::ALL.into_iter().zip(codes.map(str::to_owned)).collect();
    let taxes = |vat: &str, none: &str| {
        [("VAT 20 %".to_owned(), vat.to_owned()), ("No tax".to_owned(), none.to_owned())].into_iter().collect()
    };
    let base =
        Mapping { target, tracking: Tracking::Engagement, tracking_name: "Engagement".into(), ..Mapping::default() };
    match target {
        Target::Xero => Mapping {
            income: income(["200", "210", "220", "230", "260"]),
            tax_codes: taxes("20% (VAT on Income)", "No VAT"),
            ..base
        },
        Target::QuickbooksOnline => Mapping {
            day_order: super::text::DayOrder::MonthFirst,
            income: income(["Consulting", "Fixed fee", "Retainer", "Adjustments", "Reimbursable expenses"]),
            tax_codes: taxes("20.0% S", "NON"),
            ..base
        },
        Target::QuickbooksDesktop => Mapping {
            income: income([
                "Consulting Income",
                "Fixed Fee Income",
                "Retainer Income",
                "Discounts",
                "Reimbursed Expenses",
            ]),
            tax_codes: taxes("VAT Payable", ""),
            receivables_account: "Accounts Receivable".into(),
            bank_account: "Undeposited Funds".into(),
            ..base
        },
        Target::Datev => Mapping {
            income: income(["8400", "8400", "8400", "8400", "8410"]),
            tax_codes: taxes("3", "-"),
            receivables_account: "10000".into(),
            bank_account: "1200".into(),
            customers: [("ACME".to_owned(), "10100".to_owned())].into_iter().collect(),
            datev: DatevNumbers {
                consultant: 1_234_567,
                client: 12_345,
                fiscal_year_start_month: 1,
                account_length: 4,
            },
            ..base
        },
        Target::Journal => Mapping {
            income: income(["4000", "4100", "4200", "4900", "4500"]),
            tax_codes: taxes("2200", ""),
            receivables_account: "1100".into(),
            bank_account: "1000".into(),
            ..base
        },
    }
}

pub(super) fn context() -> Context {
    Context { created_at: datetime!(2026 - 12 - 05 14:30:15.123) }
}
