//! A draft invoice from a client's unbilled work: what the manager asked
//! for (a period, a grouping, an instalment of a fixed fee) and what is
//! waiting to be billed (approved billable time and expenses, each
//! engagement's terms) become planned lines. Each engagement is billed by
//! its own model:
//!
//! * hourly — its time at the rates stamped on the entries;
//! * fixed fee — an instalment, never more than what is left of the fee;
//!   the period's time rides along on the line (so it is marked invoiced
//!   and realization can compare the fee with the work);
//! * retainer — the period's amount once, with time beyond the hours it
//!   includes shown, and billed as overage where the engagement says so;
//! * non-billable — never appears (the caller does not even load it).

use super::billing_models::{fixed_fee, retainer};
use super::grouping::{ExpenseGrouping, Grouping, expense_lines, time_lines};
use super::tax::Percent;
use crate::engagement::BillingModel;
use crate::money::{Minutes, amount_for};
use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LineKind {
    Time,
    Expense,
    FixedFee,
    Retainer,
    Overage,
    /// Typed by hand on the draft.
    Free,
}

impl LineKind {
    pub const ALL: [LineKind; 6] =
        [Self::Time, Self::Expense, Self::FixedFee, Self::Retainer, Self::Overage, Self::Free];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Time => "time",
            Self::Expense => "expense",
            Self::FixedFee => "fixed_fee",
            Self::Retainer => "retainer",
            Self::Overage => "overage",
            Self::Free => "free",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// How much of something a line bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Quantity {
    /// Time, priced per hour.
    Minutes(Minutes),
    /// A count in hundredths (1.5 items is 150), priced per item.
    Units(i64),
}

impl Quantity {
    /// The line's amount at `rate_minor` per hour or per item, rounded half
    /// away from zero.
    pub fn amount_at(self, rate_minor: i64) -> i64 {
        match self {
            Self::Minutes(minutes) => amount_for(minutes, rate_minor),
            Self::Units(hundredths) => {
                let exact = i128::from(hundredths) * i128::from(rate_minor);
                let (q, r) = (exact / 100, exact % 100);
                let rounded = if r.abs() * 2 >= 100 { q + exact.signum() } else { q };
                i64::try_from(rounded).unwrap_or(i64::MAX)
            }
        }
    }
}

/// One approved, billable, not yet invoiced time entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkItem {
    pub time_entry_id: i64,
    pub engagement_id: i64,
    pub person: String,
    /// The person's role as the invoice names it ("Manager").
    pub role: String,
    pub work_date: Date,
    pub minutes: Minutes,
    /// `None`: no rate rule applied; such entries are left out (and said so).
    pub rate_minor: Option<i64>,
    pub notes: String,
}

/// One approved, billable, not yet invoiced expense in the invoice's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendItem {
    pub expense_id: i64,
    pub engagement_id: i64,
    pub person: String,
    pub category: String,
    pub spent_on: Date,
    pub amount_minor: i64,
    pub notes: String,
}

/// What the draft needs to know about an engagement of the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementTerms {
    pub engagement_id: i64,
    /// "ACME-01 Annual audit".
    pub label: String,
    pub model: BillingModel,
    /// The fixed fee, or the retainer's amount per period.
    pub fee_minor: Option<i64>,
    /// Fixed fee: what earlier (non-void) invoices already billed of it.
    pub fee_billed_minor: i64,
    /// Retainer: hours included per period, and whether time beyond them is billed.
    pub retainer_included: Option<Minutes>,
    pub bill_overage: bool,
    /// Retainer: the period's amount is already on another invoice.
    pub retainer_already_billed: bool,
    /// Retainer: the period (month, quarter or year) the draft bills.
    pub retainer_period: (Date, Date),
}

/// How much of a fixed fee this invoice bills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Instalment {
    Amount(i64),
    Percent(Percent),
    /// Whatever is left of the fee.
    Rest,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstalmentError {
    #[error("this engagement has no fixed fee set")]
    NoFee,
    #[error("the whole fee has already been invoiced")]
    NothingLeft,
    #[error("only {left} of the fee is left to invoice")]
    MoreThanLeft { left: i64 },
    #[error("an instalment is above zero")]
    NotPositive,
}

/// The amount of an instalment of `fee` of which `billed` is already invoiced.
pub fn instalment(fee: Option<i64>, billed: i64, asked: Instalment) -> Result<i64, InstalmentError> {
    let fee = fee.filter(|f| *f > 0).ok_or(InstalmentError::NoFee)?;
    let left = fee - billed;
    if left <= 0 {
        return Err(InstalmentError::NothingLeft);
    }
    let amount = match asked {
        Instalment::Amount(amount) => amount,
        Instalment::Percent(percent) => super::tax::tax_on(fee, percent),
        Instalment::Rest => left,
    };
    if amount <= 0 {
        return Err(InstalmentError::NotPositive);
    }
    if amount > left {
        return Err(InstalmentError::MoreThanLeft { left });
    }
    Ok(amount)
}

/// A line the draft will have, with the entries and expenses it bills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedLine {
    pub kind: LineKind,
    pub engagement_id: Option<i64>,
    pub description: String,
    pub detail: String,
    pub quantity: Quantity,
    pub rate_minor: Option<i64>,
    pub amount_minor: i64,
    /// The value of the work at its rates, before any write-down: what
    /// realization compares the billed amount with.
    pub worked_minor: i64,
    pub entries: Vec<i64>,
    pub expenses: Vec<i64>,
}

/// What the manager asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftRequest {
    pub grouping: Grouping,
    pub expense_grouping: ExpenseGrouping,
    /// For fixed-fee engagements; `None` bills no instalment this time.
    pub instalment: Option<Instalment>,
    /// Whether line details name the people who did the work (a firm's
    /// layout option). Composed into the lines now, so an invoice once
    /// drafted reads the same whatever the firm later chooses.
    pub show_people: bool,
    /// Where the firm's weeks start, for lines grouped by week.
    pub first_day: crate::first_day::FirstDay,
}

/// The planned lines, and sentences about what was left out and why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub lines: Vec<PlannedLine>,
    pub left_out: Vec<String>,
}

/// Plans a draft for one client. `engagements` are the client's billable
/// engagements in the invoice's currency, in the order lines should follow.
pub fn plan(request: &DraftRequest, engagements: &[EngagementTerms], work: &[WorkItem], spend: &[SpendItem]) -> Plan {
    let mut plan = Plan::default();
    let unpriced = work.iter().filter(|w| w.rate_minor.is_none()).count();
    if unpriced > 0 {
        plan.left_out.push(format!(
            "{unpriced} time {} no rate yet and {} left out; give them a rate on the rates page",
            if unpriced == 1 { "entry has" } else { "entries have" },
            if unpriced == 1 { "was" } else { "were" },
        ));
    }
    for terms in engagements {
        let time: Vec<&WorkItem> =
            work.iter().filter(|w| w.engagement_id == terms.engagement_id && w.rate_minor.is_some()).collect();
        match terms.model {
            BillingModel::NonBillable => {}
            BillingModel::Hourly => plan.lines.extend(time_lines(&terms.label, &time, request)),
            BillingModel::FixedFee => fixed_fee(&mut plan, request, terms, &time),
            BillingModel::Retainer => retainer(&mut plan, terms, &time),
        }
        let spent: Vec<&SpendItem> = spend.iter().filter(|s| s.engagement_id == terms.engagement_id).collect();
        plan.lines.extend(expense_lines(&terms.label, &spent, request.expense_grouping, request.show_people));
    }
    plan
}
