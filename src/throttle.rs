//! How many sign-in attempts are tolerated before further ones wait, and
//! against which counters an attempt is counted. Pure: the counts come from
//! the database (`auth::throttle`), the decision from here.
//!
//! The rule, written for people (docs/operations.md repeats it):
//! - Every attempt is counted *before* the password is checked, so a burst
//!   of parallel guesses cannot slip past the limit while earlier guesses
//!   are still being verified.
//! - **Pair** (account + address): 5 attempts per 15 minutes. This is what
//!   a person fumbling their own password meets.
//! - From an address the account has never signed in from, two more
//!   counters apply: **account** (20 per hour over all such addresses, the
//!   slower global back-off that stops distributed guessing) and **address**
//!   (30 per 15 minutes over all accounts, which stops spraying one password
//!   over many people).
//! - From an address the account *has* signed in from (in the last 90
//!   days), only the pair counter applies. So an attacker elsewhere, or many
//!   people sharing one proxy address, cannot lock the owner out: the
//!   owner's usual address has a budget of its own.
//!
//! A successful sign-in clears its pair counter, remembers the address and
//! gives its own attempt back to the address counter (wrong ones stay), so
//! colleagues signing in for the first time behind one office address do
//! not use up its budget.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThrottlePolicy {
    /// Attempts allowed within one window; the next one waits.
    pub max_attempts: u32,
    pub window_seconds: i64,
}

/// One account from one address.
pub const PER_PAIR: ThrottlePolicy = ThrottlePolicy { max_attempts: 5, window_seconds: 15 * 60 };
/// One account, from all the addresses it has never signed in from.
pub const PER_ACCOUNT_UNFAMILIAR: ThrottlePolicy = ThrottlePolicy { max_attempts: 20, window_seconds: 60 * 60 };
/// One unfamiliar address, over all the accounts it tries.
pub const PER_ADDRESS_UNFAMILIAR: ThrottlePolicy = ThrottlePolicy { max_attempts: 30, window_seconds: 15 * 60 };
/// How long a successful sign-in makes an address familiar to its account.
pub const FAMILIAR_FOR_DAYS: i64 = 90;

/// The counters an attempt is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    Pair,
    Account,
    Address,
}

impl Counter {
    pub fn policy(self) -> ThrottlePolicy {
        match self {
            Self::Pair => PER_PAIR,
            Self::Account => PER_ACCOUNT_UNFAMILIAR,
            Self::Address => PER_ADDRESS_UNFAMILIAR,
        }
    }
}

/// Which counters apply: all three from an unfamiliar address, only the
/// pair from one the account has signed in from.
pub fn counters_for(familiar: bool) -> &'static [Counter] {
    if familiar { &[Counter::Pair] } else { &[Counter::Pair, Counter::Account, Counter::Address] }
}

impl ThrottlePolicy {
    /// `attempt` is this attempt's number within a window that started
    /// `elapsed_seconds` ago (it counts itself). How long it must wait
    /// before trying again, if it may not go ahead now.
    pub fn wait_seconds(&self, attempt: u32, elapsed_seconds: i64) -> Option<i64> {
        let window_open = elapsed_seconds < self.window_seconds;
        (window_open && attempt > self.max_attempts).then(|| (self.window_seconds - elapsed_seconds).max(1))
    }
}

/// The message for a refused attempt, in whole minutes (at least one).
pub fn retry_message(wait_seconds: i64) -> String {
    let minutes = (wait_seconds + 59) / 60;
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many sign-in attempts. Try again in {} {unit}.", minutes.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fifth_attempt_on_a_pair_still_goes_ahead() {
        assert_eq!(PER_PAIR.wait_seconds(5, 10), None);
    }

    #[test]
    fn the_attempt_after_the_limit_waits_for_the_rest_of_the_window() {
        assert_eq!(PER_PAIR.wait_seconds(6, 60), Some(14 * 60));
    }

    #[test]
    fn an_expired_window_forgives_past_attempts() {
        assert_eq!(PER_PAIR.wait_seconds(50, 15 * 60), None);
    }

    #[test]
    fn an_unfamiliar_address_meets_all_three_counters() {
        assert_eq!(counters_for(false), &[Counter::Pair, Counter::Account, Counter::Address]);
    }

    #[test]
    fn a_familiar_address_meets_only_its_own_pair_counter() {
        assert_eq!(counters_for(true), &[Counter::Pair]);
    }

    #[test]
    fn the_account_wide_back_off_is_slower_than_the_pair_limit() {
        let (pair, account) = (Counter::Pair.policy(), Counter::Account.policy());
        assert!(account.max_attempts > pair.max_attempts);
        assert!(account.window_seconds > pair.window_seconds);
    }

    #[test]
    fn an_address_may_try_more_often_than_a_pair() {
        assert_eq!(PER_ADDRESS_UNFAMILIAR.wait_seconds(6, 60), None);
        assert!(PER_ADDRESS_UNFAMILIAR.wait_seconds(31, 60).is_some());
    }

    #[test]
    fn the_wait_is_never_zero_seconds() {
        assert_eq!(PER_PAIR.wait_seconds(6, 15 * 60 - 1), Some(1));
    }

    #[test]
    fn the_message_rounds_up_to_whole_minutes() {
        assert_eq!(retry_message(61), "Too many sign-in attempts. Try again in 2 minutes.");
        assert_eq!(retry_message(5), "Too many sign-in attempts. Try again in 1 minute.");
    }
}
