//! A firm's logo on its invoice PDFs, through the real route: the logo file
//! is read from the site root the application was started with
//! (`LEPTOS_SITE_ROOT`), and drawn where the monogram otherwise is. What a
//! reader sees is checked: page 1 painted by poppler's `pdftoppm`, looking
//! for the logo's colour in the header's logo box.

use crate::helpers::{TestApp, scratch, site_with, test_config};
use crate::invoice_fixture::{Firm, firm};
use crate::invoice_server_fns::{host, one_hour_draft, signed_in};
use axum::http::{StatusCode, header};
use std::path::Path;

const PDFTOPPM: &str = "/usr/bin/pdftoppm";

/// The logo's colour, used nowhere else on an invoice.
const ORANGE: [u8; 3] = [0xe4, 0x57, 0x2e];
const LOGO: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 100\">\
                    <rect width=\"300\" height=\"100\" fill=\"#e4572e\"/></svg>";

/// The firm's logo address, as the staff console would set it. Set before
/// the application starts, so its registry loads it (no waiting on change
/// notifications).
async fn set_logo(firm: &Firm, logo: &str) {
    sqlx::query("update platform.tenants set logo_url = $1 where slug = $2")
        .bind(logo)
        .bind(firm.tenant.slug.as_str())
        .execute(&mut firm.test.raw().await)
        .await
        .unwrap();
}

/// Invoice `id`'s PDF from the firm's route, the application started with
/// `site_root`.
async fn pdf_with_site(firm: &Firm, id: i64, site_root: &Path) -> Vec<u8> {
    let mut config = test_config(false);
    config.leptos.site_root = site_root.to_str().expect("a UTF-8 path").into();
    let app = TestApp::start_with(&firm.test, config).await;
    let mia = signed_in(&app, firm, "mia").await;
    let pdf = app.get_with(&host(firm), &format!("/invoices/{id}/pdf"), &mia).await;
    let content_type = pdf.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert_eq!((pdf.status, content_type), (StatusCode::OK, "application/pdf"), "{}", pdf.body);
    pdf.body_bytes
}

/// How many pixels of the logo's colour page 1 has in its header's top left
/// quarter, where every design puts the logo; painted at one pixel per point
/// without vector anti-aliasing, so a filled shape is exactly its colour.
fn orange_in_logo_box(pdf: &[u8]) -> usize {
    assert!(
        Path::new(PDFTOPPM).exists(),
        "{PDFTOPPM} is missing: install Debian's poppler-utils (apt-get install poppler-utils) to read invoices back"
    );
    let file = scratch("pdf").join("invoice.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = std::process::Command::new(PDFTOPPM)
        .args(["-r", "72", "-f", "1", "-l", "1", "-singlefile", "-aaVector", "no"])
        .arg(&file)
        .output()
        .expect("run pdftoppm");
    assert!(output.status.success(), "pdftoppm failed: {}", String::from_utf8_lossy(&output.stderr));
    // Binary PPM: "P6", width, height, maximum value, each followed by one
    // whitespace byte, then the RGB bytes.
    let mut fields = output.stdout.splitn(5, |b: &u8| b.is_ascii_whitespace());
    let mut next = || fields.next().expect("a PPM header field");
    assert_eq!(next(), b"P6", "not a binary PPM");
    let number = |field: &[u8]| -> usize { std::str::from_utf8(field).unwrap().parse().unwrap() };
    let (width, _height, _max) = (number(next()), number(next()), next());
    next()
        .chunks_exact(3)
        .enumerate()
        .filter(|(i, pixel)| i % width < width / 2 && i / width < 150 && *pixel == ORANGE)
        .count()
}

#[tokio::test]
async fn a_firms_svg_logo_from_the_site_root_is_drawn_on_its_invoice_pdf() {
    let firm = firm("logo").await;
    let id = one_hour_draft(&firm).await;
    set_logo(&firm, "/brand/x.svg").await;

    let with_logo = pdf_with_site(&firm, id, &site_with(&[("brand/x.svg", LOGO)])).await;
    let missing_file = pdf_with_site(&firm, id, &site_with(&[])).await;
    let broken_file = pdf_with_site(&firm, id, &site_with(&[("brand/x.svg", "<svg this is not")])).await;

    // The classic design's logo box is 48 points high; the logo is 3:1.
    let painted = orange_in_logo_box(&with_logo);
    assert!(painted > 6000, "the logo covers {painted} px of its 144×48 box");
    // Without a readable file the invoice is still drawn, with the monogram.
    assert_eq!(orange_in_logo_box(&missing_file), 0);
    assert_eq!(orange_in_logo_box(&broken_file), 0);
    assert_ne!(with_logo, missing_file);
}

#[tokio::test]
async fn a_logo_path_climbing_out_of_the_site_root_is_not_read_for_the_pdf() {
    let firm = firm("climb").await;
    let id = one_hour_draft(&firm).await;
    let site = site_with(&[]);
    // A logo just outside the site root, where `..` would reach it.
    std::fs::write(site.parent().unwrap().join("outside.svg"), LOGO).unwrap();
    set_logo(&firm, "/../outside.svg").await;

    let pdf = pdf_with_site(&firm, id, &site).await;

    assert_eq!(orange_in_logo_box(&pdf), 0);
}

#[tokio::test]
async fn a_logo_uploaded_on_the_branding_page_is_drawn_on_the_invoice_pdf() {
    let firm = firm("uploaded").await;
    let id = one_hour_draft(&firm).await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;
    let before = app.get_with(&host(&firm), &format!("/invoices/{id}/pdf"), &ada).await;

    let boundary = "b";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.svg\"\r\n\r\n{LOGO}\r\n--{boundary}--\r\n"
    );
    let upload = axum::http::Request::post("/settings/branding/logo")
        .header("host", host(&firm))
        .header("origin", format!("http://{}", host(&firm)))
        .header("cookie", &ada)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(axum::body::Body::from(body))
        .unwrap();
    assert_eq!(app.request(upload).await.status, StatusCode::SEE_OTHER);
    let after = app.get_with(&host(&firm), &format!("/invoices/{id}/pdf"), &ada).await;

    assert_eq!(orange_in_logo_box(&before.body_bytes), 0, "the monogram before");
    let painted = orange_in_logo_box(&after.body_bytes);
    assert!(painted > 6000, "the uploaded logo covers {painted} px of its 144×48 box");
}
