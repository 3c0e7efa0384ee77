//! Without JavaScript a refused form comes back as it was typed, on the
//! everyday forms (log time, the week grid's row, invite, add contact, a
//! client's details): the post is redirected to its page with the error,
//! and that page, drawn afresh, shows what was typed — once. The same
//! refusal made by the hydrated page (JSON) leaves nothing to show on the
//! next plain page load.

use crate::helpers::{TestApp, call, form_encode, form_post, location};
use crate::invoice_fixture::{Firm, firm};
use crate::invoice_server_fns::{host, signed_in};
use axum::body::Body;
use axum::http::{StatusCode, header};

/// Posts `body` to `endpoint` as a browser without JavaScript does from
/// `page`, then follows the refusal back; returns the address it was sent
/// to and the page shown there.
async fn refused_then_shown(
    app: &TestApp,
    firm: &Firm,
    cookie: &str,
    page: &str,
    endpoint: &str,
    body: &str,
) -> (String, String) {
    let host = host(firm);
    let post = form_post(&host, endpoint, Some(cookie))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://{host}{page}"))
        .body(Body::from(body.to_owned()))
        .unwrap();
    let refused = app.request(post).await;
    assert_eq!(refused.status, StatusCode::FOUND, "{}", refused.body);
    let back = location(&refused).strip_prefix(&format!("http://{host}")).unwrap().to_owned();
    assert!(back.contains("__err="), "{back}");
    let shown = app.get_with(&host, &back, cookie).await;
    (back, shown.body)
}

/// Monday 23 November 2026 is in ISO week 2026-W48.
const WEEK: &str = "2026-W48";

#[tokio::test]
async fn a_refused_entry_and_grid_row_come_back_as_typed_and_only_once() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let mia = signed_in(&app, &firm, "mia").await;
    let page = format!("/time?week={WEEK}");
    let entry = format!(
        "engagement_id={}&work_date=2026-11-24&duration=soon&notes={}",
        firm.engagement,
        form_encode("Typed fieldwork notes")
    );
    let row = format!(
        "form[week]={WEEK}&form[engagement_id]={}&form[d1]=2&form[d3]=later&form[notes]={}",
        firm.engagement,
        form_encode("Typed row notes")
    );

    let (back, shown) = refused_then_shown(&app, &firm, &mia, &page, "/api/log_time", &entry).await;
    let again = app.get_with(&host(&firm), &back, &mia).await.body;
    let (_, shown_row) = refused_then_shown(&app, &firm, &mia, &page, "/api/log_week_row", &row).await;

    assert!(shown.contains("value=\"soon\"") && shown.contains("value=\"Typed fieldwork notes\""), "{shown}");
    assert!(shown.contains("value=\"2026-11-24\""), "the date typed, not the week's default");
    assert!(!again.contains("Typed fieldwork notes"), "shown once, not again on the next load");
    assert!(shown_row.contains("value=\"later\"") && shown_row.contains("value=\"Typed row notes\""), "{shown_row}");
    assert!(shown_row.contains("value=\"2\""), "the day that was right is kept too");
}

#[tokio::test]
async fn a_refused_invitation_contact_and_client_come_back_as_typed() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let ada = signed_in(&app, &firm, "ada").await;
    let invite = format!("display_name={}&email=not-an-address&role=manager", form_encode("Typed Person"));
    let client_page = format!("/clients/{}", firm.client);
    let contact = format!("client_id={}&contact[name]=&contact[role]={}", firm.client, form_encode("Typed role"));
    let client =
        format!("client_id={}&form[name]=&form[currency]=EUR&form[notes]={}", firm.client, form_encode("Typed notes"));

    let (_, people) = refused_then_shown(&app, &firm, &ada, "/people", "/api/invite_person", &invite).await;
    let (_, contacts) = refused_then_shown(&app, &firm, &ada, &client_page, "/api/add_client_contact", &contact).await;
    let (_, details) = refused_then_shown(&app, &firm, &ada, &client_page, "/api/save_client", &client).await;

    assert!(people.contains("value=\"Typed Person\"") && people.contains("value=\"not-an-address\""), "{people}");
    assert!(people.contains("<option value=\"manager\" selected"), "the role chosen stays chosen");
    assert!(contacts.contains("value=\"Typed role\""), "{contacts}");
    assert!(details.contains("value=\"\"") && details.contains("Typed notes"), "{details}");
}

#[tokio::test]
async fn a_refusal_the_hydrated_page_received_is_not_shown_again_later() {
    let firm = firm("alpha").await;
    let app = TestApp::start(&firm.test).await;
    let mia = signed_in(&app, &firm, "mia").await;
    let entry = format!("engagement_id={}&work_date=2026-11-24&duration=soon&notes=Hydrated", firm.engagement);

    let refused = app.request(call(&host(&firm), "/api/log_time", &entry, &mia)).await;
    let later = app.get_with(&host(&firm), &format!("/time?week={WEEK}"), &mia).await;

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert!(!later.body.contains("Hydrated"), "a plain load shows what is saved");
}
