use super::day;
use crate::first_day::FirstDay;
use crate::reports::period::{Grain, PeriodChoice, working_days};

// Thursday 3 December 2026.
fn today() -> time::Date {
    day(2026, 12, 3)
}

#[test]
fn the_last_twelve_weeks_start_on_the_first_day_of_the_week_eleven_weeks_before_this_one() {
    let period = PeriodChoice::Last12Weeks.resolve(today(), FirstDay::Monday);
    assert_eq!((period.from, period.to, period.grain), (day(2026, 9, 14), today(), Grain::Week));
    assert_eq!(period.buckets(FirstDay::Monday).len(), 12);
}

#[test]
fn a_firm_whose_weeks_start_on_sunday_gets_sunday_weeks() {
    let period = PeriodChoice::Last4Weeks.resolve(today(), FirstDay::Sunday);
    assert_eq!(period.from, day(2026, 11, 8));
    let starts: Vec<_> = period.buckets(FirstDay::Sunday).into_iter().map(|(start, ..)| start).collect();
    assert_eq!(starts, [day(2026, 11, 8), day(2026, 11, 15), day(2026, 11, 22), day(2026, 11, 29)]);
}

#[test]
fn last_month_is_the_whole_of_november_cut_into_weeks_clipped_to_the_month() {
    let period = PeriodChoice::LastMonth.resolve(today(), FirstDay::Monday);
    assert_eq!((period.from, period.to), (day(2026, 11, 1), day(2026, 11, 30)));
    let buckets = period.buckets(FirstDay::Monday);
    // 1 November 2026 is a Sunday: its week began on 26 October.
    assert_eq!(buckets.first(), Some(&(day(2026, 10, 26), day(2026, 11, 1), day(2026, 11, 1))));
    assert_eq!(buckets.last(), Some(&(day(2026, 11, 30), day(2026, 11, 30), day(2026, 11, 30))));
}

#[test]
fn the_last_twelve_months_run_from_january_to_today_month_by_month_across_a_year_end() {
    let period = PeriodChoice::Last12Months.resolve(day(2027, 1, 15), FirstDay::Monday);
    assert_eq!((period.from, period.grain), (day(2026, 2, 1), Grain::Month));
    let buckets = period.buckets(FirstDay::Monday);
    assert_eq!(buckets.len(), 12);
    assert_eq!(buckets[10], (day(2026, 12, 1), day(2026, 12, 1), day(2026, 12, 31)));
    assert_eq!(buckets[11], (day(2027, 1, 1), day(2027, 1, 1), day(2027, 1, 15)));
}

#[test]
fn an_unknown_period_key_reads_as_none() {
    assert_eq!(PeriodChoice::parse("last-month"), Some(PeriodChoice::LastMonth));
    assert_eq!(PeriodChoice::parse("forever"), None);
}

#[test]
fn a_week_has_five_working_days_and_a_weekend_none() {
    assert_eq!(working_days(day(2026, 11, 30), day(2026, 12, 6)), 5);
    assert_eq!(working_days(day(2026, 12, 5), day(2026, 12, 6)), 0);
    // Thursday to the Tuesday after: Thu, Fri, Mon, Tue.
    assert_eq!(working_days(day(2026, 12, 3), day(2026, 12, 8)), 4);
    // November 2026 has 21 working days.
    assert_eq!(working_days(day(2026, 11, 1), day(2026, 11, 30)), 21);
    assert_eq!(working_days(day(2026, 12, 8), day(2026, 12, 3)), 0);
}
