//! Renders invoices and reads them back as a PDF reader would, checking
//! what the client will actually see on the page.

// The crate root looks for modules beside itself; the logo tests live in a
// folder named after this binary, so cargo does not build them as another.
#[path = "render/logos.rs"]
mod logos;
#[path = "render/report.rs"]
mod report;
mod support;

use pespro_pdf::{Design, SheetLine, render};
use support::{LONG_ACCENTED, SHORT_ACCENTED, pages_of, poppler, sheet, squeeze, text_of};

const DESIGNS: [Design; 3] = [Design::Classic, Design::Modern, Design::Compact];

/// What every design must print for the sample sheet.
fn assert_prints_the_essentials(design: Design) {
    let pdf = render(&sheet(design)).expect("the sample sheet renders");
    assert!(pdf.starts_with(b"%PDF-"), "{design:?}: not a PDF");
    let text = text_of(&pdf);
    let flat = squeeze(&text);
    for expected in [
        "2026-0042",
        "Bäckerei Großmann GmbH",
        "Königstraße 12",
        "DE123456789",
        SHORT_ACCENTED,
        "Réunion du 12 novembre, 2 h 30",
        "VAT 20 %",
        "€2,610.00",
        "€522.00",
        "€2,720.00",
        "€3,242.00",
        "€500.00",
        "€2,742.00",
        "Amount due",
        "£95.00",
        "Due in 30 days",
        "IBAN FR76 3000 6000 0112 3456 7890 189",
        "Danke für Ihr Vertrauen.",
        "Dupont & Associés",
        "Page 1 of 1",
    ] {
        assert!(flat.contains(expected), "{design:?}: {expected:?} is missing from:\n{text}");
    }
    // The long description wraps, so only its words are sure to be intact.
    for word in LONG_ACCENTED.split_whitespace() {
        assert!(flat.contains(word), "{design:?}: {word:?} of the long description is missing from:\n{text}");
    }
    assert_eq!(pages_of(&pdf), 1, "{design:?}: the sample fits on one page");
}

#[test]
fn a_classic_invoice_prints_number_client_accented_lines_tax_and_totals() {
    assert_prints_the_essentials(Design::Classic);
}

#[test]
fn a_modern_invoice_prints_number_client_accented_lines_tax_and_totals() {
    assert_prints_the_essentials(Design::Modern);
}

#[test]
fn a_compact_invoice_prints_number_client_accented_lines_tax_and_totals() {
    assert_prints_the_essentials(Design::Compact);
}

#[test]
fn the_three_designs_produce_different_pages() {
    let rendered: Vec<String> = DESIGNS.iter().map(|d| text_of(&render(&sheet(*d)).unwrap())).collect();
    assert_ne!(rendered[0], rendered[1]);
    assert_ne!(rendered[1], rendered[2]);
    assert_ne!(rendered[0], rendered[2]);
}

#[test]
fn a_long_invoice_flows_onto_more_pages_with_every_line_printed() {
    for design in DESIGNS {
        let mut long = sheet(design);
        long.lines = (1..=120)
            .map(|i| SheetLine {
                description: format!("Séance n° {i:03} – conseil à Genève"),
                detail: if i % 3 == 0 { format!("détail {i:03}") } else { String::new() },
                quantity: "1.00".into(),
                rate: "€100.00".into(),
                amount: format!("€{i}.00"),
                tax: "VAT 20 %".into(),
            })
            .collect();
        let pdf = render(&long).unwrap();
        let pages = pages_of(&pdf);
        assert!(pages > 1, "{design:?}: 120 lines on {pages} page");
        let text = text_of(&pdf);
        let flat = squeeze(&text);
        for i in 1..=120 {
            let description = format!("Séance n° {i:03} – conseil à Genève");
            assert!(flat.contains(&description), "{design:?}: {description:?} is missing");
        }
        // Every page the table runs on starts it with its header (pdftotext
        // ends each page with a form feed).
        for (number, page) in text.split('\u{c}').enumerate().filter(|(_, p)| p.contains("Séance")) {
            let header =
                page.find("Description").unwrap_or_else(|| panic!("{design:?}: no header on page {}", number + 1));
            assert!(header < page.find("Séance").unwrap_or(0), "{design:?}: header after rows on page {}", number + 1);
        }
        assert!(flat.contains(&format!("Page {pages} of {pages}")), "{design:?}: no last page number");
        assert!(flat.contains("€2,742.00"), "{design:?}: the amount due is missing");
    }
}

#[test]
fn a_long_description_wraps_inside_its_column_and_amounts_are_right_aligned() {
    let pdf = render(&sheet(Design::Classic)).unwrap();
    let boxes = poppler("pdftotext", &["-bbox"], &["-"], &pdf).replace("&amp;", "&").replace("&quot;", "\"");
    // Each word of -bbox output: <word xMin=".." yMin=".." xMax=".." yMax="..">text</word>
    let words: Vec<(f32, f32, &str)> = boxes
        .lines()
        .filter_map(|l| {
            let attr =
                |name: &str| -> Option<f32> { l.split(&format!("{name}=\"")).nth(1)?.split('"').next()?.parse().ok() };
            let text = l.split('>').nth(1)?.split('<').next()?;
            Some((attr("xMin")?, attr("xMax")?, text))
        })
        .collect();
    let right_edge =
        |text: &str| words.iter().find(|w| w.2 == text).map(|w| w.1).unwrap_or_else(|| panic!("{text} not found"));
    let amounts = ["€2,250.00", "€360.00", "€110.00"].map(right_edge);
    assert!(amounts.iter().all(|x| (x - amounts[0]).abs() < 0.5), "amounts not right-aligned: {amounts:?}");
    let rate_left = words.iter().filter(|w| w.2 == "€180.00").map(|w| w.0).fold(f32::MAX, f32::min);
    let quantity_left = words.iter().find(|w| w.2 == "12.50").map(|w| w.0).expect("quantity");
    for word in LONG_ACCENTED.split_whitespace() {
        let (_, x_max, _) = words.iter().find(|w| w.2 == word).unwrap_or_else(|| panic!("{word} not found"));
        assert!(*x_max < quantity_left.min(rate_left), "{word} ends at {x_max}, past its column");
    }
}

#[test]
fn a_stamp_is_printed_when_set() {
    for design in DESIGNS {
        let mut stamped = sheet(design);
        stamped.stamp = Some("VOID".into());
        let text = text_of(&render(&stamped).unwrap());
        assert!(squeeze(&text).contains("VOID"), "{design:?}: no stamp in:\n{text}");
        assert!(!text_of(&render(&sheet(design)).unwrap()).contains("VOID"));
    }
}

#[test]
fn an_empty_tax_id_prints_no_label() {
    let mut sheet = sheet(Design::Modern);
    sheet.client_tax_id = String::new();
    assert!(!text_of(&render(&sheet).unwrap()).contains("Tax ID"));
}
