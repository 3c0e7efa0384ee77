//! The day a firm's weeks start on (#19). A week is what a person fills in,
//! submits and has approved, so its first day is the firm's choice, not
//! ours: most of our firms start on Monday, American ones often on Sunday,
//! firms in much of the Middle East on Saturday. Stored as `firm_settings`
//! `week_starts_on` (every firm is provisioned with "monday").

use serde::{Deserialize, Serialize};
use time::Weekday;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum FirstDay {
    #[default]
    Monday,
    Sunday,
    Saturday,
}

impl FirstDay {
    pub const ALL: [FirstDay; 3] = [FirstDay::Monday, FirstDay::Sunday, FirstDay::Saturday];

    /// The stored and posted name.
    pub fn key(self) -> &'static str {
        match self {
            FirstDay::Monday => "monday",
            FirstDay::Sunday => "sunday",
            FirstDay::Saturday => "saturday",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key.trim())
    }

    /// What a person reads: "Monday".
    pub fn name(self) -> &'static str {
        match self {
            FirstDay::Monday => "Monday",
            FirstDay::Sunday => "Sunday",
            FirstDay::Saturday => "Saturday",
        }
    }

    pub fn weekday(self) -> Weekday {
        match self {
            FirstDay::Monday => Weekday::Monday,
            FirstDay::Sunday => Weekday::Sunday,
            FirstDay::Saturday => Weekday::Saturday,
        }
    }

    /// Days from the Monday of the ISO week a week is named after to the
    /// week's first day. A week is named after the ISO week holding most of
    /// its days, so a Sunday week starts the day before that Monday and a
    /// Saturday week two days before.
    pub(crate) fn shift(self) -> i64 {
        match self {
            FirstDay::Monday => 0,
            FirstDay::Sunday => -1,
            FirstDay::Saturday => -2,
        }
    }

    /// Why the first day cannot move from `self` any more: `submitted`
    /// weeks went to approval under it, and a week people decided on keeps
    /// its seven days.
    pub fn fixed_because(self, submitted: i64) -> String {
        let weeks = if submitted == 1 { "1 week was".to_owned() } else { format!("{submitted} weeks were") };
        format!(
            "Weeks start on {} for good: {weeks} already submitted, and a submitted week keeps its seven days.",
            self.name()
        )
    }

    /// How many days `weekday` comes after the first day (0–6).
    pub(crate) fn days_into_week(self, weekday: Weekday) -> i64 {
        let from_monday = |day: Weekday| i64::from(day.number_days_from_monday());
        (from_monday(weekday) - from_monday(self.weekday())).rem_euclid(7)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_first_day_reads_back_from_its_key_and_nothing_else_does() {
        for day in FirstDay::ALL {
            assert_eq!(FirstDay::parse(day.key()), Some(day));
        }
        assert_eq!(FirstDay::parse("Tuesday"), None);
        assert_eq!(FirstDay::parse(""), None);
    }

    #[test]
    fn the_refusal_names_the_day_and_how_many_weeks_hold_it() {
        let one = FirstDay::Monday.fixed_because(1);
        assert!(one.starts_with("Weeks start on Monday for good: 1 week was already submitted"), "{one}");
        assert!(FirstDay::Sunday.fixed_because(12).contains("Sunday for good: 12 weeks were"));
    }

    #[test]
    fn a_weekday_counts_its_days_from_the_first_day_of_the_week() {
        assert_eq!(FirstDay::Monday.days_into_week(Weekday::Monday), 0);
        assert_eq!(FirstDay::Monday.days_into_week(Weekday::Sunday), 6);
        assert_eq!(FirstDay::Sunday.days_into_week(Weekday::Sunday), 0);
        assert_eq!(FirstDay::Sunday.days_into_week(Weekday::Saturday), 6);
        assert_eq!(FirstDay::Saturday.days_into_week(Weekday::Friday), 6);
        assert_eq!(FirstDay::Saturday.days_into_week(Weekday::Monday), 2);
    }
}
