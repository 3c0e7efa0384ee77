//! The arithmetic behind "my week": which ISO week a date falls in, the seven
//! dates of a week, and the totals a timesheet shows. Weeks start on Monday
//! (ISO 8601) because that is how our firms bill and approve time; keeping the
//! rule here means the browser's grid and the server's approval agree on
//! which week an entry belongs to, including around New Year, when ISO week 1
//! may start in December and the last days of December may belong to week 1.

use crate::money::Minutes;
use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Weekday};

/// An ISO 8601 week: the ISO week-numbering year and the week in it (1–53).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IsoWeek {
    pub year: i32,
    pub week: u8,
}

impl IsoWeek {
    /// The week `date` falls in. Note the year is the ISO year: 2024-12-30 is
    /// in week 1 of 2025.
    pub fn of(date: Date) -> Self {
        let (year, week, _) = date.to_iso_week_date();
        Self { year, week }
    }

    /// The Monday that starts the week.
    pub fn monday(self) -> Date {
        // Every `IsoWeek` is built by `of` from a real date, so its Monday
        // exists; a hand-built impossible week falls back to the nearest
        // representable day rather than panicking in a form.
        Date::from_iso_week_date(self.year, self.week, Weekday::Monday).unwrap_or(Date::MIN)
    }

    /// Monday to Sunday.
    pub fn dates(self) -> [Date; 7] {
        let monday = self.monday();
        std::array::from_fn(|i| monday.saturating_add(time::Duration::days(i as i64)))
    }

    pub fn next(self) -> Self {
        Self::of(self.monday().saturating_add(time::Duration::days(7)))
    }

    pub fn previous(self) -> Self {
        Self::of(self.monday().saturating_sub(time::Duration::days(7)))
    }

    pub fn contains(self, date: Date) -> bool {
        Self::of(date) == self
    }

    /// Reads `2026-W03` (as [`Display`](fmt::Display) writes it, and as
    /// week links carry it). Only weeks that exist: `2025-W53` does not.
    pub fn parse(raw: &str) -> Option<Self> {
        let (year, week) = raw.trim().split_once("-W")?;
        let (year, week): (i32, u8) = (year.parse().ok()?, week.parse().ok()?);
        Date::from_iso_week_date(year, week, Weekday::Monday).ok().map(|_| Self { year, week })
    }
}

/// `2026-W03`, the ISO 8601 way of writing a week.
impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

/// Monday on or before `date`.
pub fn week_start(date: Date) -> Date {
    IsoWeek::of(date).monday()
}

/// What the week's grid shows under its columns and in its total cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekTotals {
    /// Monday first.
    pub per_day: [Minutes; 7],
    pub billable: Minutes,
    pub non_billable: Minutes,
    pub total: Minutes,
}

/// Adds up `(date, minutes, billable)` entries for `week`. Entries dated
/// outside the week are left out rather than folded onto a weekday: a query
/// that strays over a week boundary (say, through a time-zone slip) must not
/// make Monday's column lie.
pub fn summarize(week: IsoWeek, entries: &[(Date, Minutes, bool)]) -> WeekTotals {
    let mut totals = WeekTotals {
        per_day: [Minutes::ZERO; 7],
        billable: Minutes::ZERO,
        non_billable: Minutes::ZERO,
        total: Minutes::ZERO,
    };
    for &(date, minutes, billable) in entries.iter().filter(|(date, ..)| week.contains(*date)) {
        totals.per_day[usize::from(date.weekday().number_days_from_monday())] += minutes;
        if billable {
            totals.billable += minutes;
        } else {
            totals.non_billable += minutes;
        }
        totals.total += minutes;
    }
    totals
}

/// A day's entry may be at most a day long.
pub const MAX_ENTRY_MINUTES: u32 = 24 * 60;

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    fn day(year: i32, month: u8, day: u8) -> Date {
        Date::from_calendar_date(year, Month::try_from(month).unwrap(), day).unwrap()
    }

    #[test]
    fn a_wednesday_belongs_to_the_week_starting_the_monday_before() {
        assert_eq!(week_start(day(2026, 1, 14)), day(2026, 1, 12));
        assert_eq!(IsoWeek::of(day(2026, 1, 14)), IsoWeek { year: 2026, week: 3 });
    }

    #[test]
    fn a_monday_starts_its_own_week_and_a_sunday_ends_it() {
        assert_eq!(week_start(day(2026, 1, 12)), day(2026, 1, 12));
        assert_eq!(week_start(day(2026, 1, 18)), day(2026, 1, 12));
    }

    #[test]
    fn the_last_days_of_december_can_belong_to_week_one_of_the_next_year() {
        assert_eq!(IsoWeek::of(day(2024, 12, 30)), IsoWeek { year: 2025, week: 1 });
        assert_eq!(IsoWeek { year: 2025, week: 1 }.monday(), day(2024, 12, 30));
    }

    #[test]
    fn the_first_days_of_january_can_belong_to_the_last_week_of_the_year_before() {
        assert_eq!(IsoWeek::of(day(2027, 1, 1)), IsoWeek { year: 2026, week: 53 });
    }

    #[test]
    fn a_week_has_seven_dates_from_monday_to_sunday() {
        let dates = IsoWeek::of(day(2026, 3, 4)).dates();
        assert_eq!(dates[0], day(2026, 3, 2));
        assert_eq!(dates[6], day(2026, 3, 8));
        assert!(dates.iter().all(|d| IsoWeek::of(*d) == IsoWeek { year: 2026, week: 10 }));
    }

    #[test]
    fn next_and_previous_cross_the_year_boundary() {
        let last = IsoWeek { year: 2026, week: 53 };
        assert_eq!(last.next(), IsoWeek { year: 2027, week: 1 });
        assert_eq!(last.next().previous(), last);
    }

    #[test]
    fn a_week_is_written_the_iso_way() {
        assert_eq!(IsoWeek { year: 2026, week: 3 }.to_string(), "2026-W03");
    }

    #[test]
    fn a_written_week_reads_back_and_a_week_that_does_not_exist_is_refused() {
        let week = IsoWeek { year: 2026, week: 3 };

        assert_eq!(IsoWeek::parse(&week.to_string()), Some(week));
        assert_eq!(IsoWeek::parse("2025-W53"), None, "2025 has 52 ISO weeks");
        assert_eq!(IsoWeek::parse("2020-W53"), Some(IsoWeek { year: 2020, week: 53 }));
        assert_eq!(IsoWeek::parse("2026-03"), None);
        assert_eq!(IsoWeek::parse("<script>"), None);
    }

    #[test]
    fn the_week_totals_split_by_day_and_by_billability() {
        let week = IsoWeek::of(day(2026, 1, 12));
        let entries = [
            (day(2026, 1, 12), Minutes(90), true),
            (day(2026, 1, 12), Minutes(30), false),
            (day(2026, 1, 18), Minutes(60), true),
        ];

        let totals = summarize(week, &entries);

        assert_eq!(
            totals.per_day,
            [Minutes(120), Minutes(0), Minutes(0), Minutes(0), Minutes(0), Minutes(0), Minutes(60)]
        );
        assert_eq!(totals.billable, Minutes(150));
        assert_eq!(totals.non_billable, Minutes(30));
        assert_eq!(totals.total, Minutes(180));
    }

    #[test]
    fn entries_outside_the_week_are_left_out() {
        let week = IsoWeek::of(day(2026, 1, 12));
        let entries = [(day(2026, 1, 11), Minutes(60), true), (day(2026, 1, 19), Minutes(60), false)];

        let totals = summarize(week, &entries);

        assert_eq!(totals.total, Minutes::ZERO);
    }

    #[test]
    fn an_empty_week_adds_up_to_nothing() {
        let totals = summarize(IsoWeek { year: 2026, week: 1 }, &[]);
        assert_eq!(totals.per_day, [Minutes::ZERO; 7]);
        assert_eq!(totals.total, Minutes::ZERO);
    }
}
