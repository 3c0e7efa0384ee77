//! The platform's audit trail on the console: narrowed by firm, staff
//! member, action and day, paged by "older than" so every entry is seen
//! once; a filter that makes no sense is refused by field.

use crate::helpers::{TestApp, TestDb, fresh_database};
use crate::staff::{ADMIN, STAFF_EMAIL, STAFF_NAME, enrolled_staff_session};
use axum::http::StatusCode;
use pespro::staff::{PlatformEntry, StaffAction, record_platform};

async fn trail_of_sixty() -> TestDb {
    let test = fresh_database().await;
    let alpha = test.create_firm("alpha").await;
    test.create_firm("beta").await;
    test.create_staff(STAFF_EMAIL, STAFF_NAME).await;
    for n in 0..60 {
        let reason = format!("Ticket {n}");
        let action = if n % 2 == 0 { StaffAction::FirmSuspended } else { StaffAction::FirmResumed };
        let entry = PlatformEntry {
            actor_label: "olga@pespro.example",
            tenant_id: Some(alpha.id),
            reason: &reason,
            ..PlatformEntry::default()
        };
        record_platform(&test.db, action, &entry).await.unwrap();
    }
    test
}

/// The page's reasons (`Ticket n`), in the order shown.
fn tickets(body: &str) -> Vec<u32> {
    body.match_indices("Ticket ").map(|(i, _)| body[i + 7..].split('<').next().unwrap().parse().unwrap()).collect()
}

fn older_link(body: &str) -> Option<String> {
    let end = body.find("\">Older entries")?;
    let start = body[..end].rfind("href=\"")? + 6;
    Some(body[start..end].replace("&amp;", "&"))
}

#[tokio::test]
async fn the_trail_is_read_newest_first_a_page_at_a_time_without_missing_an_entry() {
    let test = trail_of_sixty().await;
    let app = TestApp::start(&test).await;
    let (cookie, _) = enrolled_staff_session(&app).await;

    let first = app.get_with(ADMIN, "/trail?firm=alpha&staff=OLGA%40pespro.example", &cookie).await;
    let link = older_link(&first.body).expect("an older page");
    let second = app.get_with(ADMIN, &link, &cookie).await;

    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(tickets(&first.body), (10..60).rev().collect::<Vec<_>>());
    assert!(link.contains("firm=alpha") && link.contains("staff=OLGA@pespro.example"), "the filter is kept: {link}");
    assert_eq!(tickets(&second.body), (0..10).rev().collect::<Vec<_>>());
    assert_eq!(older_link(&second.body), None, "nothing older");
}

#[tokio::test]
async fn the_trail_is_narrowed_by_action_firm_and_day() {
    let test = trail_of_sixty().await;
    let app = TestApp::start(&test).await;
    let (cookie, _) = enrolled_staff_session(&app).await;

    let suspended = app.get_with(ADMIN, "/trail?action=staff.firm.suspended&firm=alpha", &cookie).await;
    let other_firm = app.get_with(ADMIN, "/trail?firm=beta", &cookie).await;
    let tomorrow = (time::OffsetDateTime::now_utc().date() + time::Duration::days(1)).to_string();
    let future = app.get_with(ADMIN, &format!("/trail?from={tomorrow}"), &cookie).await;
    let bad = app.get_with(ADMIN, "/trail?from=yesterday", &cookie).await;

    assert_eq!(tickets(&suspended.body), (0..60).rev().filter(|n| n % 2 == 0).collect::<Vec<_>>());
    assert!(other_firm.body.contains("No entry matches."), "{}", other_firm.body);
    assert!(future.body.contains("No entry matches."), "{}", future.body);
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("From: enter a date"), "{}", bad.body);
    assert!(tickets(&bad.body).is_empty(), "a refused filter lists nothing");
}
