//! The reports' rules against examples worked out by hand.

mod budgets;
mod csv;
mod hours;
mod period;
mod query;
mod realization;
mod receivables;
mod schedule;
mod unbilled;
mod utilization;

use time::{Date, Month};

pub(super) fn day(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}
