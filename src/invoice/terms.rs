//! When an invoice is due, from the firm's (or the client's) payment terms.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentTerms {
    /// Due `n` days after the issue date ("net 30").
    Days(u16),
    OnReceipt,
    /// Due `n` days after the end of the issue date's month.
    EndOfMonthPlus(u16),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TermsError {
    #[error("choose when invoices are due")]
    UnknownKind,
    #[error("enter a number of days from 0 to 365")]
    BadDays,
}

impl PaymentTerms {
    /// From the settings form: a kind (`days`, `receipt`, `end_of_month`)
    /// and a number of days (ignored for `receipt`).
    pub fn parse(kind: &str, days: &str) -> Result<Self, TermsError> {
        let days = || -> Result<u16, TermsError> {
            days.trim().parse::<u16>().ok().filter(|d| *d <= 365).ok_or(TermsError::BadDays)
        };
        match kind {
            "days" => Ok(Self::Days(days()?)),
            "receipt" => Ok(Self::OnReceipt),
            "end_of_month" => Ok(Self::EndOfMonthPlus(days()?)),
            _ => Err(TermsError::UnknownKind),
        }
    }

    pub fn kind(self) -> &'static str {
        match self {
            Self::Days(_) => "days",
            Self::OnReceipt => "receipt",
            Self::EndOfMonthPlus(_) => "end_of_month",
        }
    }

    pub fn days(self) -> u16 {
        match self {
            Self::Days(n) | Self::EndOfMonthPlus(n) => n,
            Self::OnReceipt => 0,
        }
    }

    pub fn due_on(self, issued_on: Date) -> Date {
        match self {
            Self::Days(n) => issued_on.saturating_add(Duration::days(i64::from(n))),
            Self::OnReceipt => issued_on,
            Self::EndOfMonthPlus(n) => last_of_month(issued_on).saturating_add(Duration::days(i64::from(n))),
        }
    }

    /// As printed on the invoice.
    pub fn sentence(self) -> String {
        match self {
            Self::Days(0) | Self::OnReceipt => "Due on receipt".to_owned(),
            Self::Days(n) => format!("Due within {n} days"),
            Self::EndOfMonthPlus(0) => "Due at the end of the month".to_owned(),
            Self::EndOfMonthPlus(n) => format!("Due {n} days after the end of the month"),
        }
    }
}

fn last_of_month(date: Date) -> Date {
    let (year, month) = (date.year(), date.month());
    let days = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, days).unwrap_or(date)
}

/// The first day of `date`'s month.
pub fn first_of_month(date: Date) -> Date {
    date.replace_day(1).unwrap_or(date)
}

/// The period a retainer covers that contains `date`.
pub fn retainer_period(date: Date, period: &str) -> (Date, Date) {
    let year = date.year();
    let (first, months) = match period {
        "year" => (Month::January, 12),
        "quarter" => (Month::try_from(((u8::from(date.month()) - 1) / 3) * 3 + 1).unwrap_or(Month::January), 3),
        _ => (date.month(), 1),
    };
    let start = Date::from_calendar_date(year, first, 1).unwrap_or(date);
    let mut end = start;
    for _ in 0..months {
        end = last_of_month(end).next_day().unwrap_or(end);
    }
    (start, end.previous_day().unwrap_or(end))
}
