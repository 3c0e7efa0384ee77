//! Money and time spent, as integers. Amounts are kept in minor units (cents)
//! and durations in whole minutes so that totals add up exactly on the server,
//! in the browser and in the database alike; floating point never touches an
//! amount. The one place where a fraction appears — pricing minutes at an
//! hourly rate — rounds by a single written rule ([`amount_for`]).

use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 4217 currency code such as `EUR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CurrencyError {
    #[error("a currency is three letters, such as EUR or USD")]
    NotThreeLetters,
}

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");
    pub const USD: Currency = Currency(*b"USD");
    pub const GBP: Currency = Currency(*b"GBP");

    /// Three ASCII letters. Lower case is accepted as typed and stored upper
    /// case: "eur" is plainly meant as EUR. Whether the code is *assigned* by
    /// ISO is not checked — the list changes, and a firm billing in a code we
    /// have not heard of should not be blocked by us.
    pub fn parse(raw: &str) -> Result<Self, CurrencyError> {
        let bytes = raw.trim().as_bytes();
        match bytes {
            [a, b, c] if bytes.iter().all(u8::is_ascii_alphabetic) => {
                Ok(Self([a.to_ascii_uppercase(), b.to_ascii_uppercase(), c.to_ascii_uppercase()]))
            }
            _ => Err(CurrencyError::NotThreeLetters),
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII letters are ever stored (see `parse`), so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Currency {
    type Error = CurrencyError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.as_str().to_owned()
    }
}

/// An amount in the currency's minor unit (cents for EUR). Negative amounts
/// are allowed: credit notes and write-offs are money too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }
}

/// A duration in whole minutes: what a timesheet records. Serialized as the
/// bare number of minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Minutes(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("enter a duration, such as 1:30, 1.5, 90m or 2h")]
    Empty,
    #[error("write a duration as 1:30, 1.5, 90m or 2h")]
    Unreadable,
    #[error("minutes after the colon go from 00 to 59")]
    MinutesOutOfRange,
    #[error("that duration is too long")]
    TooLong,
}

impl Minutes {
    pub const ZERO: Minutes = Minutes(0);

    pub fn from_hours(hours: u32) -> Self {
        Self(hours.saturating_mul(60))
    }

    /// Reads a duration the ways people type one:
    ///
    /// * `1:30` — hours and minutes;
    /// * `1.5` or `1,5` — decimal hours, with either a point or a decimal
    ///   comma (many of our firms' locales write `1,5`), rounded to the
    ///   nearest minute; a bare `2` is two hours, since hours are what a
    ///   timesheet cell means;
    /// * `90m`, `2h`, `1.5h`, `1h30m`, `1h 30m` — with units.
    pub fn parse(raw: &str) -> Result<Self, DurationError> {
        let text: String = raw.trim().to_ascii_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
        if text.is_empty() {
            return Err(DurationError::Empty);
        }
        if let Some((hours, minutes)) = text.split_once(':') {
            let hours = whole(hours)?;
            if minutes.len() != 2 {
                return Err(DurationError::Unreadable);
            }
            let minutes = whole(minutes)?;
            if minutes >= 60 {
                return Err(DurationError::MinutesOutOfRange);
            }
            return hours.checked_mul(60).and_then(|h| h.checked_add(minutes)).map(Self).ok_or(DurationError::TooLong);
        }
        if let Some(minutes) = text.strip_suffix('m') {
            let (hours, minutes) = match minutes.split_once('h') {
                Some((hours, minutes)) => (whole(hours)?, whole(minutes)?),
                None => (0, whole(minutes)?),
            };
            return hours.checked_mul(60).and_then(|h| h.checked_add(minutes)).map(Self).ok_or(DurationError::TooLong);
        }
        decimal_hours(text.strip_suffix('h').unwrap_or(&text)).map(Self)
    }
}

/// Digits only: no signs, no spaces, at least one digit.
fn whole(digits: &str) -> Result<u32, DurationError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DurationError::Unreadable);
    }
    digits.parse().map_err(|_| DurationError::TooLong)
}

/// `1.5` / `1,5` hours in minutes, rounding half a minute up. Integer
/// arithmetic on the digits, so `0.1` hours is exactly 6 minutes.
fn decimal_hours(text: &str) -> Result<u32, DurationError> {
    let (int, frac) = text.split_once(['.', ',']).unwrap_or((text, ""));
    let int = if int.is_empty() && !frac.is_empty() { 0 } else { whole(int)? };
    let frac_minutes = if frac.is_empty() {
        0
    } else {
        // More digits than this are noise, not precision (a millionth of an hour).
        if frac.len() > 6 {
            return Err(DurationError::Unreadable);
        }
        let scale = 10u64.pow(frac.len() as u32);
        let digits = u64::from(whole(frac)?);
        (digits * 60 + scale / 2) / scale
    };
    u64::from(int)
        .checked_mul(60)
        .map(|m| m + frac_minutes)
        .and_then(|m| u32::try_from(m).ok())
        .ok_or(DurationError::TooLong)
}

/// `h:mm`, as timesheets show durations (`1:30`, `0:05`, `12:00`).
impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl std::ops::Add for Minutes {
    type Output = Minutes;
    /// Saturating: a total of more than 8,000 years of work is not a case to
    /// panic over.
    fn add(self, rhs: Minutes) -> Minutes {
        Minutes(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::AddAssign for Minutes {
    fn add_assign(&mut self, rhs: Minutes) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Minutes {
    fn sum<I: Iterator<Item = Minutes>>(iter: I) -> Minutes {
        iter.fold(Minutes::ZERO, |a, b| a + b)
    }
}

/// What `minutes` of work cost at `hourly_rate_minor` per hour, in minor units.
///
/// Rounding rule: the exact value `minutes × rate / 60` is rounded to the
/// nearest minor unit, **half away from zero** (so 0.5 cent becomes 1 cent and
/// −0.5 cent becomes −1 cent). This is the rule people apply by hand and the
/// one accountants expect; it is applied once per entry, and invoice totals
/// are sums of these rounded amounts so that every line adds up on paper.
/// Results beyond the range of `i64` saturate (no real rate gets there).
pub fn amount_for(minutes: Minutes, hourly_rate_minor: i64) -> i64 {
    let exact = i128::from(minutes.0) * i128::from(hourly_rate_minor);
    let (quotient, remainder) = (exact / 60, exact % 60);
    let rounded = if remainder.abs() * 2 >= 60 { quotient + exact.signum() } else { quotient };
    i64::try_from(rounded).unwrap_or(if rounded < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests;
