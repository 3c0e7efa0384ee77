//! Accounting hand-off through the application as built for production:
//! the settings form (indexed fields) saved by the server fn, an export,
//! its file downloaded with the target's headings, the month-end pack
//! prepared in the background with its progress, and refusals — for an employee, and for another firm's administrator naming
//! this firm's batch.

use crate::helpers::{PASSWORD, TestApp, call};
use crate::invoice_fixture::{day, firm};
use axum::http::{StatusCode, header};
use pespro::access::Role;
use pespro::practice::invoices::submit_invoice;
use std::io::Read;

const HOST: &str = "alpha.localhost";

fn xero_form() -> String {
    [
        "mapping[target]=xero",
        "mapping[day_order]=day_first",
        "mapping[hourly]=200",
        "mapping[tax_keys][0]=VAT+20+%25",
        "mapping[tax_codes][0]=20%25+%28VAT+on+Income%29",
        "mapping[tax_keys][1]=No+tax",
        "mapping[tax_codes][1]=",
        "mapping[tracking]=engagement",
        "mapping[tracking_name]=Project",
    ]
    .join("&")
}

#[tokio::test]
async fn an_admin_maps_exports_and_downloads_while_others_are_refused() {
    let firm = firm("alpha").await;
    firm.send_directly().await;
    firm.approved_time(day(2), 1, 90).await;
    let id = firm.draft(day(1), day(2)).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, id, day(3)).await.unwrap();
    tx.commit().await.unwrap();
    firm.test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    let app = TestApp::start(&firm.test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let emil = app.sign_in(HOST, "emil@alpha.example", PASSWORD).await.unwrap();

    let saved = app.request(call(HOST, "/api/save_accounting_settings", &xero_form(), &ada)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let refused = app.request(call(HOST, "/api/save_accounting_settings", &xero_form(), &emil)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let preview = app.request(call(HOST, "/api/accounting_exports", "from=&to=", &ada)).await;
    assert!(preview.body.contains("\"target\":\"Xero\"") && preview.body.contains("\"gaps\":[]"), "{}", preview.body);

    let exported = app.request(call(HOST, "/api/export_to_accounting", "from=&to=", &ada)).await;
    assert_eq!(exported.status, StatusCode::OK, "{}", exported.body);
    assert!(exported.body.contains("Batch 1 written: 1 documents"), "{}", exported.body);
    let again = app.request(call(HOST, "/api/export_to_accounting", "from=&to=", &ada)).await;
    assert!(again.body.contains("Nothing new to export"), "{}", again.body);

    let file = app.get_with(HOST, "/accounting/batches/1/0", &ada).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(file.headers[header::CONTENT_DISPOSITION].to_str().unwrap().contains("xero-invoices.csv"));
    let text = String::from_utf8(file.body_bytes.to_vec()).unwrap();
    assert!(text.starts_with("*ContactName,EmailAddress,"), "{text}");
    assert!(text.contains(",Annual audit,"), "the engagement as tracking option: {text}");
    assert_eq!(app.get_with(HOST, "/accounting/batches/1/0", &emil).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get_with(HOST, "/accounting/batches/1/9", &ada).await.status, StatusCode::NOT_FOUND);

    let refused = app.request(call(HOST, "/api/prepare_accounting_pack", "from=&to=", &ada)).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "a pack needs a period: {}", refused.body);
    let prepared = app.request(call(HOST, "/api/prepare_accounting_pack", "from=2026-11-01&to=2026-11-30", &ada)).await;
    assert_eq!(prepared.status, StatusCode::OK, "{}", prepared.body);
    let pack_id: i64 = prepared.body.trim().parse().expect("the pack's id");
    // Prepared in the background: its progress is readable until it is ready.
    let mut ready = false;
    for _ in 0..100 {
        let packs = app.request(call(HOST, "/api/accounting_packs", "", &ada)).await;
        assert!(packs.body.contains("\"total\":1"), "one invoice to draw: {}", packs.body);
        if packs.body.contains("\"status\":\"ready\"") {
            ready = true;
            break;
        }
        assert!(packs.body.contains("\"status\":\"running\""), "{}", packs.body);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "the pack was prepared within ten seconds");
    assert_eq!(app.get_with(HOST, &format!("/accounting/packs/{pack_id}"), &emil).await.status, StatusCode::FORBIDDEN);
    let pack = app.get_with(HOST, &format!("/accounting/packs/{pack_id}"), &ada).await;
    assert_eq!(pack.status, StatusCode::OK);
    assert_eq!(pack.headers[header::CONTENT_TYPE], "application/zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(pack.body_bytes.to_vec())).expect("a readable zip");
    let names: Vec<String> = archive.file_names().map(|n| n.expect("a readable name").into_owned()).collect();
    for expected in ["README.txt", "books/xero-invoices.csv", "payments.csv", "summary.csv"] {
        assert!(names.iter().any(|n| n == expected), "{expected} in {names:?}");
    }
    let pdfs = names.iter().filter(|n| n.starts_with("invoices/") && n.ends_with(".pdf")).count();
    assert_eq!(pdfs, 1, "{names:?}");
    let mut summary = String::new();
    archive.by_name("summary.csv").unwrap().read_to_string(&mut summary).unwrap();
    assert!(summary.contains("Invoices,EUR,VAT 20 %,1,150.00,30.00,180.00"), "{summary}");
    let audited: i64 = firm.scalar("select count(*) from {schema}.audit_events where action = 'accounting.pack'").await;
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn another_firms_admin_cannot_reach_this_firms_batch() {
    let firm = firm("alpha").await;
    firm.send_directly().await;
    firm.approved_time(day(2), 1, 60).await;
    let id = firm.draft(day(1), day(2)).await;
    let mut tx = firm.tx().await;
    submit_invoice(&mut tx, firm.manager, id, day(3)).await.unwrap();
    tx.commit().await.unwrap();
    firm.test.create_firm("beta").await;
    firm.test.create_person("beta", "bea@beta.example", Role::Admin).await;
    let app = TestApp::start(&firm.test).await;
    let ada = app.sign_in(HOST, "ada@alpha.example", PASSWORD).await.unwrap();
    let bea = app.sign_in("beta.localhost", "bea@beta.example", PASSWORD).await.unwrap();
    let form = xero_form().replace("mapping[tax_codes][1]=", "mapping[tax_codes][1]=None");
    assert_eq!(app.request(call(HOST, "/api/save_accounting_settings", &form, &ada)).await.status, StatusCode::OK);
    let exported = app.request(call(HOST, "/api/export_to_accounting", "from=&to=", &ada)).await;
    assert!(exported.body.contains("Batch 1 written"), "{}", exported.body);
    // Beta's own batch 1 does not exist; alpha's is not reachable from beta.
    assert_eq!(app.get_with("beta.localhost", "/accounting/batches/1/0", &bea).await.status, StatusCode::NOT_FOUND);
    // Alpha's cookie on beta's host is not a session there.
    let crossed = app.get_with("beta.localhost", "/accounting/batches/1/0", &ada).await;
    assert_ne!(crossed.status, StatusCode::OK);
}
