//! The import plan against a small firm: matching people, finding or
//! planning clients and engagements, duplicates, the source's approvals.

use super::{HARVEST, TOGGL};
use crate::import::*;
use std::collections::HashSet;

fn firm() -> Directory {
    Directory {
        people: vec![
            (1, "admin@ledgerline.example".into(), "Avery Admin".into()),
            (2, "manager@ledgerline.example".into(), "Morgan Manager".into()),
            (3, "employee@ledgerline.example".into(), "Emery  Employee".into()),
        ],
        clients: vec![(10, "Acme Holdings".into()), (11, "Brightwater Bakery".into())],
        engagements: vec![
            (20, 10, "ACM-AUDIT".into(), "Year-end audit 2026".into()),
            (21, 11, "BWB-BOOKS".into(), "Monthly bookkeeping".into()),
        ],
        imported_keys: HashSet::new(),
        locked_weeks: HashSet::new(),
        first_day: crate::first_day::FirstDay::Monday,
    }
}

#[test]
fn people_are_matched_by_full_name_whatever_the_case_and_spacing() {
    let plan = plan(&parse(HARVEST).unwrap(), &firm());
    let matched: Vec<(&str, Option<&str>)> =
        plan.people.iter().map(|p| (p.in_file.as_str(), p.matched.as_deref())).collect();
    assert!(matched.contains(&("Emery Employee", Some("Emery  Employee"))));
    assert!(matched.contains(&("Jordan Contractor", None)));
}

#[test]
fn an_unknown_person_is_a_row_error_that_says_to_invite_them() {
    let plan = plan(&parse(HARVEST).unwrap(), &firm());
    let error = plan.errors.iter().find(|e| e.line == 39).unwrap();
    assert!(error.message.contains("“Jordan Contractor”") && error.message.contains("Invite"), "{error:?}");
    assert_eq!(plan.errors.len(), 3);
    assert_eq!(plan.entries.len(), 36);
}

#[test]
fn toggl_people_are_matched_by_email() {
    let plan = plan(&parse(TOGGL).unwrap(), &firm());
    assert_eq!(plan.entries.iter().filter(|e| e.user_id == 3).count(), 11);
    assert_eq!(plan.errors.len(), 1);
}

#[test]
fn missing_clients_and_engagements_are_planned_once_and_existing_ones_found_by_code() {
    let plan = plan(&parse(HARVEST).unwrap(), &firm());
    let clients: Vec<&str> = plan.new_clients.iter().map(|c| c.as_str()).collect();
    assert_eq!(clients, ["Ledgerline (internal)", "Daybreak Pharmacy"]);
    let preview = plan.preview();
    assert!(preview.new_engagements.contains(&"Daybreak Pharmacy — DBP-VAT Quarterly VAT returns".to_owned()));
    assert!(preview.new_engagements.contains(&"Ledgerline (internal) — LED-TRAINI Training".to_owned()));
    assert!(preview.new_engagements.contains(&"Acme Holdings — ACM-TAX Corporate tax return".to_owned()));
    assert_eq!(preview.new_engagements.len(), 3);
    let audit = plan.entries.iter().filter(|e| e.engagement == Target::Existing(20)).count();
    assert!(audit > 0);
}

#[test]
fn rows_imported_before_are_counted_as_duplicates_and_not_planned() {
    let file = parse(HARVEST).unwrap();
    let mut firm = firm();
    firm.imported_keys = file.rows.iter().take(10).map(|r| r.key.clone()).collect();
    let plan = plan(&file, &firm);
    assert_eq!((plan.duplicates, plan.entries.len()), (10, 26));
}

#[test]
fn the_preview_lists_the_first_errors_and_counts_them_all() {
    let mut text = String::from("Date,Client,Project,Hours,First Name,Last Name\n");
    for _ in 0..SHOWN_ERRORS + 5 {
        text.push_str("2026-11-02,Acme Holdings,Audit,1,Nobody,Known\n");
    }
    let preview = plan(&parse(&text).unwrap(), &firm()).preview();
    assert_eq!((preview.error_count, preview.errors.len()), (SHOWN_ERRORS + 5, SHOWN_ERRORS));
}

#[test]
fn a_generated_code_that_is_taken_gets_a_number() {
    let mut firm = firm();
    firm.engagements.push((22, 10, "ACM-TRAINI".into(), "Old training".into()));
    let text = "Date,Client,Project,Hours,First Name,Last Name\n2026-11-02,Acme Holdings,Training,1,Avery,Admin\n";
    let plan = plan(&parse(text).unwrap(), &firm);
    assert_eq!(plan.new_engagements[0].code, "ACM-TRAINI-2");
}

const APPROVALS: &str = "Date,Client,Project,Hours,Approved,First Name,Last Name
2026-11-02,Acme Holdings,Audit,1,Yes,Avery,Admin
2026-11-03,Acme Holdings,Audit,2,No,Avery,Admin
2026-11-04,Acme Holdings,Audit,3,No,Morgan,Manager
";

#[test]
fn rows_the_source_had_not_approved_are_planned_as_drafts_and_counted_in_the_preview() {
    let plan = plan(&parse(APPROVALS).unwrap(), &firm());
    let approved: Vec<(u32, bool)> = plan.entries.iter().map(|e| (e.minutes, e.approved)).collect();
    assert_eq!(approved, [(60, true), (120, false), (180, false)]);
    assert_eq!(plan.preview().drafts, 2);
}

#[test]
fn an_export_that_cannot_say_is_imported_approved_as_before() {
    let plan = plan(&parse(TOGGL).unwrap(), &firm());
    assert!(plan.entries.iter().all(|e| e.approved));
    assert_eq!(plan.preview().drafts, 0);
}

#[test]
fn an_unapproved_row_cannot_land_in_a_week_already_submitted_but_an_approved_one_can() {
    let mut firm = firm();
    let monday = time::Date::from_calendar_date(2026, time::Month::November, 2).unwrap();
    let week = crate::week::Week::starting(monday);
    firm.locked_weeks = HashSet::from([(1, week), (2, week)]);
    let plan = plan(&parse(APPROVALS).unwrap(), &firm);
    assert_eq!(plan.entries.len(), 1, "Avery's approved row");
    assert_eq!(plan.errors.len(), 2);
    assert!(
        plan.errors[1].message.contains("Morgan Manager's week of 2026-11-02 is already submitted"),
        "{:?}",
        plan.errors
    );
}

#[test]
fn an_approved_column_that_is_neither_yes_nor_no_is_a_row_error() {
    let text =
        "Date,Client,Project,Hours,Approved,First Name,Last Name\n2026-11-02,Acme Holdings,Audit,1,Maybe,Avery,Admin\n";
    let file = parse(text).unwrap();
    assert!(file.errors[0].message.contains("Approved"), "{:?}", file.errors);
}
