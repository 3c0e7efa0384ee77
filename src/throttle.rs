//! How many failed sign-ins are tolerated before further attempts are
//! refused for a while — per account and per network address, so guessing
//! one person's password and spraying one password over many people both
//! stall. Pure: the counts come from the database, the decision from here.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrottlePolicy {
    /// Failures allowed within one window before attempts are refused.
    pub max_failures: u32,
    pub window_seconds: i64,
}

/// Generous enough for a person fumbling their password, tight enough that
/// guessing is hopeless: 5 tries per account, 30 per address, per 15 minutes.
pub const PER_ACCOUNT: ThrottlePolicy = ThrottlePolicy { max_failures: 5, window_seconds: 15 * 60 };
pub const PER_ADDRESS: ThrottlePolicy = ThrottlePolicy { max_failures: 30, window_seconds: 15 * 60 };

impl ThrottlePolicy {
    /// Given the failures recorded in a window that started `elapsed_seconds`
    /// ago, how long the next attempt must wait (`None`: it may go ahead).
    pub fn wait_seconds(&self, failures: u32, elapsed_seconds: i64) -> Option<i64> {
        let window_open = elapsed_seconds < self.window_seconds;
        (window_open && failures >= self.max_failures).then(|| self.window_seconds - elapsed_seconds)
    }
}

/// The message for a refused attempt, in whole minutes (at least one).
pub fn retry_message(wait_seconds: i64) -> String {
    let minutes = (wait_seconds + 59) / 60;
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many failed sign-in attempts. Try again in {} {unit}.", minutes.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_below_the_limit_go_ahead() {
        assert_eq!(PER_ACCOUNT.wait_seconds(4, 10), None);
    }

    #[test]
    fn the_attempt_after_the_limit_waits_for_the_rest_of_the_window() {
        assert_eq!(PER_ACCOUNT.wait_seconds(5, 60), Some(14 * 60));
    }

    #[test]
    fn an_expired_window_forgives_past_failures() {
        assert_eq!(PER_ACCOUNT.wait_seconds(50, 15 * 60), None);
    }

    #[test]
    fn an_address_may_fail_more_often_than_an_account() {
        assert_eq!(PER_ADDRESS.wait_seconds(5, 60), None);
        assert!(PER_ADDRESS.wait_seconds(30, 60).is_some());
    }

    #[test]
    fn the_message_rounds_up_to_whole_minutes() {
        assert_eq!(retry_message(61), "Too many failed sign-in attempts. Try again in 2 minutes.");
        assert_eq!(retry_message(5), "Too many failed sign-in attempts. Try again in 1 minute.");
    }
}
