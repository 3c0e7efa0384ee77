//! What the "my week" page shows: a person's entries for one ISO week,
//! grouped by day with the day totals, and the week's totals split into
//! billable and non-billable. Pure, so the server builds it once and the
//! browser renders exactly that; the arithmetic is [`crate::week`]'s.

use crate::money::Minutes;
use crate::week::{MAX_ENTRY_MINUTES, Week, WeekTotals, summarize};
use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// One entry as the week lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekEntry {
    pub time_entry_id: i64,
    pub work_date: Date,
    pub minutes: Minutes,
    pub billable: bool,
    pub notes: String,
    pub client_name: String,
    pub engagement_code: String,
    pub engagement_name: String,
    /// Submitted, approved (or imported as approved): no longer its
    /// owner's to change.
    pub locked: bool,
    /// When an import brought it in, the state it is in now: imported
    /// approved, or a draft to be submitted (the source had not approved
    /// it). Shown on the entry, so an approved entry in a week never
    /// submitted here explains itself.
    pub imported: Option<crate::workflow::State>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekDay {
    pub date: Date,
    pub entries: Vec<WeekEntry>,
    pub total: Minutes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWeek {
    pub week: Week,
    /// The week's seven days from its first, every day present even when
    /// empty.
    pub days: Vec<WeekDay>,
    pub totals: WeekTotals,
}

/// An engagement time can be logged against, as a form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementChoice {
    pub engagement_id: i64,
    /// "Acme Ltd — AC-01 Annual audit"
    pub label: String,
}

/// Groups `entries` (any order) into the week's days.
pub fn group(week: Week, entries: Vec<WeekEntry>) -> MyWeek {
    let summary: Vec<_> = entries.iter().map(|e| (e.work_date, e.minutes, e.billable)).collect();
    let totals = summarize(week, &summary);
    let mut days: Vec<WeekDay> = week
        .dates()
        .into_iter()
        .zip(totals.per_day)
        .map(|(date, total)| WeekDay { date, entries: Vec::new(), total })
        .collect();
    for entry in entries {
        if let Some(day) = week.day_index(entry.work_date) {
            days[day].entries.push(entry);
        }
    }
    MyWeek { week, days, totals }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryProblem {
    #[error("choose a date")]
    NoDate,
    #[error("a duration can be at most 24:00 in one entry")]
    TooLong,
    #[error("enter a duration longer than zero")]
    Zero,
    #[error("notes can be at most 2,000 characters")]
    NotesTooLong,
}

/// Reads `YYYY-MM-DD`, as a date field posts it.
pub fn parse_date(raw: &str) -> Result<Date, EntryProblem> {
    let mut parts = raw.trim().splitn(3, '-').map(str::parse::<i32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) = (parts.next(), parts.next(), parts.next()) else {
        return Err(EntryProblem::NoDate);
    };
    let month = u8::try_from(month).ok().and_then(|m| Month::try_from(m).ok()).ok_or(EntryProblem::NoDate)?;
    let day = u8::try_from(day).map_err(|_| EntryProblem::NoDate)?;
    Date::from_calendar_date(year, month, day).map_err(|_| EntryProblem::NoDate)
}

/// An entry's duration: readable, more than zero, at most a day.
pub fn check_minutes(minutes: Minutes) -> Result<Minutes, EntryProblem> {
    match minutes.0 {
        0 => Err(EntryProblem::Zero),
        m if m > MAX_ENTRY_MINUTES => Err(EntryProblem::TooLong),
        _ => Ok(minutes),
    }
}

pub fn check_notes(raw: &str) -> Result<String, EntryProblem> {
    let notes = raw.trim();
    if notes.chars().count() > 2000 { Err(EntryProblem::NotesTooLong) } else { Ok(notes.to_owned()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::first_day::FirstDay;

    fn entry(id: i64, date: Date, minutes: u32, billable: bool) -> WeekEntry {
        WeekEntry {
            time_entry_id: id,
            work_date: date,
            minutes: Minutes(minutes),
            billable,
            notes: String::new(),
            client_name: "Acme".into(),
            engagement_code: "AC-1".into(),
            engagement_name: "Audit".into(),
            locked: false,
            imported: None,
        }
    }

    #[test]
    fn entries_land_on_their_day_and_every_day_is_listed() {
        let week = Week::parse("2026-W48", FirstDay::Monday).unwrap();
        let [monday, _, wednesday, ..] = week.dates();

        let grouped = group(week, vec![entry(1, wednesday, 90, true), entry(2, monday, 30, false)]);

        assert_eq!(grouped.days.len(), 7);
        assert_eq!(grouped.days[0].entries[0].time_entry_id, 2);
        assert_eq!(grouped.days[2].total, Minutes(90));
        assert!(grouped.days[1].entries.is_empty());
        assert_eq!((grouped.totals.billable, grouped.totals.non_billable), (Minutes(90), Minutes(30)));
    }

    #[test]
    fn an_entry_from_another_week_is_not_shown() {
        let week = Week::parse("2026-W48", FirstDay::Monday).unwrap();
        let outside = week.next().start();

        let grouped = group(week, vec![entry(1, outside, 60, true)]);

        assert!(grouped.days.iter().all(|d| d.entries.is_empty()));
        assert_eq!(grouped.totals.total, Minutes::ZERO);
    }

    #[test]
    fn a_sunday_firm_s_sunday_entry_is_the_first_day_of_its_week() {
        let week = Week::parse("2026-W48", FirstDay::Sunday).unwrap();
        let [sunday, .., saturday] = week.dates();

        let grouped = group(week, vec![entry(1, sunday, 60, true), entry(2, saturday, 30, true)]);

        assert_eq!(sunday.weekday(), time::Weekday::Sunday);
        assert_eq!(grouped.days[0].entries[0].time_entry_id, 1);
        assert_eq!(grouped.days[6].entries[0].time_entry_id, 2);
        assert_eq!(grouped.totals.per_day[0], Minutes(60));
    }

    #[test]
    fn a_posted_date_is_read_and_an_impossible_one_refused() {
        assert_eq!(parse_date("2026-02-28").unwrap().day(), 28);
        assert_eq!(parse_date("2026-02-30"), Err(EntryProblem::NoDate));
        assert_eq!(parse_date(""), Err(EntryProblem::NoDate));
        assert_eq!(parse_date("28/02/2026"), Err(EntryProblem::NoDate));
    }

    #[test]
    fn a_duration_must_be_more_than_nothing_and_at_most_a_day() {
        assert_eq!(check_minutes(Minutes(0)), Err(EntryProblem::Zero));
        assert_eq!(check_minutes(Minutes(24 * 60 + 1)), Err(EntryProblem::TooLong));
        assert_eq!(check_minutes(Minutes(24 * 60)), Ok(Minutes(24 * 60)));
    }
}
