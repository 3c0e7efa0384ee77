//! Notifications through the server functions and pages people use, on
//! real PostgreSQL: who is told when a week moves through the approval
//! engine, the header's unread count, opening and marking read (only one's
//! own), joining the firm telling the inviter, and the emails — at once,
//! in a daily digest, or none — through a real SMTP server.

use crate::approvals::{HOST, MONDAY, WEEK, firm, first_id};
use crate::helpers::{PASSWORD, TestApp, call, form_post, fresh_database, location, test_config};
use crate::mail_sink::mail_sink;
use axum::http::StatusCode;
use pespro::access::Role;
use serde_json::Value;

async fn notices(f: &crate::approvals::Firm, who: &str) -> Vec<Value> {
    let answer = f.post("/api/load_notices", "", who).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str::<Vec<Value>>(&answer.body).unwrap()
}

/// A plain form post, as the page's "Open" and "Mark all as read" buttons
/// make it with or without JavaScript.
async fn plain_post(app: &TestApp, path: &str, body: &str, who: &str) -> crate::helpers::Response {
    let request = form_post(HOST, path, Some(who)).header("accept", "text/html");
    app.request(request.body(axum::body::Body::from(body.to_owned())).unwrap()).await
}

fn kinds(list: &[Value]) -> Vec<&str> {
    list.iter().map(|n| n["kind"].as_str().unwrap()).collect()
}

/// The header's unread count as a signed-in page shows it (none: no badge).
pub(crate) async fn header_count(app: &TestApp, who: &str) -> Option<String> {
    let page = app.get_with(HOST, "/time", who).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-testid=\"notifications-link\""), "the header links to the list");
    let start = page.body.find("data-testid=\"unread-count\"")?;
    let badge = &page.body[start..];
    let text = &badge[badge.find('>')? + 1..badge.find('<')?];
    Some(text.trim().to_owned())
}

#[tokio::test]
async fn a_submitted_week_tells_its_approver_and_the_decision_tells_the_submitter_with_the_reason() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;

    let morgan = notices(&f, &f.morgan).await;
    assert_eq!(kinds(&morgan), ["WeekWaiting"]);
    assert_eq!(
        (morgan[0]["actor"].as_str(), morgan[0]["about"].as_str()),
        (Some("Person emery@alpha.example"), Some(WEEK))
    );
    assert!(notices(&f, &f.avery).await.is_empty(), "the step waits for Morgan only");
    assert!(notices(&f, &f.max).await.is_empty());
    assert_eq!(header_count(&f.app, &f.morgan).await.as_deref(), Some("1"));

    let id = first_id(&f.inbox(&f.morgan).await);
    f.decide(&f.morgan, id, "reject", "Split%20the%20workshop%20hours").await;
    let emery = notices(&f, &f.emery).await;
    assert_eq!(kinds(&emery), ["WeekSentBack"]);
    assert_eq!(emery[0]["comment"], "Split the workshop hours");
    assert_eq!(emery[0]["link"], format!("/time?week={WEEK}"));
}

#[tokio::test]
async fn opening_a_notice_marks_it_read_and_goes_where_it_points_but_only_ones_own() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    let id = notices(&f, &f.morgan).await[0]["notification_id"].as_i64().unwrap();

    let by_other = f.post("/api/open_notice", &format!("notification_id={id}"), &f.max).await;
    assert_eq!(by_other.status, StatusCode::NOT_FOUND, "another person's notice does not exist for them");
    let opened = plain_post(&f.app, "/api/open_notice", &format!("notification_id={id}"), &f.morgan).await;
    assert!(opened.status.is_redirection(), "{:?} {}", opened.status, opened.body);
    assert!(location(&opened).starts_with("/approvals/weeks/"), "{}", location(&opened));
    assert_eq!(notices(&f, &f.morgan).await[0]["read"], true);
    assert_eq!(header_count(&f.app, &f.morgan).await, None, "nothing unread any more");
}

#[tokio::test]
async fn marking_all_read_says_how_many_and_clears_the_count() {
    let f = firm().await;
    f.policy(&["manager"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;

    let marked = plain_post(&f.app, "/api/mark_notices_read", "", &f.morgan).await;
    assert!(marked.status.is_redirection(), "{:?} {}", marked.status, marked.body);
    assert_eq!(location(&marked), "/notifications?marked=1");
    let page = f.app.get_with(HOST, "/notifications?marked=1", &f.morgan).await;
    assert!(page.body.contains("Marked 1 notification as read."), "{}", page.body);
    assert_eq!(header_count(&f.app, &f.morgan).await, None);
}

#[tokio::test]
async fn a_two_step_policy_tells_the_second_approver_only_when_their_step_comes() {
    let f = firm().await;
    f.policy(&["manager", "approvals,,1,admin"]).await;
    f.log(&f.emery, MONDAY, "8h").await;
    f.submit(&f.emery).await;
    assert!(notices(&f, &f.avery).await.is_empty(), "the first step is Morgan's");

    f.decide(&f.morgan, first_id(&f.inbox(&f.morgan).await), "approve", "").await;
    assert_eq!(kinds(&notices(&f, &f.avery).await), ["WeekWaiting"]);
    assert_eq!(kinds(&notices(&f, &f.morgan).await), ["WeekWaiting"], "Morgan is not told twice");
    assert!(notices(&f, &f.emery).await.is_empty(), "not finished yet");

    f.decide(&f.avery, first_id(&f.inbox(&f.avery).await), "approve", "").await;
    assert_eq!(kinds(&notices(&f, &f.emery).await), ["WeekApproved"]);
}

#[tokio::test]
async fn joining_the_firm_tells_whoever_invited_them() {
    let f = firm().await;
    let body = "email=ivy%40alpha.example&display_name=Ivy%20Newton&role=employee";
    let invited = f.post("/api/invite_person", body, &f.avery).await;
    assert_eq!(invited.status, StatusCode::OK, "{}", invited.body);
    assert!(notices(&f, &f.avery).await.is_empty(), "not joined yet");

    // Any way in sets joined_at: a password through the link, or a first
    // single sign-on. Here, as a script would.
    let schema = f.test.schema_of("alpha").await;
    sqlx::query(&format!("update {schema}.users set joined_at = now() where email = 'ivy@alpha.example'"))
        .execute(&mut f.test.raw().await)
        .await
        .unwrap();
    let avery = notices(&f, &f.avery).await;
    assert_eq!(kinds(&avery), ["InvitationAccepted"]);
    assert_eq!(avery[0]["about"], "Ivy Newton");
}

/// Emails, by each person's choice. Its own addresses: the SMTP sink is
/// shared by every test of the run.
#[tokio::test]
async fn emails_go_at_once_in_a_daily_digest_or_not_at_all_as_each_person_chose() {
    let test = fresh_database().await;
    let firm = test.create_firm("alpha").await;
    let (ana, ben, cy, dee) =
        ("ana@notices.example", "ben@notices.example", "cy@notices.example", "dee@notices.example");
    test.create_person("alpha", ana, Role::Manager).await;
    test.create_person("alpha", ben, Role::Manager).await;
    test.create_person("alpha", cy, Role::Manager).await;
    test.create_person("alpha", dee, Role::Employee).await;
    let smtp = format!("smtp://127.0.0.1:{}", mail_sink().port);
    let mut config = test_config(false);
    config.mailer =
        pespro::mail::Mailer::new(Some(&smtp), std::env::temp_dir(), "PesPro <no-reply@localhost>").unwrap();
    let (mailer, hosts) = (config.mailer.clone(), config.hosts.clone());
    let app = TestApp::start_with(&test, config).await;
    let post = async |path: &str, body: &str, who: &str| app.request(call(HOST, path, body, who)).await;
    let session = async |email: &str| app.sign_in(HOST, email, PASSWORD).await.unwrap();
    let (ana_s, ben_s, cy_s, dee_s) = (session(ana).await, session(ben).await, session(cy).await, session(dee).await);
    post("/api/set_email_choice", "choice=daily", &ben_s).await;
    post("/api/set_email_choice", "choice=none", &cy_s).await;
    let saved = post("/api/set_email_choice", "choice=weekly", &dee_s).await;
    assert_eq!(saved.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", saved.body);
    post("/api/set_email_choice", "choice=daily", &dee_s).await;

    let schema = test.schema_of("alpha").await;
    let engagement: i64 = sqlx::query_scalar(&format!(
        "with c as (insert into {schema}.clients (name) values ('Acme Ltd') returning client_id)
         insert into {schema}.engagements (client_id, code, name) select client_id, 'E1', 'Audit' from c
         returning engagement_id"
    ))
    .fetch_one(&mut test.raw().await)
    .await
    .unwrap();
    let log = format!("engagement_id={engagement}&work_date={MONDAY}&duration=8h&notes=Work&billable=true");
    post("/api/log_time", &log, &dee_s).await;
    // One approval from any manager: all three are told.
    let policy = "form%5Bkind%5D=timesheet&form%5Bintent%5D=save&form%5Bexample_hours%5D=12\
        &form%5Brules%5D%5B0%5D%5Bkind%5D=approvals&form%5Brules%5D%5B0%5D%5Bcount%5D=1\
        &form%5Brules%5D%5B0%5D%5Brole%5D=manager";
    test.create_person("alpha", "root@notices.example", Role::Admin).await;
    let root = session("root@notices.example").await;
    assert_eq!(post("/api/save_workflow", policy, &root).await.status, StatusCode::OK);
    post("/api/submit_week", &format!("week={WEEK}"), &dee_s).await;

    // Ana chose "at once" (the default): her email comes by itself.
    let link = mail_sink().wait_for_link(ana, 0).await;
    assert!(link.starts_with("http://alpha.localhost:3000/approvals/weeks/"), "{link}");
    let ana_mail = &mail_sink().messages_to(ana)[0];
    assert!(ana_mail.contains("Subject: Waiting for your approval"), "{ana_mail}");

    // Ana sends it back; Dee chose the digest, so nothing comes yet.
    let inbox: Value = serde_json::from_str(&post("/api/load_inbox", "", &ana_s).await.body).unwrap();
    post(
        "/api/decide_timesheet",
        &format!("timesheet_id={}&decision=reject&comment=Notes%20please", first_id(&inbox)),
        &ana_s,
    )
    .await;
    let worker = pespro::notices_mail::NoticeMail {
        db: test.db.clone(),
        registry: pespro::tenancy::TenantRegistry::load(&test.db).await.unwrap(),
        mailer,
        hosts,
        https: false,
        public_port: Some(3000),
    };
    let now = time::OffsetDateTime::now_utc();
    let today = worker.deliver(&firm, now).await.unwrap();
    assert_eq!(today.emails, 0, "digests wait for their hour; {today:?}");
    assert!(mail_sink().messages_to(dee).is_empty() && mail_sink().messages_to(ben).is_empty());

    // The next morning: one digest each for Ben and Dee; Cy, who chose
    // none, never gets one, and nothing is sent twice. (The server's own
    // worker may hold some rows for a moment: they are skipped, not
    // waited for, so this pass is tried until both went.)
    let mut sent = 0;
    for _ in 0..100 {
        sent += worker.deliver(&firm, now + time::Duration::days(1)).await.unwrap().emails;
        if sent >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(sent, 2);
    // Quoted-printable undone: soft line breaks, then the escaped "=".
    let dee_mail = &mail_sink().messages_to(dee)[0].replace("=\r\n", "").replace("=\n", "").replace("=3D", "=");
    assert!(dee_mail.contains("Subject: Your day at"), "{dee_mail}");
    assert!(dee_mail.contains("Notes please") && dee_mail.contains("/time?week=2026-W48"), "{dee_mail}");
    assert_eq!(mail_sink().messages_to(ben).len(), 1);
    assert!(mail_sink().messages_to(cy).is_empty());
    let again = worker.deliver(&firm, now + time::Duration::days(2)).await.unwrap();
    assert_eq!(again, pespro::notices_mail::Delivered::default());
    assert_eq!(mail_sink().messages_to(ana).len(), 1, "Ana's one email, once");
}

#[tokio::test]
async fn a_person_changes_their_own_name_and_the_audit_log_says_what_it_was() {
    let f = firm().await;
    let blank = f.post("/api/change_my_name", "display_name=%20%20", &f.emery).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", blank.body);
    assert!(blank.body.contains("\"field\":\"display_name\""), "{}", blank.body);
    let renamed = plain_post(&f.app, "/api/change_my_name", "display_name=Emery%20%20Stone", &f.emery).await;
    assert_eq!(location(&renamed), "/account?renamed=1");
    let page = f.app.get_with(HOST, "/account?renamed=1", &f.emery).await;
    assert!(page.body.contains("Emery Stone") && page.body.contains("Your name was changed."), "{}", page.body);
    let schema = f.test.schema_of("alpha").await;
    let (subject, detail): (String, String) =
        sqlx::query_as(&format!("select subject, detail from {schema}.audit_events where action = 'user.renamed'"))
            .fetch_one(&mut f.test.raw().await)
            .await
            .unwrap();
    assert_eq!((subject.as_str(), detail.as_str()), ("Emery Stone", "was Person emery@alpha.example"));
}
