//! Each target's files for the fixture, byte for byte against the files in
//! `golden/` (written by hand from the rules in each writer's module).

use super::{context, documents, mapping, payments};
use crate::accounting::{ExportFile, Target, resolve, write};

fn files(target: Target) -> Vec<ExportFile> {
    let mapping = mapping(target);
    let (docs, pays) = resolve(&mapping, &documents(), &payments()).expect("the fixture's mapping is complete");
    write(&mapping, &context(), &docs, &pays)
}

fn assert_golden(file: &ExportFile, golden: &[u8]) {
    if file.bytes != golden {
        panic!(
            "{} differs from its golden file.\n--- written ---\n{}\n--- golden ---\n{}",
            file.name,
            String::from_utf8_lossy(&file.bytes),
            String::from_utf8_lossy(golden)
        );
    }
}

fn names(files: &[ExportFile]) -> Vec<&str> {
    files.iter().map(|f| f.name.as_str()).collect()
}

#[test]
fn xero_writes_invoices_and_credit_notes_to_their_own_templates() {
    let files = files(Target::Xero);
    assert_eq!(names(&files), ["xero-invoices.csv", "xero-credit-notes.csv"]);
    assert_golden(&files[0], include_bytes!("golden/xero-invoices.csv"));
    assert_golden(&files[1], include_bytes!("golden/xero-credit-notes.csv"));
}

#[test]
fn quickbooks_online_writes_one_invoice_file_per_currency_and_credit_memos_apart() {
    let files = files(Target::QuickbooksOnline);
    assert_eq!(
        names(&files),
        [
            "quickbooks-online-invoices-EUR.csv",
            "quickbooks-online-credit-memos-to-enter-EUR.csv",
            "quickbooks-online-invoices-USD.csv"
        ]
    );
    assert_golden(&files[0], include_bytes!("golden/quickbooks-online-invoices-EUR.csv"));
    assert_golden(&files[1], include_bytes!("golden/quickbooks-online-credit-memos-to-enter-EUR.csv"));
    assert_golden(&files[2], include_bytes!("golden/quickbooks-online-invoices-USD.csv"));
}

#[test]
fn quickbooks_desktop_writes_balanced_iif_in_windows_1252() {
    let files = files(Target::QuickbooksDesktop);
    assert_eq!(names(&files), ["quickbooks-desktop-EUR.iif", "quickbooks-desktop-USD.iif"]);
    assert_golden(&files[0], include_bytes!("golden/quickbooks-desktop-EUR.iif"));
    assert_golden(&files[1], include_bytes!("golden/quickbooks-desktop-USD.iif"));
}

#[test]
fn datev_writes_a_buchungsstapel_per_currency_and_fiscal_year() {
    let files = files(Target::Datev);
    assert_eq!(names(&files), ["datev-buchungsstapel-EUR-2026.csv", "datev-buchungsstapel-USD-2026.csv"]);
    assert_golden(&files[0], include_bytes!("golden/datev-buchungsstapel-EUR-2026.csv"));
    let usd = String::from_utf8_lossy(&files[1].bytes);
    let rows: Vec<&str> = usd.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "the fixed fee (the free line is zero) and the payment: {usd}");
    assert!(rows[0].starts_with("1000,00;\"S\";\"USD\";;;\"\";10000;8400;\"\";1511;\"INV/BETA/001\""), "{}", rows[0]);
    assert!(rows[1].starts_with("500,00;\"H\";\"USD\";;;\"\";10000;1200;\"\";2811;\"INV/BETA/001\""), "{}", rows[1]);
}

#[test]
fn the_journal_balances_every_document_in_one_file() {
    let files = files(Target::Journal);
    assert_eq!(names(&files), ["journal.csv"]);
    assert_golden(&files[0], include_bytes!("golden/journal.csv"));
}
