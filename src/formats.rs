//! How a firm writes dates and numbers: "3 Dec 2026" or "12/03/2026",
//! "1,234.50" or "1.234,50". One firm setting each (stored in
//! `firm_settings`, see `practice::formats`), carried to every page with
//! the signed-in person so the browser and the server write them alike,
//! and used for lists, emails and exports. Times are always given already
//! on the reader's clock (PostgreSQL converts them, see
//! `practice::time_zones`): this module only writes them.
//!
//! Reading needs no setting: the amount parser
//! (`expenses::parse_amount`) reads either decimal mark, with the other
//! one as thousands marks, so an amount copied from any page reads back.

use crate::money::Currency;
use serde::{Deserialize, Serialize};
use time::{Date, PrimitiveDateTime};

/// How dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DateStyle {
    /// 3 Dec 2026
    #[default]
    DayMonthName,
    /// Dec 3, 2026
    MonthNameDay,
    /// 2026-12-03
    Iso,
    /// 03/12/2026
    DaySlashMonth,
    /// 12/03/2026
    MonthSlashDay,
    /// 03.12.2026
    DayDotMonth,
}

impl DateStyle {
    pub const ALL: [DateStyle; 6] = [
        DateStyle::DayMonthName,
        DateStyle::MonthNameDay,
        DateStyle::Iso,
        DateStyle::DaySlashMonth,
        DateStyle::MonthSlashDay,
        DateStyle::DayDotMonth,
    ];

    /// The stored and posted name.
    pub fn key(self) -> &'static str {
        match self {
            DateStyle::DayMonthName => "day-month-name",
            DateStyle::MonthNameDay => "month-name-day",
            DateStyle::Iso => "iso",
            DateStyle::DaySlashMonth => "day-slash-month",
            DateStyle::MonthSlashDay => "month-slash-day",
            DateStyle::DayDotMonth => "day-dot-month",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key.trim())
    }
}

/// How numbers are grouped and where the decimals start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum NumberStyle {
    /// 1,234.50
    #[default]
    CommaThousandsPointDecimals,
    /// 1.234,50
    PointThousandsCommaDecimals,
    /// 1 234,50 (a no-break space, so an amount never splits over lines)
    SpaceThousandsCommaDecimals,
    /// 1'234.50
    ApostropheThousandsPointDecimals,
}

impl NumberStyle {
    pub const ALL: [NumberStyle; 4] = [
        NumberStyle::CommaThousandsPointDecimals,
        NumberStyle::PointThousandsCommaDecimals,
        NumberStyle::SpaceThousandsCommaDecimals,
        NumberStyle::ApostropheThousandsPointDecimals,
    ];

    pub fn key(self) -> &'static str {
        match self {
            NumberStyle::CommaThousandsPointDecimals => "comma-point",
            NumberStyle::PointThousandsCommaDecimals => "point-comma",
            NumberStyle::SpaceThousandsCommaDecimals => "space-comma",
            NumberStyle::ApostropheThousandsPointDecimals => "apostrophe-point",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key.trim())
    }

    /// The mark before the decimals.
    pub fn decimal_mark(self) -> char {
        match self {
            NumberStyle::CommaThousandsPointDecimals | NumberStyle::ApostropheThousandsPointDecimals => '.',
            NumberStyle::PointThousandsCommaDecimals | NumberStyle::SpaceThousandsCommaDecimals => ',',
        }
    }

    /// The mark between groups of three digits.
    pub fn group_mark(self) -> char {
        match self {
            NumberStyle::CommaThousandsPointDecimals => ',',
            NumberStyle::PointThousandsCommaDecimals => '.',
            NumberStyle::SpaceThousandsCommaDecimals => '\u{a0}',
            NumberStyle::ApostropheThousandsPointDecimals => '\'',
        }
    }
}

/// A firm's way of writing dates and numbers, and of cutting time into
/// weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Formats {
    #[serde(default)]
    pub date: DateStyle,
    #[serde(default)]
    pub number: NumberStyle,
    /// Where its weeks start: the grid's first column, the week a date
    /// belongs to.
    #[serde(default)]
    pub first_day: crate::first_day::FirstDay,
}

/// The day examples are written with: its day and month differ, so every
/// style shows which comes first.
pub const SAMPLE_DAY: Date = match Date::from_calendar_date(2026, time::Month::December, 3) {
    Ok(day) => day,
    Err(_) => Date::MIN,
};

fn month_name(date: Date) -> &'static str {
    const NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    NAMES[usize::from(u8::from(date.month())) - 1]
}

fn weekday_name(date: Date) -> &'static str {
    const NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    NAMES[usize::from(date.weekday().number_days_from_monday())]
}

impl Formats {
    /// A date in full: "3 Dec 2026", "12/03/2026"…
    pub fn date(&self, date: Date) -> String {
        let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
        match self.date {
            DateStyle::DayMonthName => format!("{d} {} {y}", month_name(date)),
            DateStyle::MonthNameDay => format!("{} {d}, {y}", month_name(date)),
            DateStyle::Iso => date.to_string(),
            DateStyle::DaySlashMonth => format!("{d:02}/{m:02}/{y}"),
            DateStyle::MonthSlashDay => format!("{m:02}/{d:02}/{y}"),
            DateStyle::DayDotMonth => format!("{d:02}.{m:02}.{y}"),
        }
    }

    /// A day within a week, without the year: "Mon 23 Nov", "Mon 11/23"…
    pub fn day(&self, date: Date) -> String {
        let (m, d, weekday) = (u8::from(date.month()), date.day(), weekday_name(date));
        match self.date {
            DateStyle::DayMonthName => format!("{weekday} {d} {}", month_name(date)),
            DateStyle::MonthNameDay => format!("{weekday}, {} {d}", month_name(date)),
            DateStyle::Iso => format!("{weekday} {m:02}-{d:02}"),
            DateStyle::DaySlashMonth => format!("{weekday} {d:02}/{m:02}"),
            DateStyle::MonthSlashDay => format!("{weekday} {m:02}/{d:02}"),
            DateStyle::DayDotMonth => format!("{weekday} {d:02}.{m:02}."),
        }
    }

    /// A moment, already on the reader's clock: "3 Dec 2026, 14:58".
    pub fn when(&self, at: PrimitiveDateTime) -> String {
        format!("{}, {:02}:{:02}", self.date(at.date()), at.hour(), at.minute())
    }

    /// `minor` with `digits` decimals, grouped: "1,234.50", "-0.50".
    pub fn decimal(&self, minor: i64, digits: u32) -> String {
        let (whole, fraction) = split(minor, digits);
        let grouped = group(&whole.to_string(), self.number.group_mark());
        let sign = if minor < 0 { "-" } else { "" };
        match fraction {
            Some(fraction) => format!("{sign}{grouped}{}{fraction}", self.number.decimal_mark()),
            None => format!("{sign}{grouped}"),
        }
    }

    /// An amount with its currency code: "1,234.50 EUR".
    pub fn amount(&self, minor: i64, currency: Currency) -> String {
        format!("{} {currency}", self.decimal(minor, crate::expenses::minor_digits(currency)))
    }

    /// The number alone as a form field shows it for correcting: the
    /// firm's decimal mark, no grouping ("1234,50").
    pub fn field_amount(&self, minor: i64, currency: Currency) -> String {
        let (whole, fraction) = split(minor, crate::expenses::minor_digits(currency));
        let sign = if minor < 0 { "-" } else { "" };
        match fraction {
            Some(fraction) => format!("{sign}{whole}{}{fraction}", self.number.decimal_mark()),
            None => format!("{sign}{whole}"),
        }
    }

    /// "3 Dec 2026 · 1,234.50": how these formats look, for people
    /// rather than keys (settings, the audit log).
    pub fn example(&self) -> String {
        format!("{} · {}", self.date(SAMPLE_DAY), self.decimal(123_450, 2))
    }

    /// What an amount field suggests: "12.50" or "12,50".
    pub fn amount_placeholder(&self) -> String {
        format!("12{}50", self.number.decimal_mark())
    }
}

/// The whole part (without sign) and the zero-padded decimals, if any.
fn split(minor: i64, digits: u32) -> (u64, Option<String>) {
    let abs = minor.unsigned_abs();
    if digits == 0 {
        return (abs, None);
    }
    let scale = 10_u64.pow(digits);
    (abs / scale, Some(format!("{:0width$}", abs % scale, width = digits as usize)))
}

/// "1234567" → "1,234,567" with `mark`.
fn group(digits: &str, mark: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(mark);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
