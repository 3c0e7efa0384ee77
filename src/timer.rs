//! The timer as "my week" shows it, and how a timer's run becomes minutes.
//! Pure; storing and stopping are `practice::timers`.

use crate::money::Minutes;
use crate::week::MAX_ENTRY_MINUTES;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The timer panel's data, present only for firms with the timer. (A plain
/// `Option<Option<_>>` would not survive JSON: both `None`s read as null.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerPanel {
    pub running: Option<RunningTimer>,
}

/// A running timer, as "my week" shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningTimer {
    pub engagement_label: String,
    pub notes: String,
    /// How long it had run when the page was read, by the server's clock:
    /// the browser counts on from here (its own clock may be set wrong).
    pub running_seconds: u64,
}

/// Seconds between `start` and `now`, as a running timer shows them.
pub fn running_seconds(start: OffsetDateTime, now: OffsetDateTime) -> u64 {
    u64::try_from((now - start).whole_seconds()).unwrap_or(0)
}

/// A running timer's face: `0:07:05`, hours unpadded.
pub fn clock_text(seconds: u64) -> String {
    format!("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// Whole minutes between `start` and `now`, at least one (a started timer
/// records something) and at most a day's entry.
pub fn elapsed(start: OffsetDateTime, now: OffsetDateTime) -> Minutes {
    let minutes = (now - start).whole_minutes().clamp(1, i64::from(MAX_ENTRY_MINUTES));
    Minutes(u32::try_from(minutes).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> OffsetDateTime {
        OffsetDateTime::UNIX_EPOCH + time::Duration::minutes(minute)
    }

    #[test]
    fn a_timer_records_whole_minutes_and_at_least_one() {
        assert_eq!(elapsed(at(0), at(0)), Minutes(1));
        assert_eq!(elapsed(at(0), at(95)), Minutes(95));
        assert_eq!(elapsed(at(0), at(95) + time::Duration::seconds(59)), Minutes(95));
    }

    #[test]
    fn a_running_timer_shows_hours_minutes_and_seconds() {
        assert_eq!(clock_text(0), "0:00:00");
        assert_eq!(clock_text(425), "0:07:05");
        assert_eq!(clock_text(26 * 3600 + 59), "26:00:59");
    }

    #[test]
    fn a_timer_started_by_a_clock_ahead_of_ours_shows_no_time_yet() {
        assert_eq!(running_seconds(at(5), at(4)), 0);
        assert_eq!(running_seconds(at(0), at(2) + time::Duration::seconds(3)), 123);
    }

    #[test]
    fn a_timer_left_running_records_at_most_a_day() {
        assert_eq!(elapsed(at(0), at(3 * 24 * 60)), Minutes(MAX_ENTRY_MINUTES));
    }
}
