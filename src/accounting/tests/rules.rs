//! The shared rules: tax spread, text cells, encodings, gaps, reversals.

use super::{documents, mapping, payments};
use crate::accounting::allocate::spread;
use crate::accounting::text::{decimal, text_cell, unencodable, windows_1252};
use crate::accounting::{DocKind, Target, resolve};

#[test]
fn a_documents_tax_spread_over_its_lines_adds_up_to_the_cent() {
    assert_eq!(spread(7600, &[22500, 12500, 4000, -1000]), [4500, 2500, 800, -200]);
    // 19 % of 0.03 is one cent: it lands on one line, not on none or three.
    assert_eq!(spread(1, &[1, 1, 1]), [1, 0, 0]);
    assert_eq!(spread(100, &[1, 1, 1]), [34, 33, 33]);
    assert_eq!(spread(-4500, &[-22500]), [-4500]);
    for (tax, amounts) in [(997, vec![333, 333, 334]), (-1234, vec![-700, -300, -1]), (55, vec![1000, -200, 7])] {
        assert_eq!(spread(tax, &amounts).iter().sum::<i64>(), tax, "{tax} over {amounts:?}");
    }
}

#[test]
fn formula_like_text_is_neutralised_but_numbers_keep_their_sign() {
    for hostile in ["=1+1", "+1", "-1", "@SUM(A1)"] {
        assert!(text_cell(hostile).starts_with('\''), "{hostile}");
    }
    assert_eq!(text_cell("Line one\nline two"), "Line one line two");
    assert_eq!(decimal(-1050, 2, '.'), "-10.50");
    assert_eq!(decimal(1050, 2, ','), "10,50");
    assert_eq!(decimal(1050, 0, '.'), "1050");
    assert_eq!(decimal(-5, 3, '.'), "-0.005");
}

#[test]
fn windows_1252_holds_western_names_and_reports_what_it_cannot() {
    assert_eq!(windows_1252("Café — 5 €"), [0x43, 0x61, 0x66, 0xE9, 0x20, 0x97, 0x20, 0x35, 0x20, 0x80]);
    assert_eq!(windows_1252("Łódź"), b"?\xF3d?");
    assert_eq!(unencodable("Łódź Kraków 東京"), ['Ł', 'ź', '京', '東']);
}

#[test]
fn an_export_with_gaps_lists_every_missing_code_by_document_and_line() {
    let mut incomplete = mapping(Target::Xero);
    incomplete.income.remove(&crate::accounting::Income::ExpenseRebill);
    incomplete.tax_codes.remove("No tax");
    let gaps = resolve(&incomplete, &documents(), &payments()).expect_err("two codes are missing");
    let listed: Vec<(String, Option<usize>, String)> =
        gaps.iter().map(|g| (g.document.clone(), g.line, g.field.clone())).collect();
    assert_eq!(
        listed,
        [
            ("INV/ACME/001".into(), Some(3), "income-expense_rebill".into()),
            ("INV/BETA/001".into(), Some(1), "tax_codes".into()),
            ("INV/BETA/001".into(), Some(2), "tax_codes".into()),
        ]
    );
    assert!(gaps[1].missing.contains("\"No tax\""), "{}", gaps[1].missing);
}

#[test]
fn bookings_targets_need_their_accounts_and_datev_its_numbers() {
    let mut datev = mapping(Target::Datev);
    datev.bank_account.clear();
    datev.datev.consultant = 12;
    let gaps = resolve(&datev, &documents(), &payments()).expect_err("incomplete");
    let fields: Vec<&str> = gaps.iter().map(|g| g.field.as_str()).collect();
    assert_eq!(fields, ["bank_account", "datev_consultant"]);
    // Without payments to book, no bank account is needed.
    let mut no_payments = mapping(Target::Journal);
    no_payments.bank_account.clear();
    assert!(resolve(&no_payments, &documents(), &[]).is_ok());
}

#[test]
fn a_document_voided_after_export_comes_back_as_its_reversal() {
    let mut source = documents();
    source[0].reversal = true;
    let (docs, _) = resolve(&mapping(Target::Xero), &source[..1], &[]).expect("complete");
    let reversal = &docs[0];
    assert_eq!(reversal.kind, DocKind::CreditNote);
    assert_eq!(reversal.number, "INV/ACME/001-VOID");
    assert_eq!(reversal.reference, "Void of INV/ACME/001");
    assert_eq!(reversal.total_minor(), -45_600);
    assert_eq!(reversal.tax_minor(), -7600);
}

#[test]
fn mapped_customer_names_replace_the_clients_own_except_in_datev() {
    let mut xero = mapping(Target::Xero);
    xero.customers.insert("ACME".into(), "Acme Limited".into());
    let (docs, _) = resolve(&xero, &documents(), &[]).expect("complete");
    assert_eq!(docs[0].customer, "Acme Limited");
    assert_eq!(docs[1].customer, "=cmd|' /C calc'!A0");
    let (docs, _) = resolve(&mapping(Target::Datev), &documents(), &[]).expect("complete");
    assert_eq!((docs[0].customer.as_str(), docs[0].debtor.as_str()), ("Acme, \"Best\" Ltd", "10100"));
    assert_eq!(docs[1].debtor, "10000");
}

#[test]
fn every_written_total_equals_the_documents_totals() {
    let (docs, _) = resolve(&mapping(Target::Journal), &documents(), &[]).expect("complete");
    let sources = documents();
    for (doc, source) in docs.iter().zip(&sources) {
        assert_eq!(doc.total_minor(), source.total_minor(), "{}", doc.number);
        assert_eq!(doc.tax_minor(), source.tax_minor, "{}", doc.number);
    }
}

#[test]
fn the_summary_counts_documents_and_totals_them_per_currency_and_tax() {
    let text = String::from_utf8(crate::accounting::summary::summary(&documents(), &payments())).unwrap();
    let expected = "What,Currency,Tax,Documents,Net,Tax amount,Total\r\n\
                    Credit notes,EUR,VAT 20 %,1,-225.00,-45.00,-270.00\r\n\
                    Invoices,EUR,VAT 20 %,1,380.00,76.00,456.00\r\n\
                    Invoices,USD,No tax,1,1000.00,0.00,1000.00\r\n\
                    Payments received,USD,,1,,,500.00\r\n";
    assert_eq!(text, expected);
}
