//! Reports printed and read back as a PDF reader would: the firm's band,
//! the title, headline and definition, the chart's bars in the firm's
//! colour (red where alarmed), and a long table flowing onto more pages
//! with its header row repeated.

use crate::support::{Raster, pages_of, squeeze, text_of};
use pespro_pdf::{ReportBar, ReportColumn, ReportRow, ReportSheet, render_report};

const NAVY: [u8; 3] = [0x1e, 0x3a, 0x8a];
const RED: [u8; 3] = [0xb9, 0x1c, 0x1c];

fn report(rows: usize) -> ReportSheet {
    ReportSheet {
        accent: NAVY,
        accent_text: [0xff; 3],
        chart: NAVY,
        firm_name: "Ledgerline Accounting".into(),
        firm_initials: "LA".into(),
        title: "Budget burn".into(),
        subtitle: "As of 8 Dec 2026".into(),
        headline: vec!["3 engagements with a budget, 1 at risk.".into()],
        definition: "Used = time recorded on the engagement up to today.".into(),
        chart_title: "Budget used".into(),
        bars: vec![
            ReportBar { name: "ACME-1 — Annual audit".into(), value: 120.0, shown: "120 %".into(), alarm: true },
            ReportBar { name: "BOLT-2 — Tax return".into(), value: 40.0, shown: "40 %".into(), alarm: false },
        ],
        columns: vec![
            ReportColumn { title: "Engagement".into(), numeric: false },
            ReportColumn { title: "Used %".into(), numeric: true },
        ],
        rows: (0..rows)
            .map(|i| ReportRow { cells: vec![format!("Engagement Nº {i}"), format!("{i} %")], strong: i == 0 })
            .collect(),
        printed: "Printed 8 Dec 2026".into(),
        ..ReportSheet::default()
    }
}

#[test]
fn a_budget_report_prints_its_firm_title_headline_definition_bars_and_rows_on_one_page() {
    let pdf = render_report(&report(3)).expect("renders");
    let text = squeeze(&text_of(&pdf));
    for expected in [
        "Ledgerline Accounting",
        "Budget burn",
        "As of 8 Dec 2026",
        "3 engagements with a budget, 1 at risk.",
        "Used = time recorded on the engagement up to today.",
        "ACME-1 — Annual audit",
        "120 %",
        "Engagement Nº 2",
        "Page 1 of 1",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    assert_eq!(pages_of(&pdf), 1);
    let page = Raster::of(&pdf);
    let ((_, band_top, _, band_bottom), _) = page.extent_of(NAVY).expect("the band and a bar in navy");
    assert_eq!(band_top, 0, "the firm's band runs from the top");
    assert!(band_bottom > 100, "and a navy bar lies below it");
    assert!(page.extent_of(RED).is_some(), "the over-budget bar is red");
}

#[test]
fn a_long_table_flows_onto_more_pages_repeating_its_header_row() {
    let pdf = render_report(&report(120)).expect("renders");
    let pages = pages_of(&pdf);
    assert!(pages >= 3, "{pages} pages");
    let text = text_of(&pdf);
    assert_eq!(text.matches("Used %").count(), pages, "one header row a page");
    assert!(squeeze(&text).contains("Engagement Nº 119"));
    assert!(squeeze(&text).contains(&format!("Page {pages} of {pages}")));
}
