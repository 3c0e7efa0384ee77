use super::day;
use crate::first_day::FirstDay;
use crate::money::Minutes;
use crate::reports::period::PeriodChoice;
use crate::reports::utilization::{DayTime, Person, Utilization, UtilizationBasis, utilization};

fn person(user_id: i64, name: &str, team: Option<&str>, hours: u32) -> Person {
    Person { user_id, name: name.into(), team: team.map(Into::into), weekly_capacity: Minutes(hours * 60) }
}

fn worked(user_id: i64, date: time::Date, billable_hours: u32, recorded_hours: u32) -> DayTime {
    DayTime { user_id, date, billable: billable_hours * 60, recorded: recorded_hours * 60 }
}

#[test]
fn thirty_billable_hours_of_a_forty_hour_week_is_seventy_five_percent() {
    // Last month of 3 Dec 2026 is November: 21 working days, so a 40 h
    // week gives 21 × 8 = 168 h available.
    let period = PeriodChoice::LastMonth.resolve(day(2026, 12, 3), FirstDay::Monday);
    let people = [person(1, "Ada", Some("Audit"), 40)];
    let days = [worked(1, day(2026, 11, 2), 30, 34), worked(1, day(2026, 11, 9), 96, 100)];
    let report = utilization(&period, FirstDay::Monday, UtilizationBasis::Billable, &people, &days);
    assert_eq!(report.total, Utilization { used: 126 * 60, recorded: 134 * 60, available: 168 * 60 });
    assert_eq!(report.total.percent(), Some(75));
    // The week of 2 November: 5 days × 8 h = 40 h, 30 of them billable.
    let week = report.buckets.iter().find(|(start, _)| *start == day(2026, 11, 2)).unwrap().1;
    assert_eq!((week.used, week.available, week.percent()), (30 * 60, 40 * 60, Some(75)));
}

#[test]
fn counting_all_recorded_time_includes_internal_work() {
    let period = PeriodChoice::LastMonth.resolve(day(2026, 12, 3), FirstDay::Monday);
    let people = [person(1, "Ada", None, 40)];
    let days = [worked(1, day(2026, 11, 2), 30, 36)];
    let report = utilization(&period, FirstDay::Monday, UtilizationBasis::AllRecorded, &people, &days);
    let week = report.buckets.iter().find(|(start, _)| *start == day(2026, 11, 2)).unwrap().1;
    assert_eq!(week.percent(), Some(90));
}

#[test]
fn a_part_timer_on_twenty_hours_is_measured_against_twenty_hours() {
    let period = PeriodChoice::LastMonth.resolve(day(2026, 12, 3), FirstDay::Monday);
    let people = [person(1, "Ada", Some("Audit"), 40), person(2, "Bea", Some("Audit"), 20)];
    let days = [worked(2, day(2026, 11, 3), 20, 20)];
    let report = utilization(&period, FirstDay::Monday, UtilizationBasis::Billable, &people, &days);
    let bea = &report.people.iter().find(|(name, _)| name == "Bea").unwrap().1;
    // 21 working days × 4 h = 84 h available; 20 used: 23.8 %, shown 24 %.
    assert_eq!((bea.used, bea.available, bea.percent()), (20 * 60, 84 * 60, Some(24)));
    // The team adds both people up: 20 ÷ (168 + 84) = 7.9 %.
    assert_eq!(
        report.teams,
        vec![("Audit".to_owned(), Utilization { used: 1200, recorded: 1200, available: 252 * 60 })]
    );
    assert_eq!(report.teams[0].1.percent(), Some(8));
}

#[test]
fn time_outside_the_period_or_of_people_not_reported_is_left_out() {
    let period = PeriodChoice::LastMonth.resolve(day(2026, 12, 3), FirstDay::Monday);
    let people = [person(1, "Ada", None, 40)];
    let days =
        [worked(1, day(2026, 12, 1), 8, 8), worked(1, day(2026, 10, 31), 8, 8), worked(9, day(2026, 11, 2), 8, 8)];
    let report = utilization(&period, FirstDay::Monday, UtilizationBasis::Billable, &people, &days);
    assert_eq!(report.total.used, 0);
}

#[test]
fn people_are_listed_by_name_and_those_in_no_team_come_last() {
    let period = PeriodChoice::Last4Weeks.resolve(day(2026, 12, 3), FirstDay::Monday);
    let people = [person(1, "zoe", None, 40), person(2, "Adam", Some("Tax"), 40), person(3, "Bo", Some("Audit"), 40)];
    let report = utilization(&period, FirstDay::Monday, UtilizationBasis::Billable, &people, &[]);
    let names: Vec<_> = report.people.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Adam", "Bo", "zoe"]);
    let teams: Vec<_> = report.teams.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(teams, ["Audit", "Tax", "No team"]);
}

#[test]
fn a_period_with_nothing_available_has_no_percentage_rather_than_a_division_by_zero() {
    let nothing = Utilization { used: 60, recorded: 60, available: 0 };
    assert_eq!(nothing.percent(), None);
}
