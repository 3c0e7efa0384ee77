//! The branding page's server functions on the app `pespro serve` builds:
//! only administrators reach them; a saved name and colours are in the next
//! page's head on this process and, after the catalog's notification, on
//! another; a colour text cannot be read on is refused at its field with
//! nothing stored; the change is audited old → new; one firm's branding
//! never touches another's.

use crate::helpers::{TestApp, TestDb, call, call_anonymous, form_encode, form_post, location, theme_css};
use crate::invoice_fixture::{Firm, firm, firm_in};
use crate::invoice_server_fns::{error_of, host, signed_in};
use axum::body::Body;
use axum::http::{StatusCode, header};

fn branding(name: &str, primary: &str, accent: &str) -> String {
    format!(
        "branding[display_name]={}&branding[primary]={}&branding[accent]={}",
        form_encode(name),
        form_encode(primary),
        form_encode(accent)
    )
}

async fn stored(firm: &Firm) -> (String, String, String) {
    sqlx::query_as("select display_name, primary_colour, accent_colour from platform.tenants where tenant_id = $1")
        .bind(firm.tenant.id.0)
        .fetch_one(&mut firm.test.raw().await)
        .await
        .unwrap()
}

async fn branding_audit(firm: &Firm) -> Vec<(String, String)> {
    let sql = format!(
        "select actor_label, detail from {}.audit_events where action = 'branding.changed' order by audit_event_id",
        firm.schema
    );
    sqlx::query_as(&sql).fetch_all(&mut firm.test.raw().await).await.unwrap()
}

/// Asks `app` for the firm's sign-in page until its head carries `css`.
async fn eventually_styled(app: &TestApp, firm: &Firm, css: &str) {
    for _ in 0..100 {
        if app.get(&host(firm), "/sign-in").await.body.contains(css) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the firm's pages never showed {css}");
}

#[tokio::test]
async fn only_administrators_read_or_save_the_branding() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let mia = signed_in(&app, &firm, "mia").await;
    let body = branding("Taken Over", "#000000", "#ffffff");

    for (path, body) in [("/api/branding", ""), ("/api/save_branding", body.as_str())] {
        let manager = app.request(call(&host(&firm), path, body, &mia)).await;
        assert_eq!((manager.status, manager.body.as_str()), (StatusCode::FORBIDDEN, "\"Forbidden\""), "{path}");
        let nobody = app.request(call_anonymous(&host(&firm), path, body)).await;
        assert_eq!(nobody.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    assert_eq!(stored(&firm).await, ("Firm alpha".into(), "#123456".into(), "#abcdef".into()));
    assert!(branding_audit(&firm).await.is_empty());
}

#[tokio::test]
async fn a_saved_branding_is_on_the_next_page_and_audited_from_old_to_new() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;

    let saved = app
        .request(call(&host(&firm), "/api/save_branding", &branding("Alpha & Co", "#0F766E", "#fde68a"), &ada))
        .await;

    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(stored(&firm).await, ("Alpha & Co".into(), "#0f766e".into(), "#fde68a".into()));
    // This process reloaded before answering: no wait.
    let page = app.get(&host(&firm), "/sign-in").await;
    assert!(page.body.contains(&theme_css("#0f766e", "#fde68a")), "{}", page.body);
    assert!(page.body.contains("Alpha &amp; Co"), "the new name, escaped");
    let audit = branding_audit(&firm).await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!(audit[0].1, "name “Firm alpha” → “Alpha & Co”; primary #123456 → #0f766e; accent #abcdef → #fde68a");
    let read = app.request(call(&host(&firm), "/api/branding", "", &ada)).await;
    let data: serde_json::Value = serde_json::from_str(&read.body).unwrap();
    assert_eq!(data["saved"]["primary"], "#0f766e");
}

#[tokio::test]
async fn a_colour_text_cannot_be_read_on_is_refused_at_its_field_and_nothing_is_stored() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;

    for (primary, accent, field, says) in [
        ("#ff0000", "#abcdef", "primary", "The nearest colour that reaches it is #"),
        ("#123456", "#808080", "accent", "it needs 4.5:1 to be readable"),
        ("#123456", "#fff;}</style><script>alert(1)</script>", "accent", "A colour is written as #"),
        ("red", "#abcdef", "primary", "A colour is written as #"),
    ] {
        let refused =
            app.request(call(&host(&firm), "/api/save_branding", &branding("Alpha", primary, accent), &ada)).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
        let message = error_of(&refused).for_field(field).unwrap_or_else(|| panic!("{field}: {}", refused.body));
        assert!(message.contains(says), "{message}");
    }
    assert_eq!(stored(&firm).await, ("Firm alpha".into(), "#123456".into(), "#abcdef".into()));
    assert!(branding_audit(&firm).await.is_empty());
}

#[tokio::test]
async fn without_javascript_a_refused_form_comes_back_as_typed_and_a_good_one_saves() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;
    let post = |body: String| {
        form_post(&host(&firm), "/api/save_branding", Some(&ada))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, format!("http://{}/settings/branding", host(&firm)))
            .body(Body::from(body))
            .unwrap()
    };

    let refused = app.request(post(branding("Typed Name", "#ff0000", "#abcdef"))).await;
    let back = location(&refused).strip_prefix(&format!("http://{}", host(&firm))).unwrap().to_owned();
    let shown = app.get_with(&host(&firm), &back, &ada).await;
    let saved = app.request(post(branding("Typed Name", "#b91c1c", "#abcdef"))).await;

    assert!(back.contains("__err="), "{back}");
    assert!(shown.body.contains("value=\"Typed Name\""), "what was typed is back: {}", shown.body);
    assert!(shown.body.contains("The nearest colour that reaches it is"), "the reason, at the field");
    assert_eq!(saved.status, StatusCode::FOUND, "{}", saved.body);
    assert!(!location(&saved).contains("__err"), "{}", location(&saved));
    assert_eq!(stored(&firm).await.1, "#b91c1c");
}

#[tokio::test]
async fn a_change_saved_through_one_process_reaches_the_other_and_no_other_firm() {
    let alpha = firm("alpha").await;
    let beta = firm_in(TestDb::on(alpha.test.db.clone(), alpha.test.options()), "beta").await;
    let first = TestApp::start(&alpha.test).await;
    let second = TestApp::start(&alpha.test).await;
    let ada = signed_in(&first, &alpha, "ada").await;
    let before = theme_css("#123456", "#abcdef");
    eventually_styled(&second, &alpha, &before).await;

    let saved =
        first.request(call(&host(&alpha), "/api/save_branding", &branding("Alpha", "#1e3a8a", "#fde68a"), &ada)).await;

    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    eventually_styled(&second, &alpha, &theme_css("#1e3a8a", "#fde68a")).await;
    for app in [&first, &second] {
        let other = app.get(&host(&beta), "/sign-in").await;
        assert!(other.body.contains(&before), "beta keeps its own colours");
    }
    assert!(branding_audit(&beta).await.is_empty());
}
