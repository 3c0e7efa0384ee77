//! Firms' lifecycle from the console, as staff drive it and as an attacker
//! would try it: opening a firm invites its first administrator by email
//! (who can then sign in on the firm's own host); a refused form keeps
//! what was typed and creates nothing; suspending closes the firm's pages
//! at once and resuming reopens them; every step needs a signed-in staff
//! member (and a reason where the firm is changed), is in the platform's
//! trail, and none of it answers on a firm's host.

use crate::helpers::{TestApp, TestDb, call_anonymous, form_encode, fresh_database, location, test_config};
use crate::mail_sink::mail_sink;
use crate::staff::{ADMIN, STAFF_EMAIL, STAFF_NAME, enrolled_staff_session, post};
use axum::http::StatusCode;
use pespro::access::Role;
use pespro::flags::Plan;
use pespro::mail::Mailer;
use pespro::tenancy::TenantRegistry;
use pespro::tenant::TenantStatus;

async fn console(test: &TestDb) -> (TestApp, String) {
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    let mut config = test_config(false);
    let smtp = format!("smtp://127.0.0.1:{}", mail_sink().port);
    config.mailer = Mailer::new(Some(&smtp), "/nonexistent".into(), "PesPro <no-reply@localhost>").unwrap();
    let app = TestApp::start_with(test, config).await;
    let (cookie, _) = enrolled_staff_session(&app).await;
    (app, cookie)
}

/// An address no other test writes to, so the shared mail sink is unambiguous.
fn unique(local: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{local}-{}-{nanos}@harbor.example", std::process::id())
}

fn new_firm_form(slug: &str, admin_email: &str) -> String {
    format!("slug={slug}&name=Harbor+Law&plan=starter&admin_email={}&admin_name=Hana+Harbor", form_encode(admin_email))
}

async fn status_of(test: &TestDb, slug: &str) -> Option<TenantStatus> {
    TenantRegistry::load(&test.db).await.unwrap().by_slug(slug).map(|firm| firm.status)
}

async fn platform_actions(test: &TestDb) -> Vec<(String, String)> {
    test.platform_audit().await.into_iter().map(|row| (row.action, row.reason)).collect()
}

#[tokio::test]
async fn staff_open_a_firm_whose_administrator_is_invited_and_can_sign_in() {
    let test = fresh_database().await;
    let (app, cookie) = console(&test).await;
    let hana = unique("hana");
    let before = mail_sink().messages_to(&hana).len();

    let opened = post(&app, "/firms", &new_firm_form("harbor", &hana), Some(&cookie)).await;
    let link = mail_sink().wait_for_link(&hana, before).await;
    let page = app.get_with(ADMIN, location(&opened), &cookie).await;

    assert_eq!((opened.status, location(&opened)), (StatusCode::SEE_OTHER, "/firms/harbor?created"), "{}", opened.body);
    assert!(page.body.contains("its first administrator was emailed an invitation"), "{}", page.body);
    let firm = TenantRegistry::load(&test.db).await.unwrap().by_slug("harbor").expect("the firm exists");
    assert_eq!(firm.plan, Plan::Starter);
    assert!(link.starts_with("http://harbor.localhost"), "the link is the new firm's own: {link}");
    let token = link.split("token=").nth(1).unwrap();
    let chose = app
        .request(call_anonymous(
            "harbor.localhost",
            "/api/reset_password",
            &format!("token={token}&new_password=hana+chose+this+one"),
        ))
        .await;
    assert_eq!(chose.status, StatusCode::OK, "{}", chose.body);
    assert!(app.sign_in("harbor.localhost", &hana, "hana chose this one").await.is_ok(), "the administrator signs in");
    let actions: Vec<String> = platform_actions(&test).await.into_iter().map(|(action, _)| action).collect();
    assert!(
        actions.ends_with(&["staff.firm.created".to_owned(), "staff.firm.administrator_invited".to_owned()]),
        "{actions:?}"
    );
    let schema = test.schema_of("harbor").await;
    let firm_trail: Vec<(String, String)> =
        sqlx::query_as(&format!("select action, actor_label from {schema}.audit_events order by audit_event_id"))
            .fetch_all(&mut test.raw().await)
            .await
            .unwrap();
    assert_eq!(
        firm_trail[0],
        ("user.invited".to_owned(), format!("Staff: {STAFF_NAME}")),
        "the firm reads who invited"
    );
}

#[tokio::test]
async fn a_refused_new_firm_keeps_what_was_typed_and_creates_nothing() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let (app, cookie) = console(&test).await;
    let hana = unique("hana");

    let reserved = post(&app, "/firms", &new_firm_form("admin", &hana), Some(&cookie)).await;
    let taken = post(&app, "/firms", &new_firm_form("alpha", &hana), Some(&cookie)).await;
    let bad_email = post(&app, "/firms", &new_firm_form("harbor", "hana"), Some(&cookie)).await;

    assert_eq!(reserved.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reserved.body.contains("Short name: ") && reserved.body.contains("value=\"Harbor Law\""),
        "{}",
        reserved.body
    );
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert!(taken.body.contains("is taken by another firm"), "{}", taken.body);
    assert_eq!(bad_email.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_email.body.contains("Administrator&#39;s email") || bad_email.body.contains("Administrator's email"));
    assert_eq!(TenantRegistry::load(&test.db).await.unwrap().all().len(), 1, "nothing was created");
    assert!(mail_sink().messages_to(&hana).is_empty());
    assert!(!platform_actions(&test).await.iter().any(|(action, _)| action.starts_with("staff.firm")));
}

#[tokio::test]
async fn suspending_closes_the_firms_pages_at_once_and_resuming_reopens_them() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let (app, cookie) = console(&test).await;

    let no_reason = post(&app, "/firms/alpha/status", "status=suspended&reason=+", Some(&cookie)).await;
    let still_open = status_of(&test, "alpha").await;
    let suspended = post(&app, "/firms/alpha/status", "status=suspended&reason=Unpaid+since+May", Some(&cookie)).await;
    let closed = app.get("alpha.localhost", "/sign-in").await;
    let again = post(&app, "/firms/alpha/status", "status=suspended&reason=twice", Some(&cookie)).await;
    let console_page = app.get_with(ADMIN, "/firms/alpha?suspended", &cookie).await;
    let resumed = post(&app, "/firms/alpha/status", "status=active&reason=Paid", Some(&cookie)).await;
    let reopened = app.get("alpha.localhost", "/sign-in").await;

    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("Say why"), "{}", no_reason.body);
    assert_eq!(still_open, Some(TenantStatus::Active));
    assert_eq!((suspended.status, location(&suspended)), (StatusCode::SEE_OTHER, "/firms/alpha?suspended"));
    assert_eq!(closed.status, StatusCode::FORBIDDEN, "this server reloaded: the firm is closed on the next request");
    assert!(again.body.contains("already suspended"), "{}", again.body);
    assert!(console_page.body.contains("Resume "), "a suspended firm is offered resumption: {}", console_page.body);
    assert_eq!(location(&resumed), "/firms/alpha?resumed");
    assert_eq!(reopened.status, StatusCode::OK);
    let actions = platform_actions(&test).await;
    let lifecycle: Vec<_> = actions.iter().filter(|(action, _)| action.starts_with("staff.firm")).collect();
    assert_eq!(
        lifecycle,
        [
            &("staff.firm.suspended".to_owned(), "Unpaid since May".to_owned()),
            &("staff.firm.resumed".to_owned(), "Paid".to_owned())
        ]
    );
}

#[tokio::test]
async fn staff_invite_an_administrator_into_a_firm_only_with_a_reason_and_a_new_address() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    test.create_person("alpha", "ada@alpha.example", Role::Admin).await;
    let (app, cookie) = console(&test).await;
    let ivy = unique("ivy");
    let form = |email: &str, reason: &str| format!("email={}&name=Ivy+Admin&reason={reason}", form_encode(email));

    let no_reason = post(&app, "/firms/alpha/administrators", &form(&ivy, ""), Some(&cookie)).await;
    let existing =
        post(&app, "/firms/alpha/administrators", &form("ada@alpha.example", "Ada+left"), Some(&cookie)).await;
    let before = mail_sink().messages_to(&ivy).len();
    let invited = post(&app, "/firms/alpha/administrators", &form(&ivy, "Ticket+88"), Some(&cookie)).await;
    let link = mail_sink().wait_for_link(&ivy, before).await;

    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains(&format!("value=\"{ivy}\"")), "what was typed stays: {}", no_reason.body);
    assert_eq!(existing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(existing.body.contains("already one of the firm"), "{}", existing.body);
    assert_eq!(location(&invited), "/firms/alpha?invited");
    assert!(link.starts_with("http://alpha.localhost"), "{link}");
    let actions = platform_actions(&test).await;
    assert!(actions.contains(&("staff.firm.administrator_invited".to_owned(), "Ticket 88".to_owned())), "{actions:?}");
}

#[tokio::test]
async fn lifecycle_steps_need_a_signed_in_staff_member_and_never_answer_on_a_firms_host() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let (app, cookie) = console(&test).await;
    let hana = unique("hana");

    let signed_out = post(&app, "/firms", &new_firm_form("harbor", &hana), None).await;
    let suspend_signed_out = post(&app, "/firms/alpha/status", "status=suspended&reason=x", None).await;
    let on_firm_host = app
        .request(
            crate::helpers::form_post("alpha.localhost", "/firms/alpha/status", Some(&cookie))
                .header("accept", "text/html")
                .body(axum::body::Body::from("status=suspended&reason=x"))
                .unwrap(),
        )
        .await;

    assert_eq!(location(&signed_out), "/sign-in");
    assert_eq!(location(&suspend_signed_out), "/sign-in");
    assert_ne!(on_firm_host.status, StatusCode::SEE_OTHER, "{}", on_firm_host.body);
    assert_eq!(TenantRegistry::load(&test.db).await.unwrap().all().len(), 1, "no firm was opened");
    assert_eq!(status_of(&test, "alpha").await, Some(TenantStatus::Active), "nor suspended");
    assert!(!platform_actions(&test).await.iter().any(|(action, _)| action.starts_with("staff.firm")));
}

#[tokio::test]
async fn staff_serve_a_firm_on_a_hostname_they_vouch_for_with_a_reason() {
    let test = fresh_database().await;
    test.create_firm("alpha").await;
    let (app, cookie) = console(&test).await;

    let reserved = post(&app, "/firms/alpha/hostnames", "hostname=beta.localhost&reason=Mine", Some(&cookie)).await;
    let no_reason = post(&app, "/firms/alpha/hostnames", "hostname=time.alpha.example&reason=", Some(&cookie)).await;
    let added =
        post(&app, "/firms/alpha/hostnames", "hostname=time.alpha.example&reason=Ticket+12", Some(&cookie)).await;
    let served = app.get("time.alpha.example", "/sign-in").await;
    let page = app.get_with(ADMIN, "/firms/alpha", &cookie).await;

    assert_eq!(reserved.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reserved.body.contains("Hostname: ") && reserved.body.contains("value=\"beta.localhost\""),
        "{}",
        reserved.body
    );
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(location(&added), "/firms/alpha?hostname");
    assert_eq!(served.status, StatusCode::OK, "served at once on this server");
    assert!(page.body.contains("<li>time.alpha.example</li>"), "{}", page.body);
    let audit = test.platform_audit().await;
    let row = audit.iter().find(|row| row.action == "platform.tenant.host_added").expect("audited");
    assert_eq!((row.actor_label.as_str(), row.reason.as_str()), (STAFF_EMAIL, "Ticket 12"));
}
