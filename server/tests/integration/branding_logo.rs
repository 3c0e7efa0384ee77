//! The firm's logo, through the server's own routes as the branding page
//! posts them: an admin's upload is stored (an SVG without what could run),
//! served from the firm's host under its hash and cached for a year, and
//! shown on the firm's pages; a file that is no image is refused with its
//! reason's code and nothing changes; another firm's host serves none of
//! it; only administrators change it; removing it brings back the monogram.

use crate::helpers::{Response, TestApp, TestDb, location};
use crate::invoice_fixture::{Firm, firm, firm_in};
use crate::invoice_server_fns::{host, signed_in};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};

const BOUNDARY: &str = "logo-boundary";
const JPEG: &[u8] = include_bytes!("../../../src/brand/logo_fixtures/mark-64.jpg");
const HOSTILE_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" onload="alert(1)">
    <script>alert(2)</script><rect width="32" height="32" fill="#1e3a8a"/></svg>"##;
const PLAIN_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32"><rect width="32" height="32" fill="#1e3a8a"/></svg>"##;

async fn post(app: &TestApp, firm: &Firm, path: &str, cookie: Option<&str>, file: Option<(&str, &[u8])>) -> Response {
    let mut body = Vec::new();
    if let Some((name, bytes)) = file {
        let field = if path.contains("/icon") { "icon" } else { "logo" };
        // Named and typed as a liar would: the server looks at the bytes.
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
                 Content-Type: image/png\r\n\r\n"
            )
            .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").bytes());
    let mut request = Request::post(path)
        .header("host", host(firm))
        .header("origin", format!("http://{}", host(firm)))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    app.request(request.body(Body::from(body)).unwrap()).await
}

async fn upload(app: &TestApp, firm: &Firm, cookie: &str, name: &str, bytes: &[u8]) -> Response {
    post(app, firm, "/settings/branding/logo", Some(cookie), Some((name, bytes))).await
}

async fn logo_url(firm: &Firm) -> Option<String> {
    sqlx::query_scalar("select logo_url from platform.tenants where tenant_id = $1")
        .bind(firm.tenant.id.0)
        .fetch_one(&mut firm.test.raw().await)
        .await
        .unwrap()
}

async fn audit_details(firm: &Firm) -> Vec<String> {
    let sql = format!(
        "select detail from {}.audit_events where action = 'branding.changed' order by audit_event_id",
        firm.schema
    );
    sqlx::query_scalar(&sql).fetch_all(&mut firm.test.raw().await).await.unwrap()
}

#[tokio::test]
async fn an_uploaded_logo_is_served_from_the_firm_s_host_cached_for_a_year_and_shown_on_its_pages() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;

    let answer = upload(&app, &firm, &ada, "logo.png", JPEG).await;

    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert!(location(&answer).ends_with("/settings/branding?logo=saved"), "{}", location(&answer));
    let url = logo_url(&firm).await.expect("the catalog names the logo");
    assert!(url.starts_with("/logo/") && url.ends_with(".jpg") && url.len() == "/logo/".len() + 64 + 4, "{url}");
    let served = app.get(&host(&firm), &url).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.body_bytes, JPEG, "a raster logo is served as uploaded");
    assert_eq!(served.headers[header::CONTENT_TYPE], "image/jpeg");
    assert_eq!(served.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    let page = app.get(&host(&firm), "/sign-in").await;
    assert!(page.body.contains(&format!("src=\"{url}\"")), "the header shows it at once");
    assert!(page.body.contains(&format!("<link rel=\"icon\" href=\"{url}\"")), "and the tab's icon");
    assert_eq!(audit_details(&firm).await, [format!("logo monogram → {url} (image/jpeg, 64×64)")]);
}

#[tokio::test]
async fn a_hostile_svg_is_refused_with_its_reason_and_a_plain_one_is_served_as_an_inert_image() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;

    let hostile = upload(&app, &firm, &ada, "logo.svg", HOSTILE_SVG.as_bytes()).await;

    assert!(location(&hostile).ends_with("?logo_problem=svg-script"), "{}", location(&hostile));
    let shown = app.get_with(&host(&firm), location(&hostile), &ada).await;
    assert!(shown.body.contains("This SVG contains a script or an event handler"), "the reason, on the page");
    assert_eq!(logo_url(&firm).await, None, "nothing stored half-way");
    let stored: i64 = firm.scalar("select count(*) from {schema}.firm_logos").await;
    assert_eq!(stored, 0);

    let plain = upload(&app, &firm, &ada, "logo.svg", PLAIN_SVG.as_bytes()).await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER, "{}", plain.body);
    let served = app.get(&host(&firm), &logo_url(&firm).await.unwrap()).await;
    assert_eq!(served.headers[header::CONTENT_TYPE], "image/svg+xml");
    assert!(served.body.contains("#1e3a8a"), "{}", served.body);
    let policy = served.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.contains("default-src 'none'") && policy.contains("sandbox"), "{policy}");
}

#[tokio::test]
async fn a_file_that_is_no_image_is_refused_with_its_reason_and_nothing_changes() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;

    let html = upload(&app, &firm, &ada, "logo.png", b"<html><script>alert(1)</script></html>").await;
    let cut = upload(&app, &firm, &ada, "logo.jpg", &JPEG[..JPEG.len() / 2]).await;
    let none = post(&app, &firm, "/settings/branding/logo", Some(&ada), None).await;

    assert!(location(&html).ends_with("?logo_problem=type"), "{}", location(&html));
    assert!(location(&cut).ends_with("?logo_problem=damaged"), "{}", location(&cut));
    assert!(location(&none).ends_with("?logo_problem=missing"), "{}", location(&none));
    let shown = app.get_with(&host(&firm), location(&html), &ada).await;
    assert!(shown.body.contains("this file is none of those"), "the reason, on the page");
    assert_eq!(logo_url(&firm).await, None);
    let stored: i64 = firm.scalar("select count(*) from {schema}.firm_logos").await;
    assert_eq!(stored, 0);
    assert!(audit_details(&firm).await.is_empty());
}

#[tokio::test]
async fn only_administrators_change_the_logo_and_another_firm_s_host_serves_none_of_it() {
    let alpha = firm("alpha").await;
    let beta = firm_in(TestDb::on(alpha.test.db.clone(), alpha.test.options()), "beta").await;
    let app = TestApp::start(&alpha.test).await;
    let ada = signed_in(&app, &alpha, "ada").await;
    let mia = signed_in(&app, &alpha, "mia").await;
    let beta_ada = signed_in(&app, &beta, "ada").await;

    let by_manager = upload(&app, &alpha, &mia, "logo.jpg", JPEG).await;
    let by_nobody = post(&app, &alpha, "/settings/branding/logo", None, Some(("logo.jpg", JPEG))).await;
    assert_eq!(by_manager.status, StatusCode::FORBIDDEN);
    assert!(location(&by_nobody).ends_with("/sign-in"), "{}", location(&by_nobody));
    assert_eq!(logo_url(&alpha).await, None);

    upload(&app, &alpha, &ada, "logo.jpg", JPEG).await;
    let url = logo_url(&alpha).await.unwrap();
    let on_beta = app.get(&host(&beta), &url).await;
    assert_eq!(on_beta.status, StatusCode::NOT_FOUND, "beta's schema has no such logo");
    assert_ne!(on_beta.body_bytes, JPEG);
    // Beta's admin removing "the" logo removes beta's, which it never had.
    post(&app, &beta, "/settings/branding/logo/remove", Some(&beta_ada), None).await;
    assert_eq!(logo_url(&alpha).await, Some(url));
}

#[tokio::test]
async fn removing_the_logo_brings_back_the_monogram_and_the_old_address_still_answers() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;
    upload(&app, &firm, &ada, "logo.jpg", JPEG).await;
    let url = logo_url(&firm).await.unwrap();

    let removed = post(&app, &firm, "/settings/branding/logo/remove", Some(&ada), None).await;

    assert!(location(&removed).ends_with("?logo=removed"), "{}", location(&removed));
    assert_eq!(logo_url(&firm).await, None);
    let page = app.get(&host(&firm), "/sign-in").await;
    assert!(!page.body.contains(&url), "the header shows the monogram");
    assert!(page.body.contains("<link rel=\"icon\" href=\"/favicon.svg\""), "the platform's icon again");
    assert_eq!(app.get(&host(&firm), &url).await.status, StatusCode::OK, "a page still open keeps its picture");
    assert_eq!(audit_details(&firm).await.last().unwrap(), &format!("logo {url} → monogram"));
}

#[tokio::test]
async fn a_tab_icon_is_the_logo_until_one_is_uploaded_and_must_be_square() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;
    upload(&app, &firm, &ada, "logo.jpg", JPEG).await;
    let logo = logo_url(&firm).await.unwrap();
    let icon_link = |url: &str| format!("<link rel=\"icon\" href=\"{url}\"");
    assert!(app.get(&host(&firm), "/sign-in").await.body.contains(&icon_link(&logo)));

    let wide = PLAIN_SVG.replace("width=\"32\" height=\"32\"><rect", "width=\"64\" height=\"32\"><rect");
    let refused = post(&app, &firm, "/settings/branding/icon", Some(&ada), Some(("icon.svg", wide.as_bytes()))).await;
    assert!(location(&refused).ends_with("?icon_problem=not-square"), "{}", location(&refused));

    let saved =
        post(&app, &firm, "/settings/branding/icon", Some(&ada), Some(("icon.svg", PLAIN_SVG.as_bytes()))).await;
    assert!(location(&saved).ends_with("?icon=saved"), "{}", location(&saved));
    let icon: String = firm.scalar("select icon_url from platform.tenants").await;
    assert!(icon.starts_with("/logo/") && icon.ends_with(".svg"), "{icon}");
    let page = app.get(&host(&firm), "/sign-in").await;
    assert!(page.body.contains(&icon_link(&icon)), "the tab shows the icon");
    assert!(page.body.contains(&format!("src=\"{logo}\"")), "the header keeps the logo");
    assert_eq!(app.get(&host(&firm), &icon).await.status, StatusCode::OK);
    assert_eq!(audit_details(&firm).await.last().unwrap(), &format!("icon the logo → {icon} (image/svg+xml, 32×32)"));

    let removed = post(&app, &firm, "/settings/branding/icon/remove", Some(&ada), None).await;
    assert!(location(&removed).ends_with("?icon=removed"), "{}", location(&removed));
    assert!(app.get(&host(&firm), "/sign-in").await.body.contains(&icon_link(&logo)), "the logo again");
}
