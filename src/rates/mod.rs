//! Hourly rates that explain themselves.
//!
//! A firm sets rates at several levels — a default, per role, per person,
//! per client, per engagement, per person on an engagement — and every time
//! entry must be priced by exactly one of them, with a sentence saying which
//! and why, because "why is this hour €180?" is the first question a client
//! or a partner asks about an invoice. Billable rates (what the client pays)
//! and cost rates (what the hour costs the firm) follow the same rules.
//!
//! # Which rule wins
//!
//! A rule *applies* to an entry when its scope matches the entry, it took
//! effect on or before the entry's date, its kind is the one asked for, and
//! it is in the entry's currency (a rate in another currency cannot price the
//! entry without an exchange rate, and guessing one is not our place: such
//! rules simply do not apply).
//!
//! Among the applicable rules, the most specific scope wins:
//!
//! 1. **engagement + person** — what was negotiated for this person on this
//!    piece of work; nothing is more deliberate than that;
//! 2. **engagement** — the price agreed for the work, whoever does it;
//! 3. **person** — someone's own rate reflects their seniority and beats the
//!    client's general rate;
//! 4. **client** — a discount or premium for everything done for a client;
//! 5. **role** — the grade's standard rate;
//! 6. **firm default** — the fallback, so every entry has a price.
//!
//! Specificity beats recency: an engagement rate agreed in 2024 still beats
//! a firm-wide increase in 2026, since the engagement letter is what the
//! client signed. Within one scope level, the rule with the latest
//! `effective_from` wins (a new rate replaces the old from its date on); if
//! two share that date, the highest `rate_id` — the one entered later —
//! wins, so a correction entered the same day takes over.

mod form;
mod reprice;
#[cfg(test)]
mod tests;

pub use form::{CheckedRate, FormProblem, RateForm, RateListing, StampedEntry, format_hourly, parse_hourly};
pub use reprice::{PriceChange, PricedEntry, RepricePreview, reprice_preview};

use crate::access::Role;
use crate::money::{Currency, Money};
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RateKind {
    /// What the client is charged.
    Billable,
    /// What the hour costs the firm (for margins).
    Cost,
}

impl RateKind {
    fn label(self) -> &'static str {
        match self {
            RateKind::Billable => "billable",
            RateKind::Cost => "cost",
        }
    }
}

/// Whom a rate is for. Ids are the firm's own user, client and engagement ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RateScope {
    FirmDefault,
    Role(Role),
    Person(i64),
    Client(i64),
    Engagement(i64),
    EngagementPerson { engagement_id: i64, user_id: i64 },
}

impl RateScope {
    /// Higher is more specific; see the module documentation for the order.
    pub fn specificity(self) -> u8 {
        match self {
            RateScope::FirmDefault => 0,
            RateScope::Role(_) => 1,
            RateScope::Client(_) => 2,
            RateScope::Person(_) => 3,
            RateScope::Engagement(_) => 4,
            RateScope::EngagementPerson { .. } => 5,
        }
    }

    pub fn matches(self, ctx: &EntryContext) -> bool {
        match self {
            RateScope::FirmDefault => true,
            RateScope::Role(role) => ctx.role == role,
            RateScope::Person(user_id) => ctx.user_id == user_id,
            RateScope::Client(client_id) => ctx.client_id == client_id,
            RateScope::Engagement(engagement_id) => ctx.engagement_id == engagement_id,
            RateScope::EngagementPerson { engagement_id, user_id } => {
                ctx.engagement_id == engagement_id && ctx.user_id == user_id
            }
        }
    }

    /// How an explanation names the scope ("engagement + person").
    pub fn label(self) -> String {
        match self {
            RateScope::FirmDefault => "firm default".to_owned(),
            RateScope::Role(role) => format!("{} role", role.label()),
            RateScope::Person(_) => "person".to_owned(),
            RateScope::Client(_) => "client".to_owned(),
            RateScope::Engagement(_) => "engagement".to_owned(),
            RateScope::EngagementPerson { .. } => "engagement + person".to_owned(),
        }
    }
}

/// One rate as the firm entered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateRule {
    pub rate_id: i64,
    pub kind: RateKind,
    pub scope: RateScope,
    pub hourly: Money,
    pub effective_from: Date,
}

/// What a time entry is, as far as pricing cares. `role` is the person's
/// role on the entry's date; `currency` is the engagement's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryContext {
    pub date: Date,
    pub user_id: i64,
    pub role: Role,
    pub client_id: i64,
    pub engagement_id: i64,
    pub currency: Currency,
}

/// The rate that prices an entry, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedRate {
    pub rate_id: i64,
    pub hourly: Money,
    pub scope: RateScope,
    pub effective_from: Date,
    /// E.g. "Engagement + person billable rate, effective 2026-01-01; it
    /// takes precedence over the client and firm default rates."
    pub explanation: String,
}

impl RateRule {
    pub fn applies(&self, kind: RateKind, ctx: &EntryContext) -> bool {
        self.kind == kind
            && self.hourly.currency == ctx.currency
            && self.effective_from <= ctx.date
            && self.scope.matches(ctx)
    }

    /// Orders rules so that the winner is the greatest: scope, then date,
    /// then id (the tie rule in the module documentation).
    fn precedence(&self) -> (u8, Date, i64) {
        (self.scope.specificity(), self.effective_from, self.rate_id)
    }
}

/// The rate of `kind` that prices an entry in `ctx`, or `None` when no rule
/// applies (the entry then needs a rate before it can be invoiced).
pub fn resolve(rules: &[RateRule], kind: RateKind, ctx: &EntryContext) -> Option<ResolvedRate> {
    let applicable: Vec<&RateRule> = rules.iter().filter(|rule| rule.applies(kind, ctx)).collect();
    let winner = *applicable.iter().max_by_key(|rule| rule.precedence())?;
    let mut explanation =
        format!("{} {} rate, effective {}", capitalised(&winner.scope.label()), kind.label(), winner.effective_from);
    let mut beaten: Vec<RateScope> = applicable
        .iter()
        .map(|rule| rule.scope)
        .filter(|scope| scope.specificity() < winner.scope.specificity())
        .collect();
    beaten.sort_by_key(|scope| std::cmp::Reverse(scope.specificity()));
    beaten.dedup_by_key(|scope| scope.specificity());
    if !beaten.is_empty() {
        let labels: Vec<String> = beaten.iter().map(|scope| scope.label()).collect();
        let noun = if labels.len() == 1 { "rate" } else { "rates" };
        explanation.push_str(&format!("; it takes precedence over the {} {noun}", join_and(&labels)));
    }
    Some(ResolvedRate {
        rate_id: winner.rate_id,
        hourly: winner.hourly,
        scope: winner.scope,
        effective_from: winner.effective_from,
        explanation,
    })
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
