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

use super::grouping::{ExpenseGrouping, Grouping, time_lines};
use super::tax::Percent;
use crate::engagement::BillingModel;
use crate::money::{Minutes, amount_for};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
            BillingModel::Hourly => plan.lines.extend(time_lines(&terms.label, &time, request.grouping)),
            BillingModel::FixedFee => fixed_fee(&mut plan, request, terms, &time),
            BillingModel::Retainer => retainer(&mut plan, terms, &time),
        }
        let spent: Vec<&SpendItem> = spend.iter().filter(|s| s.engagement_id == terms.engagement_id).collect();
        plan.lines.extend(expense_lines(&terms.label, &spent, request.expense_grouping));
    }
    plan
}

fn worked(time: &[&WorkItem]) -> (Minutes, i64) {
    let minutes = time.iter().map(|w| w.minutes).sum();
    let value = time.iter().map(|w| w.rate_minor.map(|r| amount_for(w.minutes, r)).unwrap_or(0)).sum();
    (minutes, value)
}

fn fixed_fee(plan: &mut Plan, request: &DraftRequest, terms: &EngagementTerms, time: &[&WorkItem]) {
    let Some(asked) = request.instalment else {
        if !time.is_empty() {
            plan.left_out.push(format!("{}: fixed fee, no instalment asked for this time", terms.label));
        }
        return;
    };
    match instalment(terms.fee_minor, terms.fee_billed_minor, asked) {
        Ok(amount) => {
            let (minutes, value) = worked(time);
            plan.lines.push(PlannedLine {
                kind: LineKind::FixedFee,
                engagement_id: Some(terms.engagement_id),
                description: format!("{} — fixed fee instalment", terms.label),
                detail: format!("{minutes} hours of work in the period"),
                quantity: Quantity::Units(100),
                rate_minor: Some(amount),
                amount_minor: amount,
                worked_minor: value,
                entries: time.iter().map(|w| w.time_entry_id).collect(),
                expenses: Vec::new(),
            });
        }
        Err(e) => plan.left_out.push(format!("{}: {e}", terms.label)),
    }
}

fn retainer(plan: &mut Plan, terms: &EngagementTerms, time: &[&WorkItem]) {
    let (from, to) = terms.retainer_period;
    if terms.retainer_already_billed {
        plan.left_out.push(format!("{}: the retainer for {from} to {to} is already invoiced", terms.label));
        return;
    }
    let Some(fee) = terms.fee_minor else {
        plan.left_out.push(format!("{}: the retainer has no amount set", terms.label));
        return;
    };
    let included = terms.retainer_included.unwrap_or(Minutes(u32::MAX));
    let (within, beyond) = split_at_included(time, included);
    let (all_minutes, _) = worked(time);
    let (_, value) = worked(&within);
    let minutes = Minutes(all_minutes.0.min(included.0));
    plan.lines.push(PlannedLine {
        kind: LineKind::Retainer,
        engagement_id: Some(terms.engagement_id),
        description: format!("{} — retainer, {from} to {to}", terms.label),
        detail: format!("{minutes} hours of work included"),
        quantity: Quantity::Units(100),
        rate_minor: Some(fee),
        amount_minor: fee,
        worked_minor: value,
        entries: within.iter().map(|w| w.time_entry_id).collect(),
        expenses: Vec::new(),
    });
    if beyond.is_empty() {
        return;
    }
    let minutes: Minutes = beyond.iter().map(|(_, m)| *m).sum();
    let value: i64 = beyond.iter().map(|(w, m)| w.rate_minor.map(|r| amount_for(*m, r)).unwrap_or(0)).sum();
    let amount = if terms.bill_overage { value } else { 0 };
    let rates: std::collections::BTreeSet<Option<i64>> = beyond.iter().map(|(w, _)| w.rate_minor).collect();
    plan.lines.push(PlannedLine {
        kind: LineKind::Overage,
        engagement_id: Some(terms.engagement_id),
        description: format!("{} — time beyond the retainer", terms.label),
        detail: if terms.bill_overage { "billed at the usual rates".to_owned() } else { "not billed".to_owned() },
        quantity: Quantity::Minutes(minutes),
        rate_minor: if terms.bill_overage && rates.len() == 1 { rates.into_iter().next().flatten() } else { None },
        amount_minor: amount,
        worked_minor: value,
        // An entry split across the limit is billed by the overage line.
        entries: beyond.iter().map(|(w, _)| w.time_entry_id).collect(),
        expenses: Vec::new(),
    });
}

/// Entries in date order while they fit in `included` minutes, and the
/// minutes beyond it per entry. An entry that crosses the limit is billed
/// by the overage line for its part beyond the limit only.
fn split_at_included<'a>(
    time: &[&'a WorkItem],
    included: Minutes,
) -> (Vec<&'a WorkItem>, Vec<(&'a WorkItem, Minutes)>) {
    let mut sorted: Vec<&WorkItem> = time.to_vec();
    sorted.sort_by_key(|w| (w.work_date, w.time_entry_id));
    let (mut within, mut beyond, mut used) = (Vec::new(), Vec::new(), 0u32);
    for w in sorted {
        let inside = w.minutes.0.min(included.0.saturating_sub(used));
        used += inside;
        if inside == w.minutes.0 {
            within.push(w);
        } else {
            beyond.push((w, Minutes(w.minutes.0 - inside)));
        }
    }
    (within, beyond)
}

fn expense_lines(label: &str, spent: &[&SpendItem], grouping: ExpenseGrouping) -> Vec<PlannedLine> {
    let line = |description: String, detail: String, items: &[&SpendItem]| {
        let amount: i64 = items.iter().map(|s| s.amount_minor).sum();
        PlannedLine {
            kind: LineKind::Expense,
            engagement_id: items.first().map(|s| s.engagement_id),
            description,
            detail,
            quantity: Quantity::Units(100),
            rate_minor: Some(amount),
            amount_minor: amount,
            worked_minor: amount,
            entries: Vec::new(),
            expenses: items.iter().map(|s| s.expense_id).collect(),
        }
    };
    match grouping {
        ExpenseGrouping::Detailed => spent
            .iter()
            .map(|s| {
                let what = if s.notes.trim().is_empty() { s.category.clone() } else { s.notes.trim().to_owned() };
                line(format!("{label} — {what}"), format!("{} · {} · {}", s.spent_on, s.person, s.category), &[*s])
            })
            .collect(),
        ExpenseGrouping::ByCategory => {
            let mut groups: BTreeMap<&str, Vec<&SpendItem>> = BTreeMap::new();
            for s in spent {
                groups.entry(s.category.as_str()).or_default().push(s);
            }
            groups
                .into_iter()
                .map(|(category, items)| {
                    let n = items.len();
                    line(
                        format!("{label} — {category}"),
                        format!("{n} {}", if n == 1 { "expense" } else { "expenses" }),
                        &items,
                    )
                })
                .collect()
        }
    }
}
