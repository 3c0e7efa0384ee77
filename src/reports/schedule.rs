//! Saved reports e-mailed on a schedule: a report with its rolling period
//! ("last month", so each e-mail covers the newest one), sent weekly or
//! monthly to chosen people of the firm who may read its reports. The
//! rules here are when the next e-mail is due and what a schedule form
//! must say; the mail worker sends them and the page lists them.

use super::query::ReportQuery;
use crate::first_day::FirstDay;
use crate::week::Week;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, Duration, Month};

/// How often a saved report is e-mailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cadence {
    /// On the first day of each of the firm's weeks.
    Weekly,
    /// On the first of each month.
    Monthly,
}

impl Cadence {
    pub const ALL: [Cadence; 2] = [Self::Weekly, Self::Monthly];

    pub fn key(self) -> &'static str {
        match self {
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Weekly => "Every week, on its first day",
            Self::Monthly => "Every month, on the 1st",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|cadence| cadence.key() == key)
    }

    /// The first sending day strictly after `day`: the next first day of
    /// the firm's week, or the next 1st of a month.
    pub fn next_after(self, day: Date, first: FirstDay) -> Date {
        match self {
            Self::Weekly => Week::of(day, first).start() + Duration::weeks(1),
            Self::Monthly => {
                let month = day.month().next();
                let year = if month == Month::January { day.year() + 1 } else { day.year() };
                Date::from_calendar_date(year, month, 1).unwrap_or(day)
            }
        }
    }
}

/// The longest name a saved report may have.
pub const MOST_NAME_CHARS: usize = 120;

/// A schedule form as posted: the name, the cadence key and the chosen
/// people (checkbox keys `p<user id>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleForm {
    pub name: String,
    pub cadence: String,
    #[serde(default)]
    pub recipients: BTreeMap<String, String>,
}

/// A schedule that reads: what the worker stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSchedule {
    pub name: String,
    pub cadence: Cadence,
    pub recipients: Vec<i64>,
}

/// The checkbox key of a person in a schedule form.
pub fn recipient_key(user_id: i64) -> String {
    format!("p{user_id}")
}

/// Reads a form; a problem is named with its field, for the page to show
/// beside it.
pub fn parse_schedule(form: &ScheduleForm) -> Result<NewSchedule, (&'static str, &'static str)> {
    let name = form.name.trim();
    if name.is_empty() {
        return Err(("name", "Name the report, like \"Monthly utilization\"."));
    }
    if name.chars().count() > MOST_NAME_CHARS {
        return Err(("name", "A name is at most 120 characters."));
    }
    let cadence = Cadence::parse(&form.cadence).ok_or(("cadence", "Choose weekly or monthly."))?;
    let mut recipients = Vec::new();
    for key in form.recipients.keys() {
        let id = key.strip_prefix('p').and_then(|id| id.parse::<i64>().ok());
        recipients.push(id.ok_or(("recipients", "Choose people from the list."))?);
    }
    if recipients.is_empty() {
        return Err(("recipients", "Choose at least one person to send it to."));
    }
    Ok(NewSchedule { name: name.to_owned(), cadence, recipients })
}

/// A saved report as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleView {
    pub schedule_id: i64,
    pub name: String,
    pub query: ReportQuery,
    pub cadence: Cadence,
    pub next_send_on: Date,
    /// The day it last went, if it has.
    pub last_sent_on: Option<Date>,
    pub recipients: Vec<String>,
}

/// The schedules page: the firm's saved reports and who may receive them
/// (active managers and administrators: those who may read every report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulesPage {
    pub schedules: Vec<ScheduleView>,
    pub readers: Vec<(i64, String)>,
}
