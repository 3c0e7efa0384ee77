//! The "add a rate" form as posted (every field a string, as a browser
//! sends it without JavaScript), checked into a scope, an amount and a
//! date with a message for the field that is wrong; and the rows the rates
//! page shows.

use super::{RateKind, RateScope};
use crate::access::Role;
use crate::money::{Currency, Money};
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateForm {
    /// `billable` or `cost`.
    pub kind: String,
    /// `firm`, `role`, `person`, `client`, `engagement` or `engagement_person`.
    pub scope: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub user_id: String,
    #[serde(default)]
    pub client_id: String,
    #[serde(default)]
    pub engagement_id: String,
    /// Per hour, as typed: `180`, `180,50` or `180.50`.
    pub amount: String,
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub effective_from: String,
}

/// A checked form: what the rule will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRate {
    pub kind: RateKind,
    pub scope: RateScope,
    pub hourly: Money,
    pub effective_from: Date,
}

/// The field that is wrong and what to say there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    pub field: &'static str,
    pub message: &'static str,
}

fn problem(field: &'static str, message: &'static str) -> FormProblem {
    FormProblem { field, message }
}

fn id(raw: &str, field: &'static str, message: &'static str) -> Result<i64, FormProblem> {
    raw.trim().parse().map_err(|_| problem(field, message))
}

/// An hourly amount in minor units: digits, then optionally a decimal point
/// or comma and one or two digits. Thousands separators are refused rather
/// than guessed at ("1.200" is 1.2 in one locale and 1200 in another).
pub fn parse_hourly(raw: &str) -> Option<i64> {
    let text = raw.trim();
    let (whole, fraction) = text.split_once([',', '.']).unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || !digits(whole) || fraction.len() > 2 || !digits(fraction) {
        return None;
    }
    if text.len() > whole.len() && fraction.is_empty() {
        return None;
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse::<i64>().ok()?,
    };
    Some(whole.parse::<i64>().ok()? * 100 + cents)
}

impl RateForm {
    pub fn check(&self) -> Result<CheckedRate, FormProblem> {
        let kind = match self.kind.as_str() {
            "billable" => RateKind::Billable,
            "cost" => RateKind::Cost,
            _ => return Err(problem("kind", "choose billable or cost")),
        };
        let person = || id(&self.user_id, "user_id", "choose the person");
        let engagement = || id(&self.engagement_id, "engagement_id", "choose the engagement");
        let scope = match self.scope.as_str() {
            "firm" => RateScope::FirmDefault,
            "role" => RateScope::Role(Role::parse(&self.role).ok_or(problem("role", "choose the role"))?),
            "person" => RateScope::Person(person()?),
            "client" => RateScope::Client(id(&self.client_id, "client_id", "choose the client")?),
            "engagement" => RateScope::Engagement(engagement()?),
            "engagement_person" => RateScope::EngagementPerson { engagement_id: engagement()?, user_id: person()? },
            _ => return Err(problem("scope", "choose whom the rate is for")),
        };
        let minor = parse_hourly(&self.amount).ok_or(problem("amount", "write the hourly amount as 180 or 180,50"))?;
        let currency = Currency::parse(&self.currency)
            .map_err(|_| problem("currency", "a currency is three letters, such as EUR or USD"))?;
        let effective_from = crate::my_week::parse_date(&self.effective_from)
            .map_err(|_| problem("effective_from", "choose the date the rate takes effect"))?;
        Ok(CheckedRate { kind, scope, hourly: Money::new(minor, currency), effective_from })
    }
}

/// One rule, in words, as the rates page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateListing {
    pub rate_id: i64,
    pub kind: RateKind,
    /// E.g. "Engagement ACME-01 for Emma Stone".
    pub scope: String,
    pub hourly: Money,
    pub effective_from: Date,
}

/// A recent time entry with the price it was stamped with, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StampedEntry {
    pub time_entry_id: i64,
    pub work_date: Date,
    pub person: String,
    pub engagement_code: String,
    pub minutes: u32,
    pub status: String,
    /// `None`: no billable rule applied.
    pub billable: Option<Money>,
    pub explanation: Option<String>,
}

/// "180.50 USD".
pub fn format_hourly(money: Money) -> String {
    format!("{}.{:02} {}", money.minor / 100, (money.minor % 100).abs(), money.currency)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(scope: &str) -> RateForm {
        RateForm {
            kind: "billable".into(),
            scope: scope.into(),
            amount: "180,50".into(),
            currency: "eur".into(),
            effective_from: "2026-01-01".into(),
            ..RateForm::default()
        }
    }

    #[test]
    fn an_amount_is_typed_whole_or_with_a_decimal_comma_or_point() {
        assert_eq!(parse_hourly("180"), Some(18000));
        assert_eq!(parse_hourly(" 180,50 "), Some(18050));
        assert_eq!(parse_hourly("180.5"), Some(18050));
    }

    #[test]
    fn thousands_separators_signs_and_words_are_refused() {
        for raw in ["", "1.200,00", "-5", "180,", "abc", "180,505", ",5"] {
            assert_eq!(parse_hourly(raw), None, "{raw}");
        }
    }

    #[test]
    fn a_firm_default_needs_no_ids_and_reads_amount_currency_and_date() {
        let checked = form("firm").check().unwrap();
        assert_eq!(checked.scope, RateScope::FirmDefault);
        assert_eq!(checked.hourly, Money::new(18050, Currency::EUR));
        assert_eq!(checked.effective_from.to_string(), "2026-01-01");
    }

    #[test]
    fn an_engagement_and_person_rate_needs_both_ids() {
        let mut both = form("engagement_person");
        both.engagement_id = "7".into();
        assert_eq!(both.check().unwrap_err().field, "user_id");
        both.user_id = "3".into();
        assert_eq!(both.check().unwrap().scope, RateScope::EngagementPerson { engagement_id: 7, user_id: 3 });
    }

    #[test]
    fn each_wrong_field_is_named() {
        let mut bad = form("role");
        assert_eq!(bad.check().unwrap_err().field, "role");
        bad.scope = "galaxy".into();
        assert_eq!(bad.check().unwrap_err().field, "scope");
        let mut date = form("firm");
        date.effective_from = "1 Jan".into();
        assert_eq!(date.check().unwrap_err().field, "effective_from");
    }

    #[test]
    fn an_hourly_amount_is_shown_with_two_decimals_and_its_currency() {
        assert_eq!(format_hourly(Money::new(18005, Currency::USD)), "180.05 USD");
    }
}
