//! Shared by the rendering tests: a realistic sheet, and reading a PDF back
//! with poppler's command-line tools.
//!
//! The tests check what a reader would see, so they go through a real PDF
//! reader (poppler-utils: `pdftotext`, `pdfinfo`, `pdfimages`, `pdftoppm`)
//! rather than inspecting the bytes; `scripts/setup.sh test` installs it.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use pespro_pdf::{Design, InvoiceSheet, SheetLine, TaxRow};

/// A long description with accents from several Latin-script languages:
/// it wraps inside its column.
pub const LONG_ACCENTED: &str = "Rédaction du mémoire en défense et échanges avec Müller & Søn (Straße 5, Łódź), \
     révision des pièces produites à Ærø et à Göteborg, coût estimé en £ et en €";
/// A description short enough to stay on one line.
pub const SHORT_ACCENTED: &str = "Conseil juridique – réunion à Zürich";

pub fn sheet(design: Design) -> InvoiceSheet {
    InvoiceSheet {
        design,
        accent: [0x1d, 0x4e, 0x89],
        accent_text: [0xff, 0xff, 0xff],
        firm_name: "Dupont & Associés".into(),
        logo: None,
        firm_initials: "DA".into(),
        title: "Invoice".into(),
        number: "2026-0042".into(),
        issued_on: "3 December 2026".into(),
        due_on: "2 January 2027".into(),
        client_name: "Bäckerei Großmann GmbH".into(),
        client_address: "Königstraße 12\n70173 Stuttgart\nDeutschland".into(),
        client_tax_id: "DE123456789".into(),
        currency: "EUR".into(),
        show_quantity: true,
        show_rate: true,
        lines: vec![
            SheetLine {
                description: LONG_ACCENTED.into(),
                detail: "Réunion du 12 novembre, 2 h 30".into(),
                quantity: "12.50".into(),
                rate: "€180.00".into(),
                amount: "€2,250.00".into(),
                tax: "VAT 20 %".into(),
            },
            SheetLine {
                description: SHORT_ACCENTED.into(),
                detail: String::new(),
                quantity: "2.00".into(),
                rate: "€180.00".into(),
                amount: "€360.00".into(),
                tax: "VAT 20 %".into(),
            },
            SheetLine {
                description: "Court filing fee (disbursement)".into(),
                detail: String::new(),
                quantity: "1".into(),
                rate: "£95.00".into(),
                amount: "€110.00".into(),
                tax: String::new(),
            },
        ],
        tax_rows: vec![TaxRow { label: "VAT 20 %".into(), base: "€2,610.00".into(), tax: "€522.00".into() }],
        subtotal: "€2,720.00".into(),
        total: "€3,242.00".into(),
        paid: Some("€500.00".into()),
        amount_due: "€2,742.00".into(),
        terms: "Due in 30 days".into(),
        payment_details: "IBAN FR76 3000 6000 0112 3456 7890 189\nBIC AGRIFRPP".into(),
        notes: "Merci pour votre confiance.\nDanke für Ihr Vertrauen.".into(),
        footer: "Dupont & Associés · 4 rue de la Paix, 75002 Paris · SIRET 123 456 789 00012".into(),
        stamp: None,
    }
}

/// Writes the PDF to a file of its own in the temporary directory.
pub struct TempPdf(pub PathBuf);

impl TempPdf {
    pub fn new(bytes: &[u8]) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("pespro-pdf-test-{}-{n}.pdf", std::process::id()));
        std::fs::write(&path, bytes).expect("writing the PDF to the temporary directory");
        TempPdf(path)
    }
}

impl Drop for TempPdf {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs one of poppler's tools on the PDF and returns what it printed. A
/// missing tool fails the test: passing without having read the PDF would
/// prove nothing.
/// `args` come before the file name, `after` after it.
pub fn poppler(tool: &str, args: &[&str], after: &[&str], pdf: &[u8]) -> String {
    String::from_utf8(poppler_bytes(tool, args, after, pdf)).expect("poppler prints UTF-8")
}

/// The same, for tools that print binary (`pdftoppm`).
pub fn poppler_bytes(tool: &str, args: &[&str], after: &[&str], pdf: &[u8]) -> Vec<u8> {
    let file = TempPdf::new(pdf);
    let output = Command::new(tool).args(args).arg(&file.0).args(after).output();
    let output = match output {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{tool}` was not found: install poppler-utils (`apt-get install poppler-utils`, \
             or `scripts/setup.sh test`) to run the PDF tests"
        ),
        Err(e) => panic!("could not run `{tool}`: {e}"),
    };
    assert!(output.status.success(), "`{tool}` failed: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// The document's text, laid out as on the page.
pub fn text_of(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], &["-"], pdf)
}

/// The page count `pdfinfo` reports.
pub fn pages_of(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], &[], pdf);
    let pages =
        info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap_or_else(|| panic!("no page count in:\n{info}"));
    pages.trim().parse().expect("a page count")
}

/// A 120 × 40 PNG in a solid colour.
pub fn png_logo() -> Vec<u8> {
    let (w, h) = (120, 40);
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header");
    let pixels: Vec<u8> = (0..w * h).flat_map(|_| [0x1d, 0x4e, 0x89]).collect();
    writer.write_image_data(&pixels).expect("PNG data");
    writer.finish().expect("PNG end");
    bytes
}

/// Whitespace-insensitive: `pdftotext -layout` pads columns with spaces.
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An SVG logo: a `w` × `h` rectangle filled with `fill` (`#rrggbb`).
pub fn svg_logo(w: u32, h: u32, fill: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">\
         <rect width=\"{w}\" height=\"{h}\" fill=\"{fill}\"/></svg>"
    )
}

/// Page 1 as pixels, one per point (72 dpi), as poppler draws it. Vector
/// anti-aliasing is off so a filled shape's pixels are exactly its colour.
pub struct Raster {
    width: usize,
    rgb: Vec<u8>,
}

impl Raster {
    pub fn of(pdf: &[u8]) -> Self {
        let args = ["-r", "72", "-f", "1", "-l", "1", "-singlefile", "-aaVector", "no"];
        let ppm = poppler_bytes("pdftoppm", &args, &[], pdf);
        // Binary PPM: "P6", width, height, maximum value, then RGB bytes;
        // the header's fields are separated by single whitespace bytes.
        let mut fields = ppm.splitn(5, |b: &u8| b.is_ascii_whitespace());
        let mut next = || fields.next().expect("a PPM header field");
        assert_eq!(next(), b"P6", "pdftoppm did not write a binary PPM");
        let number = |field: &[u8]| -> usize {
            std::str::from_utf8(field).ok().and_then(|f| f.parse().ok()).expect("a number in the PPM header")
        };
        let (width, height) = (number(next()), number(next()));
        let _max = next();
        let rgb = next().to_vec();
        assert_eq!(rgb.len(), width * height * 3, "PPM size");
        Raster { width, rgb }
    }

    /// The smallest box (x0, y0, x1, y1, in points from the top left) holding
    /// every pixel of `colour`, and how many there are; `None` if there is none.
    pub fn extent_of(&self, colour: [u8; 3]) -> Option<((usize, usize, usize, usize), usize)> {
        let mut found: Option<((usize, usize, usize, usize), usize)> = None;
        for (i, pixel) in self.rgb.chunks_exact(3).enumerate() {
            if pixel == colour {
                let (x, y) = (i % self.width, i / self.width);
                let ((x0, y0, x1, y1), n) = found.unwrap_or(((x, y, x, y), 0));
                found = Some(((x0.min(x), y0.min(y), x1.max(x), y1.max(y)), n + 1));
            }
        }
        found
    }
}
