//! The arithmetic behind "my week": which week a date falls in, the seven
//! dates of a week, and the totals a timesheet shows. A week starts on the
//! firm's first day ([`FirstDay`]: Monday unless the firm chose Sunday or
//! Saturday) and is named after the ISO 8601 week holding most of its days
//! (`2026-W48`), so links and imports read the same whatever the firm
//! chose. Keeping the rule here means the browser's grid and the server's
//! approval agree on which week an entry belongs to, including around New
//! Year, when ISO week 1 may start in December.

use crate::first_day::FirstDay;
use crate::money::Minutes;
use serde::{Deserialize, Serialize};
use std::fmt;
use time::{Date, Duration, Weekday};

/// An ISO 8601 week: the ISO week-numbering year and the week in it
/// (1–53). The name of a [`Week`].
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

    /// The Monday that starts the ISO week.
    fn monday(self) -> Date {
        // Every `IsoWeek` is built by `of` or `parse` from a real date, so
        // its Monday exists; a hand-built impossible week falls back to the
        // nearest representable day rather than panicking in a form.
        Date::from_iso_week_date(self.year, self.week, Weekday::Monday).unwrap_or(Date::MIN)
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

/// A firm's week: seven days from its first day, as a person fills in,
/// submits and has approved them (`timesheets.week_start` is its `start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Week {
    start: Date,
}

impl Week {
    /// The week `date` falls in, for a firm whose weeks start on `first`.
    pub fn of(date: Date, first: FirstDay) -> Self {
        Self::starting(date.saturating_sub(Duration::days(first.days_into_week(date.weekday()))))
    }

    /// The week that starts on `start` (a stored week, whose first day was
    /// the firm's when it was stored).
    pub fn starting(start: Date) -> Self {
        Self { start }
    }

    /// The firm's week named `2026-W48` (see [`IsoWeek::parse`]).
    pub fn parse(raw: &str, first: FirstDay) -> Option<Self> {
        Some(Self::named(IsoWeek::parse(raw)?, first))
    }

    /// The firm's week named after `iso`.
    pub fn named(iso: IsoWeek, first: FirstDay) -> Self {
        Self::starting(iso.monday().saturating_add(Duration::days(first.shift())))
    }

    /// Its name: the ISO week holding its fourth day, and so most of it.
    pub fn iso(self) -> IsoWeek {
        IsoWeek::of(self.start.saturating_add(Duration::days(3)))
    }

    /// Its first day.
    pub fn start(self) -> Date {
        self.start
    }

    /// Its seven days, the first day first.
    pub fn dates(self) -> [Date; 7] {
        std::array::from_fn(|i| self.start.saturating_add(Duration::days(i as i64)))
    }

    pub fn next(self) -> Self {
        Self::starting(self.start.saturating_add(Duration::days(7)))
    }

    pub fn previous(self) -> Self {
        Self::starting(self.start.saturating_sub(Duration::days(7)))
    }

    pub fn contains(self, date: Date) -> bool {
        self.day_index(date).is_some()
    }

    /// Which of its days `date` is (0 for the first), if it is one.
    pub fn day_index(self, date: Date) -> Option<usize> {
        usize::try_from((date - self.start).whole_days()).ok().filter(|day| *day < 7)
    }
}

/// Written by its name, `2026-W48`, as links carry it.
impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.iso().fmt(f)
    }
}

/// What the week's grid shows under its columns and in its total cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekTotals {
    /// The week's first day first.
    pub per_day: [Minutes; 7],
    pub billable: Minutes,
    pub non_billable: Minutes,
    pub total: Minutes,
}

/// Adds up `(date, minutes, billable)` entries for `week`. Entries dated
/// outside the week are left out rather than folded onto a weekday: a query
/// that strays over a week boundary (say, through a time-zone slip) must not
/// make a day's column lie.
pub fn summarize(week: Week, entries: &[(Date, Minutes, bool)]) -> WeekTotals {
    let mut totals = WeekTotals {
        per_day: [Minutes::ZERO; 7],
        billable: Minutes::ZERO,
        non_billable: Minutes::ZERO,
        total: Minutes::ZERO,
    };
    for &(date, minutes, billable) in entries {
        let Some(day) = week.day_index(date) else { continue };
        totals.per_day[day] += minutes;
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

    fn monday_week(year: i32, month: u8, d: u8) -> Week {
        Week::of(day(year, month, d), FirstDay::Monday)
    }

    #[test]
    fn a_wednesday_belongs_to_the_week_starting_the_monday_before() {
        assert_eq!(monday_week(2026, 1, 14).start(), day(2026, 1, 12));
        assert_eq!(monday_week(2026, 1, 14).iso(), IsoWeek { year: 2026, week: 3 });
    }

    #[test]
    fn a_monday_starts_its_own_week_and_a_sunday_ends_it() {
        assert_eq!(monday_week(2026, 1, 12).start(), day(2026, 1, 12));
        assert_eq!(monday_week(2026, 1, 18).start(), day(2026, 1, 12));
    }

    #[test]
    fn a_sunday_firm_s_week_runs_from_sunday_to_saturday_and_keeps_the_iso_name() {
        let week = Week::of(day(2026, 11, 28), FirstDay::Sunday);

        assert_eq!(week.start(), day(2026, 11, 22));
        assert_eq!(week.dates()[6], day(2026, 11, 28));
        assert_eq!(week.to_string(), "2026-W48");
        assert_eq!(Week::of(day(2026, 11, 29), FirstDay::Sunday).to_string(), "2026-W49");
    }

    #[test]
    fn a_saturday_firm_s_week_runs_from_saturday_to_friday() {
        let week = Week::of(day(2026, 11, 23), FirstDay::Saturday);

        assert_eq!(week.start(), day(2026, 11, 21));
        assert_eq!(week.dates()[6], day(2026, 11, 27));
        assert_eq!(week.to_string(), "2026-W48");
    }

    #[test]
    fn every_day_of_a_named_week_names_the_same_week_whatever_its_first_day() {
        for first in FirstDay::ALL {
            for name in ["2026-W01", "2026-W48", "2026-W53", "2027-W01"] {
                let week = Week::parse(name, first).unwrap();
                assert_eq!(week.to_string(), name, "{first:?}");
                assert!(week.dates().iter().all(|d| Week::of(*d, first) == week), "{first:?} {name}");
                assert_eq!(week.start().weekday(), first.weekday());
            }
        }
    }

    #[test]
    fn the_last_days_of_december_can_belong_to_week_one_of_the_next_year() {
        assert_eq!(monday_week(2024, 12, 30).iso(), IsoWeek { year: 2025, week: 1 });
        assert_eq!(Week::parse("2025-W01", FirstDay::Monday).unwrap().start(), day(2024, 12, 30));
        assert_eq!(Week::parse("2025-W01", FirstDay::Sunday).unwrap().start(), day(2024, 12, 29));
    }

    #[test]
    fn the_first_days_of_january_can_belong_to_the_last_week_of_the_year_before() {
        assert_eq!(monday_week(2027, 1, 1).iso(), IsoWeek { year: 2026, week: 53 });
    }

    #[test]
    fn a_week_has_seven_dates_from_its_first_day() {
        let dates = monday_week(2026, 3, 4).dates();
        assert_eq!(dates[0], day(2026, 3, 2));
        assert_eq!(dates[6], day(2026, 3, 8));
    }

    #[test]
    fn next_and_previous_cross_the_year_boundary() {
        let last = Week::parse("2026-W53", FirstDay::Monday).unwrap();
        assert_eq!(last.next().to_string(), "2027-W01");
        assert_eq!(last.next().previous(), last);
    }

    #[test]
    fn a_week_is_written_the_iso_way() {
        assert_eq!(IsoWeek { year: 2026, week: 3 }.to_string(), "2026-W03");
        assert_eq!(monday_week(2026, 1, 14).to_string(), "2026-W03");
    }

    #[test]
    fn a_written_week_reads_back_and_a_week_that_does_not_exist_is_refused() {
        let week = IsoWeek { year: 2026, week: 3 };

        assert_eq!(IsoWeek::parse(&week.to_string()), Some(week));
        assert_eq!(IsoWeek::parse("2025-W53"), None, "2025 has 52 ISO weeks");
        assert_eq!(IsoWeek::parse("2020-W53"), Some(IsoWeek { year: 2020, week: 53 }));
        assert_eq!(IsoWeek::parse("2026-03"), None);
        assert_eq!(Week::parse("<script>", FirstDay::Sunday), None);
    }

    #[test]
    fn the_week_totals_split_by_day_and_by_billability() {
        let week = monday_week(2026, 1, 12);
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
    fn a_sunday_week_s_totals_put_sunday_in_the_first_column() {
        let week = Week::of(day(2026, 11, 22), FirstDay::Sunday);

        let totals = summarize(week, &[(day(2026, 11, 22), Minutes(60), true), (day(2026, 11, 28), Minutes(30), true)]);

        assert_eq!(totals.per_day[0], Minutes(60));
        assert_eq!(totals.per_day[6], Minutes(30));
    }

    #[test]
    fn entries_outside_the_week_are_left_out() {
        let week = monday_week(2026, 1, 12);
        let entries = [(day(2026, 1, 11), Minutes(60), true), (day(2026, 1, 19), Minutes(60), false)];

        let totals = summarize(week, &entries);

        assert_eq!(totals.total, Minutes::ZERO);
    }

    #[test]
    fn an_empty_week_adds_up_to_nothing() {
        let totals = summarize(monday_week(2026, 1, 1), &[]);
        assert_eq!(totals.per_day, [Minutes::ZERO; 7]);
        assert_eq!(totals.total, Minutes::ZERO);
    }
}
