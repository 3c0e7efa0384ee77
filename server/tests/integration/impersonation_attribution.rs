//! What a staff member does while acting as someone is the staff member's
//! on record: every change is in the firm's trail as "Staff … as …" with
//! the grant's reason, signing out ends the impersonation in both trails,
//! and the firm's money and approval rules stay out of reach unless the
//! grant says otherwise.

use crate::helpers::{PASSWORD, TestApp, call, form_encode, set_cookie};
use crate::impersonation::{redeem, setup, token_of};
use crate::staff::post;
use axum::http::StatusCode;
use pespro::audit::{AuditAction, AuditEvent, AuditPage};

const REASON: &str = "Ticket 4711: client list";

/// The firm's trail, read by its own administrator.
async fn firm_trail(app: &TestApp) -> Vec<AuditEvent> {
    let admin = app.sign_in("alpha.localhost", "ada@alpha.example", PASSWORD).await.unwrap();
    let response = app.request(call("alpha.localhost", "/api/audit_log", "", &admin)).await;
    serde_json::from_str::<AuditPage>(&response.body).expect(&response.body).events
}

/// A firm session acting as `user_id`, from a grant asked for with `extra`
/// form fields (e.g. `&money_rules=on`).
async fn acting_as(app: &TestApp, staff: &str, user_id: i64, extra: &str) -> String {
    let body = format!("user_id={user_id}&reason={}{extra}", form_encode(REASON));
    let granted = post(app, "/firms/alpha/impersonate", &body, Some(staff)).await;
    let redeemed = redeem(app, "alpha.localhost", &token_of(&granted), None).await;
    set_cookie(&redeemed).expect("a firm session")
}

#[tokio::test]
async fn every_change_made_for_support_names_the_staff_member_and_the_reason() {
    let (_test, app, firm, staff) = setup().await;
    let cookie = acting_as(&app, &staff, firm.admin, "").await;

    let created = app.request(call("alpha.localhost", "/api/create_client", "name=Globex", &cookie)).await;

    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let trail = firm_trail(&app).await;
    let acted = trail.iter().find(|e| e.action == AuditAction::ActedForSupport).expect("the change is on record");
    assert_eq!(acted.actor, "Staff Sam Support as ada@alpha.example");
    assert_eq!(acted.subject, "/api/create_client");
    assert_eq!(acted.detail, REASON);
}

#[tokio::test]
async fn signing_out_while_impersonating_ends_it_in_both_trails() {
    let (test, app, firm, staff) = setup().await;
    let cookie = acting_as(&app, &staff, firm.employee, "").await;

    let out = app.request(call("alpha.localhost", "/api/sign_out", "", &cookie)).await;

    assert!(out.status.is_success() || out.status.is_redirection(), "{out:?}");
    let platform: Vec<String> = test.platform_audit().await.into_iter().map(|row| row.action).collect();
    assert!(platform.contains(&"staff.impersonation.ended".to_owned()), "{platform:?}");
    let trail = firm_trail(&app).await;
    assert!(
        trail.iter().any(|e| e.action == AuditAction::ImpersonationEnded && e.detail == "ended by the staff member")
    );
    let signed_out = trail.iter().find(|e| e.action == AuditAction::SignedOut).expect("sign-out recorded");
    assert_eq!(signed_out.actor, "Staff Sam Support as emil@alpha.example");
}

#[tokio::test]
async fn money_and_approval_rules_are_out_of_reach_unless_the_grant_allows_them() {
    let (test, app, firm, staff) = setup().await;
    let plain = acting_as(&app, &staff, firm.admin, "").await;
    let widened = acting_as(&app, &staff, firm.admin, "&money_rules=on").await;
    // Reopening a week that does not exist: the permission is checked
    // first, so "Forbidden" and "NotFound" tell the two grants apart.
    let unlock = "timesheet_id=999999&reason=Reopened%20for%20the%20client";

    let refused = app.request(call("alpha.localhost", "/api/unlock_timesheet", unlock, &plain)).await;
    let allowed = app.request(call("alpha.localhost", "/api/unlock_timesheet", unlock, &widened)).await;

    assert_eq!((refused.status, refused.body.as_str()), (StatusCode::FORBIDDEN, "\"Forbidden\""));
    assert_eq!((allowed.status, allowed.body.as_str()), (StatusCode::NOT_FOUND, "\"NotFound\""));
    let granted: Vec<String> = test
        .platform_audit()
        .await
        .into_iter()
        .filter(|row| row.action == "staff.impersonation.granted")
        .map(|row| row.reason)
        .collect();
    assert_eq!(granted, [REASON, REASON], "both grants carry the reason");
}
