//! An administrator downloads all of the firm's data as one zip: every
//! documented file is in it with the firm's own rows and receipts, nothing
//! of another firm and no secret; people who may not export are refused,
//! and the download is in the audit trail.

use crate::helpers::{PASSWORD, TestApp, fresh_database};
use axum::http::{StatusCode, header};
use pespro::access::Role;
use pespro::practice::export::EXPORT_FILES;
use std::io::Read;

#[tokio::test]
async fn an_admin_downloads_the_firms_data_and_nothing_else() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_firm("beta").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    test.create_person("alpha", "emil@alpha.example", Role::Employee).await;
    test.create_person("beta", "bea@beta.example", Role::Admin).await;
    let app = TestApp::start(&test).await;
    let ada = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let bea = app.sign_in("beta.localhost", "bea@beta.example", PASSWORD).await.unwrap();
    for (host, cookie, name) in
        [("alpha.localhost", &ada, "Alpha Client"), ("beta.localhost", &bea, "Beta Secret Client")]
    {
        let created = app
            .request(crate::helpers::call(
                host,
                "/api/create_client",
                &format!("name={}", name.replace(' ', "+")),
                cookie,
            ))
            .await;
        assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    }
    let emil = app.sign_in("alpha.localhost", "emil@alpha.example", PASSWORD).await.unwrap();

    let zip = app.get_with("alpha.localhost", "/settings/export/download", &ada).await;
    let refused = app.get_with("alpha.localhost", "/settings/export/download", &emil).await;

    assert_eq!(zip.status, StatusCode::OK);
    assert_eq!(zip.headers[header::CONTENT_TYPE], "application/zip");
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bytes = zip.body_bytes.clone();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a readable zip");
    let mut read = |name: &str| {
        let mut text = String::new();
        archive.by_name(name).unwrap_or_else(|_| panic!("{name} is in the zip")).read_to_string(&mut text).unwrap();
        text
    };
    for file in EXPORT_FILES {
        assert!(read(file.name).lines().next().is_some_and(|header| !header.is_empty()), "{} has a header", file.name);
    }
    let clients = read("clients.csv");
    let people = read("people.csv");
    assert!(read("README.md").contains("people.csv"));
    assert!(clients.contains("Alpha Client") && !clients.contains("Beta Secret Client"), "{clients}");
    assert!(people.contains("ada@alpha.example") && !people.contains("bea@beta.example"));
    assert!(!people.contains("$argon2"), "no password hashes");
    assert!(read("audit_log.csv").contains("firm.exported"), "the download is on record");
}
