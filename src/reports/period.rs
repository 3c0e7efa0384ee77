//! The stretch of time a report covers. People ask for "the last twelve
//! weeks" or "last month", not for two dates, so a report's address names
//! one of a few rolling periods and the server resolves it against today
//! (on the reader's clock). Short periods are drawn week by week in the
//! firm's own weeks; long ones month by month.

use crate::first_day::FirstDay;
use crate::week::Week;
use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

/// A rolling period, as the report's address names it (`?period=…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum PeriodChoice {
    Last4Weeks,
    #[default]
    Last12Weeks,
    ThisMonth,
    LastMonth,
    Last3Months,
    Last12Months,
}

/// How a chart cuts the period: one bar a week or one a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grain {
    Week,
    Month,
}

/// A resolved period: every day from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Date,
    pub to: Date,
    pub grain: Grain,
}

impl PeriodChoice {
    pub const ALL: [PeriodChoice; 6] =
        [Self::Last4Weeks, Self::Last12Weeks, Self::ThisMonth, Self::LastMonth, Self::Last3Months, Self::Last12Months];

    pub fn key(self) -> &'static str {
        match self {
            Self::Last4Weeks => "last-4-weeks",
            Self::Last12Weeks => "last-12-weeks",
            Self::ThisMonth => "this-month",
            Self::LastMonth => "last-month",
            Self::Last3Months => "last-3-months",
            Self::Last12Months => "last-12-months",
        }
    }

    /// What the period picker says.
    pub fn label(self) -> &'static str {
        match self {
            Self::Last4Weeks => "Last 4 weeks",
            Self::Last12Weeks => "Last 12 weeks",
            Self::ThisMonth => "This month",
            Self::LastMonth => "Last month",
            Self::Last3Months => "Last 3 months",
            Self::Last12Months => "Last 12 months",
        }
    }

    /// The period a key names; an unknown key reads as none (the default).
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|choice| choice.key() == key)
    }

    /// The days this choice covers on `today`. Periods ending "now" end
    /// today (this week or month so far); "last month" is the whole of it.
    pub fn resolve(self, today: Date, first: FirstDay) -> Period {
        let this_week = Week::of(today, first).start();
        let this_month = today.replace_day(1).unwrap_or(today);
        let (from, to, grain) = match self {
            Self::Last4Weeks => (this_week - Duration::weeks(3), today, Grain::Week),
            Self::Last12Weeks => (this_week - Duration::weeks(11), today, Grain::Week),
            Self::ThisMonth => (this_month, today, Grain::Week),
            Self::LastMonth => (months_before(this_month, 1), this_month - Duration::days(1), Grain::Week),
            Self::Last3Months => (months_before(this_month, 2), today, Grain::Month),
            Self::Last12Months => (months_before(this_month, 11), today, Grain::Month),
        };
        Period { from, to, grain }
    }
}

/// The first of the month `count` months before `first_of_month`.
fn months_before(first_of_month: Date, count: u32) -> Date {
    (0..count).fold(first_of_month, |date, _| {
        let month = date.month().previous();
        let year = if month == Month::December { date.year() - 1 } else { date.year() };
        Date::from_calendar_date(year, month, 1).unwrap_or(date)
    })
}

/// The first of the month after the one `date` is in.
fn next_month(date: Date) -> Date {
    let month = date.month().next();
    let year = if month == Month::January { date.year() + 1 } else { date.year() };
    Date::from_calendar_date(year, month, 1).unwrap_or(date)
}

impl Period {
    /// The first day of the bucket (week or month) `date` falls in.
    pub fn bucket_of(&self, date: Date, first: FirstDay) -> Date {
        match self.grain {
            Grain::Week => Week::of(date, first).start(),
            Grain::Month => date.replace_day(1).unwrap_or(date),
        }
    }

    /// The buckets covering the period, oldest first, each as the days of
    /// it that fall inside the period (the first and last may be partial).
    pub fn buckets(&self, first: FirstDay) -> Vec<(Date, Date, Date)> {
        let mut buckets = Vec::new();
        let mut start = self.bucket_of(self.from, first);
        while start <= self.to {
            let next = match self.grain {
                Grain::Week => start + Duration::weeks(1),
                Grain::Month => next_month(start),
            };
            let (from, to) = (start.max(self.from), (next - Duration::days(1)).min(self.to));
            buckets.push((start, from, to));
            start = next;
        }
        buckets
    }

    pub fn contains(&self, date: Date) -> bool {
        (self.from..=self.to).contains(&date)
    }
}

/// Monday to Friday days from `from` to `to`, both included (none when
/// `to` is before `from`): the days a weekly capacity is spread over.
pub fn working_days(from: Date, to: Date) -> u32 {
    if to < from {
        return 0;
    }
    let days = (to - from).whole_days() + 1;
    let (weeks, rest) = (days / 7, days % 7);
    let mut count = weeks * 5;
    let mut day = from + Duration::weeks(weeks);
    for _ in 0..rest {
        if day.weekday().number_days_from_monday() < 5 {
            count += 1;
        }
        day = day.next_day().unwrap_or(day);
    }
    u32::try_from(count).unwrap_or(u32::MAX)
}
