//! Shared entries and rules for the rate tests: Ada (#5, a manager) works on
//! engagement #70 for client #7, in euros, on 2026-03-10.

mod reprice;
mod resolve;

use super::*;
use crate::money::Minutes;
use time::Month;

const ADA: i64 = 5;
const CLIENT: i64 = 7;
const ENGAGEMENT: i64 = 70;

fn day(year: i32, month: u8, day: u8) -> Date {
    Date::from_calendar_date(year, Month::try_from(month).unwrap(), day).unwrap()
}

fn ctx() -> EntryContext {
    EntryContext {
        date: day(2026, 3, 10),
        user_id: ADA,
        role: Role::Manager,
        client_id: CLIENT,
        engagement_id: ENGAGEMENT,
        currency: Currency::EUR,
    }
}

/// A billable euro rate of `euros` an hour, effective 2026-01-01.
fn rule(rate_id: i64, scope: RateScope, euros: i64) -> RateRule {
    RateRule {
        rate_id,
        kind: RateKind::Billable,
        scope,
        hourly: Money::new(euros * 100, Currency::EUR),
        effective_from: day(2026, 1, 1),
    }
}

fn from(date: Date, rule: RateRule) -> RateRule {
    RateRule { effective_from: date, ..rule }
}

/// Every scope that matches `ctx()`, least specific first.
fn matching_scopes() -> [RateScope; 6] {
    [
        RateScope::FirmDefault,
        RateScope::Role(Role::Manager),
        RateScope::Client(CLIENT),
        RateScope::Person(ADA),
        RateScope::Engagement(ENGAGEMENT),
        RateScope::EngagementPerson { engagement_id: ENGAGEMENT, user_id: ADA },
    ]
}

fn winner(rules: &[RateRule]) -> Option<i64> {
    resolve(rules, RateKind::Billable, &ctx()).map(|rate| rate.rate_id)
}
