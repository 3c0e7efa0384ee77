//! File limits and the arithmetic an importer redoes: splits at each
//! target's maximum, IIF transactions balancing, Xero's quantity × price.

use super::{context, documents, mapping, payments};
use crate::accounting::{ExportFile, Target, resolve, write};

fn files_for(target: Target, count: usize, lines_each: usize) -> Vec<ExportFile> {
    let mut template = documents().remove(0);
    template.lines.truncate(1);
    template.lines[0].taxable = false;
    template.tax_minor = 0;
    template.lines = std::iter::repeat_n(template.lines[0].clone(), lines_each).collect();
    let many: Vec<_> = (0..count)
        .map(|i| crate::accounting::SourceDocument { number: format!("INV/{i:05}"), ..template.clone() })
        .collect();
    let mapping = mapping(target);
    let (docs, pays) = resolve(&mapping, &many, &[]).expect("complete");
    write(&mapping, &context(), &docs, &pays)
}

#[test]
fn xero_files_hold_at_most_500_invoices() {
    let files = files_for(Target::Xero, 1201, 1);
    let counts: Vec<(&str, usize)> = files.iter().map(|f| (f.name.as_str(), f.documents.len())).collect();
    assert_eq!(counts, [("xero-invoices-1.csv", 500), ("xero-invoices-2.csv", 500), ("xero-invoices-3.csv", 201)]);
    for file in &files {
        assert!(file.bytes.starts_with(b"*ContactName,"), "{} has its heading", file.name);
    }
}

#[test]
fn quickbooks_online_files_hold_at_most_100_invoices_and_1000_rows() {
    let by_count = files_for(Target::QuickbooksOnline, 150, 1);
    assert_eq!(by_count.iter().map(|f| f.documents.len()).collect::<Vec<_>>(), [100, 50]);
    let by_rows = files_for(Target::QuickbooksOnline, 30, 40);
    assert_eq!(by_rows.iter().map(|f| f.documents.len()).collect::<Vec<_>>(), [24, 6]);
    for file in &by_rows {
        let rows = file.bytes.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count();
        assert!(rows <= 1000, "{} has {rows} rows", file.name);
    }
}

fn cents(text: &str) -> i64 {
    let negative = text.starts_with('-');
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let value: i64 = digits.parse().unwrap_or(0);
    if negative { -value } else { value }
}

#[test]
fn every_iif_transaction_balances_to_zero() {
    let mapping = mapping(Target::QuickbooksDesktop);
    let (docs, pays) = resolve(&mapping, &documents(), &payments()).expect("complete");
    let mut transactions = 0;
    for file in write(&mapping, &context(), &docs, &pays) {
        let text = String::from_utf8_lossy(&file.bytes).into_owned();
        let mut sum = 0;
        for line in text.lines().filter(|l| !l.starts_with('!')) {
            let cells: Vec<&str> = line.split('\t').collect();
            match cells[0] {
                "TRNS" | "SPL" => sum += cents(cells[7]),
                "ENDTRNS" => {
                    assert_eq!(sum, 0, "a transaction in {} does not balance", file.name);
                    transactions += 1;
                }
                other => panic!("unexpected row {other}"),
            }
        }
    }
    assert_eq!(transactions, 4, "two invoices, a credit memo and a payment");
}

#[test]
fn xero_lines_multiplied_back_give_each_invoices_total() {
    let mapping = mapping(Target::Xero);
    let (docs, _) = resolve(&mapping, &documents(), &[]).expect("complete");
    let files = write(&mapping, &context(), &docs, &[]);
    let text = String::from_utf8_lossy(&files[0].bytes).into_owned();
    for doc in docs.iter().filter(|d| d.kind == crate::accounting::DocKind::Invoice) {
        let mut total = 0_i64;
        for line in text.lines().filter(|l| l.contains(&format!(",{},", doc.number))) {
            // The quoted name may hold commas: count cells from the end.
            let cells: Vec<&str> = line.rsplit(',').collect();
            let (tax, unit, quantity) = (cells[6], cells[10], cells[11]);
            let (whole, fraction) = quantity.split_once('.').unwrap_or((quantity, ""));
            let quantity_tt =
                whole.parse::<i64>().unwrap() * 10_000 + format!("{fraction:0<4}").parse::<i64>().unwrap();
            let exact = quantity_tt * cents(unit);
            total += (exact.abs() + 5_000) / 10_000 * exact.signum() + cents(tax);
        }
        assert_eq!(total, doc.total_minor(), "{}", doc.number);
    }
}
