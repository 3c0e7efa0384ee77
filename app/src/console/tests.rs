//! What the console's pages must never do, whatever a firm or a person
//! named themselves: let typed text become markup.

use super::*;
use pespro::access::{PersonSummary, Role};
use pespro::flags::{FirmFlags, FlagValue, Plan, StaffOverride};
use pespro::staff::{StaffMember, StaffRole};
use pespro::staff::{TypedAdmin, TypedFirm};
use pespro::tenant::TenantStatus;
use std::collections::HashMap;

const HOSTILE: &str = "\"><script>alert(1)</script>";

fn staff(name: &str, role: StaffRole) -> StaffMember {
    StaffMember {
        staff_id: 1,
        email: "sam@pespro.example".to_owned(),
        display_name: name.to_owned(),
        totp_enrolled: true,
        role,
    }
}

fn sam() -> StaffMember {
    staff("Sam Support", StaffRole::Owner)
}

fn firm_page(name: &str, person: &str, reason: &str) -> FirmPage {
    let overrides = HashMap::from([("expenses".to_owned(), FlagValue::Off)]);
    FirmPage {
        name: name.to_owned(),
        slug: "alpha".to_owned(),
        status: TenantStatus::Active,
        flags: FlagsSection {
            plan: Plan::Team,
            flags: FirmFlags::resolve("1", Plan::Team, &overrides, &HashMap::new()),
            overrides: vec![StaffOverride {
                flag_key: "expenses".to_owned(),
                value: FlagValue::Off,
                reason: reason.to_owned(),
                set_by: "sam@pespro.example".to_owned(),
                set_at: "2026-12-07T10:00:00Z".to_owned(),
            }],
        },
        people: vec![PersonSummary {
            user_id: 7,
            email: "emery@alpha.example".to_owned(),
            display_name: person.to_owned(),
            role: Role::Employee,
            active: true,
            invitation: None,
        }],
        impersonation_minutes: 30,
        error: Some(HOSTILE.to_owned()),
        notice: None,
        own_host: "alpha.pespro.example".to_owned(),
        hostnames: vec!["time.alpha.example".to_owned()],
        primary_host: None,
        typed: TypedAdmin::default().into(),
    }
}

#[test]
fn names_reasons_and_messages_on_a_firm_page_stay_text() {
    let html = firm_html(&staff(HOSTILE, StaffRole::Owner), firm_page(HOSTILE, HOSTILE, HOSTILE));
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{html}");
}

#[test]
fn a_firm_page_offers_to_act_as_each_active_person_with_a_reason() {
    let html = firm_html(&sam(), firm_page("Firm alpha", "Emery Employee", "Ticket 4711"));
    assert!(html.contains("action=\"/firms/alpha/impersonate\""), "{html}");
    assert!(html.contains("Reason for acting as Emery Employee"), "{html}");
    assert!(html.contains("Ticket 4711"), "the override's reason is shown: {html}");
    assert!(html.contains("<option value=\"team\" selected"), "the current plan is chosen: {html}");
}

#[test]
fn the_typed_email_is_kept_in_its_field_as_text() {
    let html = sign_in_html(HOSTILE, Some("That email and password don't match a staff account."));
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("role=\"alert\""), "{html}");
}

#[test]
fn enrolment_draws_the_servers_qr_code_and_shows_the_key() {
    let step = TotpStep::Enrol { qr_svg: "<svg data-qr></svg>".to_owned(), key: "JBSWY3DP".to_owned() };
    let html = totp_html(step, None);
    assert!(html.contains("<svg data-qr></svg>"), "{html}");
    assert!(html.contains(">JBSWY3DP</code>"), "{html}");
    assert!(!totp_html(TotpStep::Code, None).contains("totp-secret"), "a known key is never shown again");
}

#[test]
fn signed_out_pages_have_no_navigation() {
    assert!(!message_html("Nothing here", None, None).contains("/sign-out"));
    assert!(message_html("No such firm", Some(&sam()), None).contains("action=\"/sign-out\""));
}

#[test]
fn a_refused_new_firm_keeps_what_was_typed() {
    let typed = TypedFirm { slug: "harbor".to_owned(), admin_email: HOSTILE.to_owned(), ..TypedFirm::default() };
    let html = firms_html(&sam(), &[], typed, Some("Short name: taken."));
    assert!(html.contains("value=\"harbor\""), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("Short name: taken."), "{html}");
}

#[test]
fn an_open_firm_is_offered_suspension_and_a_suspended_one_resumption() {
    let open = firm_html(&sam(), firm_page("Firm alpha", "Emery", "Ticket"));
    assert!(open.contains("name=\"status\" value=\"suspended\""), "{open}");
    assert!(open.contains("Suspend Firm alpha"), "{open}");
    let suspended =
        firm_html(&sam(), FirmPage { status: TenantStatus::Suspended, ..firm_page("Firm alpha", "Emery", "Ticket") });
    assert!(suspended.contains("name=\"status\" value=\"active\""), "{suspended}");
    assert!(suspended.contains("Resume Firm alpha"), "{suspended}");
}

#[test]
fn people_found_and_trail_entries_stay_text() {
    let person = pespro::staff::search::FoundPerson {
        slug: "alpha".to_owned(),
        firm_name: HOSTILE.to_owned(),
        user_id: 1,
        email: HOSTILE.to_owned(),
        display_name: HOSTILE.to_owned(),
        role: Role::Admin,
        active: false,
    };
    let results =
        SearchResults { typed: HOSTILE.to_owned(), firms: Vec::new(), people: vec![person], more_people: true };
    let found = search_html(&sam(), Some(results));
    assert!(!found.contains("<script>"), "{found}");
    assert!(found.contains("Administrator (deactivated)") && found.contains("Only the first 50"), "{found}");

    let entry = pespro::staff::trail::TrailEntry {
        id: 9,
        at: "2026-12-07 21:00 UTC".to_owned(),
        actor: HOSTILE.to_owned(),
        action: "staff.firm.suspended".to_owned(),
        firm: Some("alpha".to_owned()),
        reason: HOSTILE.to_owned(),
        detail: HOSTILE.to_owned(),
        client_address: None,
    };
    let typed =
        pespro::staff::trail::TypedTrailFilter { action: "staff.firm.suspended".to_owned(), ..Default::default() };
    let page = TrailPage { typed, error: None, entries: vec![entry], older: Some("/trail?before=9".to_owned()) };
    let trail = trail_html(&sam(), page);
    assert!(!trail.contains("<script>"), "{trail}");
    assert!(
        trail.contains("<option value=\"staff.firm.suspended\" selected"),
        "the chosen action stays chosen: {trail}"
    );
    assert!(trail.contains("href=\"/trail?before=9\""), "{trail}");
}

#[test]
fn a_chart_draws_a_bar_per_point_and_repeats_the_numbers_in_a_table() {
    use crate::components::chart::{Bar, BarChart};
    let bars = vec![
        Bar { label: "2 min ago".to_owned(), value: 4.0, alarm: 0.0 },
        Bar { label: "1 min ago".to_owned(), value: 10.0, alarm: 2.0 },
    ];
    let html =
        view! { <BarChart caption="Requests".to_owned() unit="requests" bars alarm_name=Some("errors") /> }.to_html();
    assert_eq!(html.matches("<g>").count(), 2, "{html}");
    assert!(html.contains("aria-label=\"Requests: highest 10 requests\""), "{html}");
    assert!(html.contains("<title>1 min ago: 10 requests, 2 errors</title>"), "{html}");
    assert!(html.contains("<td>1 min ago</td><td>10</td><td>2</td>"), "{html}");
}

#[test]
fn support_sees_a_firm_without_the_forms_that_change_it() {
    let support = staff("Sue", StaffRole::Support);
    let html = firm_html(&support, firm_page("Firm alpha", "Emery Employee", "Ticket"));
    assert!(!html.contains("action=\"/firms/alpha/status\""), "{html}");
    assert!(!html.contains("action=\"/firms/alpha/plan\"") && !html.contains("action=\"/firms/alpha/flags\""));
    assert!(!html.contains("action=\"/firms/alpha/administrators\""));
    assert!(html.contains("action=\"/firms/alpha/impersonate\""), "support still acts as people");
    assert!(!firms_html(&support, &[], TypedFirm::default(), None).contains("Open the firm"));
    assert!(!html.contains("href=\"/staff\""), "only owners see the staff link");
    assert!(firm_html(&sam(), firm_page("Firm alpha", "Emery", "Ticket")).contains("href=\"/staff\""));
}

#[test]
fn stored_bytes_read_as_kilobytes_or_megabytes() {
    use super::dashboard::size;
    assert_eq!(size(0), "0 KB");
    assert_eq!(size(16_384), "16 KB");
    assert_eq!(size(13_107_200), "12.5 MB");
}
