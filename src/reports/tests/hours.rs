use super::day;
use crate::first_day::FirstDay;
use crate::reports::hours::{Dimension, GroupKey, Hours, HoursEntry, hours_table};

fn entry(date: time::Date, person: &str, team: Option<&str>, client: &str, billable: bool, minutes: u64) -> HoursEntry {
    HoursEntry {
        date,
        person: person.into(),
        team: team.map(Into::into),
        role: if person == "Mia" { "Manager".into() } else { "Employee".into() },
        client: client.into(),
        engagement: format!("{client} audit"),
        billable,
        minutes,
    }
}

/// Ada: 2 h billable for Acme on Monday 7 Dec and 1 h internal on Friday
/// 11 Dec; Mia (no team): 30 min billable for Bolt on Monday 30 Nov.
fn week_of_work() -> Vec<HoursEntry> {
    vec![
        entry(day(2026, 12, 7), "Ada", Some("Audit"), "Acme", true, 120),
        entry(day(2026, 12, 11), "Ada", Some("Audit"), "Internal", false, 60),
        entry(day(2026, 11, 30), "Mia", None, "Bolt", true, 30),
    ]
}

fn name(text: &str) -> GroupKey {
    GroupKey::Name(text.into())
}

#[test]
fn by_person_ada_has_three_hours_two_billable_and_mia_half_an_hour_all_billable() {
    let table = hours_table(&week_of_work(), Dimension::Person, None, FirstDay::Monday);
    let groups: Vec<_> = table.groups.iter().map(|g| (g.key.clone(), g.hours)).collect();
    assert_eq!(
        groups,
        [(name("Ada"), Hours { minutes: 180, billable: 120 }), (name("Mia"), Hours { minutes: 30, billable: 30 })]
    );
    assert_eq!(table.total, Hours { minutes: 210, billable: 150 });
    assert_eq!(table.groups[0].hours.billable_percent(), Some(67));
    assert!(table.groups.iter().all(|g| g.within.is_empty()));
}

#[test]
fn by_week_then_client_puts_monday_and_friday_in_one_monday_week_and_the_week_before_first() {
    let table = hours_table(&week_of_work(), Dimension::Week, Some(Dimension::Client), FirstDay::Monday);
    assert_eq!(table.groups.len(), 2);
    assert_eq!(table.groups[0].key, GroupKey::Date(day(2026, 11, 30)));
    assert_eq!(table.groups[1].key, GroupKey::Date(day(2026, 12, 7)));
    assert_eq!(
        table.groups[1].within,
        [(name("Acme"), Hours { minutes: 120, billable: 120 }), (name("Internal"), Hours { minutes: 60, billable: 0 })]
    );
}

#[test]
fn with_sunday_weeks_friday_the_eleventh_is_in_the_week_of_sunday_the_sixth() {
    let table = hours_table(&week_of_work(), Dimension::Week, None, FirstDay::Sunday);
    let starts: Vec<_> = table.groups.iter().map(|g| g.key.clone()).collect();
    assert_eq!(starts, [GroupKey::Date(day(2026, 11, 29)), GroupKey::Date(day(2026, 12, 6))]);
}

#[test]
fn by_month_november_holds_half_an_hour_and_december_three_hours() {
    let table = hours_table(&week_of_work(), Dimension::Month, None, FirstDay::Monday);
    let months: Vec<_> = table.groups.iter().map(|g| (g.key.clone(), g.hours.minutes)).collect();
    assert_eq!(months, [(GroupKey::Date(day(2026, 11, 1)), 30), (GroupKey::Date(day(2026, 12, 1)), 180)]);
}

#[test]
fn by_team_someone_in_no_team_is_grouped_under_no_team() {
    let table = hours_table(&week_of_work(), Dimension::Team, None, FirstDay::Monday);
    let teams: Vec<_> = table.groups.iter().map(|g| g.key.clone()).collect();
    assert_eq!(teams, [name("Audit"), name("No team")]);
}

#[test]
fn by_billable_then_role_billable_comes_first_and_splits_into_employee_and_manager() {
    let table = hours_table(&week_of_work(), Dimension::Billable, Some(Dimension::Role), FirstDay::Monday);
    assert_eq!(table.groups[0].key, name("Billable"));
    assert_eq!(
        table.groups[0].within,
        [
            (name("Employee"), Hours { minutes: 120, billable: 120 }),
            (name("Manager"), Hours { minutes: 30, billable: 30 })
        ]
    );
    assert_eq!(table.groups[1].key, name("Not billable"));
}

#[test]
fn grouping_twice_by_the_same_thing_has_no_inner_groups() {
    let table = hours_table(&week_of_work(), Dimension::Client, Some(Dimension::Client), FirstDay::Monday);
    assert_eq!(table.then, None);
    assert!(table.groups.iter().all(|g| g.within.is_empty()));
}

#[test]
fn no_time_recorded_is_an_empty_table_with_no_billable_share() {
    let table = hours_table(&[], Dimension::Engagement, None, FirstDay::Monday);
    assert!(table.groups.is_empty());
    assert_eq!(table.total.billable_percent(), None);
}
