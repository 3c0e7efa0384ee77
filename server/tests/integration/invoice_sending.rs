//! Invoices leaving the firm: sent through a real SMTP server with the PDF
//! attached, read back with poppler's `pdftotext`; the emailed link opened
//! signed out, then revoked; and the firm's own PDF route.

use crate::helpers::{Response, TestApp, TestDb, call, test_config};
use crate::invoice_fixture::{Firm, firm};
use crate::invoice_server_fns::{billing_contact, host, one_hour_draft, sentence_of, signed_in};
use crate::mail_sink::mail_sink;
use axum::http::{StatusCode, header};
use base64::Engine;
use pespro::mail::Mailer;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const PDFTOTEXT: &str = "/usr/bin/pdftotext";

/// The text of a PDF, as poppler's `pdftotext` reads it.
fn pdf_text(bytes: &[u8]) -> String {
    assert!(
        Path::new(PDFTOTEXT).exists(),
        "{PDFTOTEXT} is missing: install Debian's poppler-utils (apt-get install poppler-utils) to read invoices back"
    );
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF: {:?}", String::from_utf8_lossy(&bytes[..bytes.len().min(80)]));
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    // The run's own folder, removed with its cluster.
    let dir = std::env::temp_dir().join(format!("pespro-test-{}", std::process::id())).join("pdfs");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("invoice-{}.pdf", NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&file, bytes).unwrap();
    let output = std::process::Command::new(PDFTOTEXT).arg(&file).arg("-").output().expect("run pdftotext");
    let _ = std::fs::remove_file(&file);
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("pdftotext writes UTF-8")
}

fn content_type(response: &Response) -> &str {
    response.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

async fn number_of(firm: &Firm, id: i64) -> String {
    let sql = format!("select number from {}.invoices where invoice_id = $1", firm.schema);
    sqlx::query_scalar(&sql).bind(id).fetch_one(&mut firm.test.raw().await).await.unwrap()
}

/// One part of a MIME message: its headers (folded lines joined) and its
/// body, decoded from base64 or quoted-printable.
struct Part {
    headers: String,
    body: Vec<u8>,
}

fn split_headers(text: &str) -> (String, &str) {
    let (headers, body) = text.split_once("\n\n").unwrap_or((text, ""));
    (headers.replace("\n ", " ").replace("\n\t", " "), body)
}

fn header_value<'a>(headers: &'a str, name: &str) -> &'a str {
    headers
        .lines()
        .find_map(|l| l.split_once(':').filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim()))
        .unwrap_or_default()
}

fn quoted_printable(text: &str) -> Vec<u8> {
    let text = text.replace("=\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'=' && i + 2 < bytes.len())
            .then(|| u8::from_str_radix(&text[i + 1..i + 3], 16).ok())
            .flatten();
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

/// The parts of a `multipart/mixed` message, as the mail sink stored it.
fn mime_parts(message: &str) -> Vec<Part> {
    let message = message.replace("\r\n", "\n");
    let (headers, body) = split_headers(&message);
    let kind = header_value(&headers, "content-type");
    let boundary = kind
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_owned())
        .unwrap_or_else(|| panic!("not a multipart message: {kind}"));
    body.split(&format!("--{boundary}"))
        .skip(1)
        .filter(|part| !part.starts_with("--"))
        .map(|part| {
            let (headers, body) = split_headers(part.trim_start_matches('\n'));
            let body = match header_value(&headers, "content-transfer-encoding").to_ascii_lowercase().as_str() {
                "base64" => {
                    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
                    base64::engine::general_purpose::STANDARD.decode(compact).expect("a base64 part")
                }
                "quoted-printable" => quoted_printable(body),
                _ => body.as_bytes().to_vec(),
            };
            Part { headers, body }
        })
        .collect()
}

/// Waits for the first message to `to`: sending has returned, but the sink
/// writes its Maildir file on its own time.
async fn message_to(to: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(message) = mail_sink().messages_to(to).pop() {
            return message;
        }
        assert!(Instant::now() < deadline, "no message for {to}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn app_with_smtp(test: &TestDb) -> TestApp {
    let mut config = test_config(false);
    let smtp = format!("smtp://127.0.0.1:{}", mail_sink().port);
    config.mailer = Mailer::new(Some(&smtp), "/nonexistent".into(), "PesPro <no-reply@localhost>").unwrap();
    TestApp::start_with(test, config).await
}

#[tokio::test]
async fn a_sent_invoice_reaches_the_billing_contact_with_its_pdf_and_a_link_that_works_until_revoked() {
    let firm = firm("alpha").await;
    // The mail sink's folder is shared by the run: an address of this test's own.
    let contact = format!("bea-sent-{}@acme.example", std::process::id());
    billing_contact(&firm, &contact).await;
    firm.send_directly().await;
    let id = one_hour_draft(&firm).await;
    let app = app_with_smtp(&firm.test).await;
    let mia = signed_in(&app, &firm, "mia").await;
    let host = host(&firm);

    let submitted = app.request(call(&host, "/api/submit_invoice", &format!("invoice_id={id}"), &mia)).await;

    assert_eq!(sentence_of(&submitted), format!("Approved and sent to {contact}."));
    let number = number_of(&firm, id).await;
    let parts = mime_parts(&message_to(&contact).await);
    let pdf =
        parts.iter().find(|p| header_value(&p.headers, "content-type").starts_with("application/pdf")).unwrap_or_else(
            || panic!("no application/pdf part in {:?}", parts.iter().map(|p| &p.headers).collect::<Vec<_>>()),
        );
    let file_name = format!("filename=\"Invoice-{number}.pdf\"");
    assert!(pdf.headers.contains(&file_name), "{}", pdf.headers);
    let text = pdf_text(&pdf.body);
    for expected in [number.as_str(), "Acme Ltd", "120.00 EUR"] {
        assert!(text.contains(expected), "{expected:?} is not in the attached PDF:\n{text}");
    }
    let letter = parts
        .iter()
        .find(|p| header_value(&p.headers, "content-type").starts_with("text/plain"))
        .map(|p| String::from_utf8_lossy(&p.body).into_owned())
        .expect("a text part");
    let start = letter.find("/i/").unwrap_or_else(|| panic!("no client link in:\n{letter}"));
    let link = letter[start..].split_whitespace().next().unwrap().to_owned();
    assert!(letter.contains(&format!("http://{host}:3000{link}")), "{letter}");

    let page = app.get(&host, &link).await;
    let pdf = app.get(&host, &format!("{link}/pdf")).await;

    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&format!("Invoice {number}")), "{}", page.body);
    assert_eq!((pdf.status, content_type(&pdf)), (StatusCode::OK, "application/pdf"));
    assert!(pdf_text(&pdf.body_bytes).contains(&number));

    let revoked = app.request(call(&host, "/api/revoke_invoice_link", &format!("invoice_id={id}"), &mia)).await;

    assert_eq!(sentence_of(&revoked), "The client's link no longer opens the invoice.");
    let page = app.get(&host, &link).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("This invoice link is not valid"), "{}", page.body);
    assert!(!page.body.contains(&number), "{}", page.body);
    let pdf = app.get(&host, &format!("{link}/pdf")).await;
    assert_eq!(pdf.status, StatusCode::NOT_FOUND);
    assert_ne!(content_type(&pdf), "application/pdf");
}

#[tokio::test]
async fn the_firms_pdf_route_gives_managers_the_invoice_with_number_client_total_and_tax() {
    let firm = firm("alpha").await;
    firm.send_directly().await;
    let id = one_hour_draft(&firm).await;
    let mut tx = firm.tx().await;
    pespro::practice::invoices::submit_invoice(&mut tx, firm.manager, id, crate::invoice_fixture::day(30))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let app = TestApp::start(&firm.test).await;
    let mia = signed_in(&app, &firm, "mia").await;

    let pdf = app.get_with(&host(&firm), &format!("/invoices/{id}/pdf"), &mia).await;

    assert_eq!((pdf.status, content_type(&pdf)), (StatusCode::OK, "application/pdf"), "{}", pdf.body);
    let number = number_of(&firm, id).await;
    let disposition = pdf.headers.get(header::CONTENT_DISPOSITION).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert_eq!(disposition, format!("inline; filename=\"Invoice-{number}.pdf\""));
    let text = pdf_text(&pdf.body_bytes);
    for expected in [number.as_str(), "Acme Ltd", "120.00 EUR", "VAT 20 %"] {
        assert!(text.contains(expected), "{expected:?} is not in the PDF:\n{text}");
    }
    let signed_out = app.get(&host(&firm), &format!("/invoices/{id}/pdf")).await;
    assert_ne!(content_type(&signed_out), "application/pdf", "signed out, no PDF");
}
