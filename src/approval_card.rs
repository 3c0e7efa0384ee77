//! What an approver reads before approving a week, beyond its times: the
//! rate each billable entry was priced at, and what the week does to each
//! engagement's budget. A week that takes a project past its budget, or an
//! entry priced at the wrong rate, should be seen before the week locks, not
//! when the invoice is questioned.
//!
//! Plain data and pure rules, so the inbox card and the full-week page
//! (`/approvals/weeks/{id}`) say the same thing from the same numbers.

use crate::engagement::{Budget, Burn, burn};
use crate::money::{Minutes, Money};
use crate::my_week::WeekEntry;
use serde::{Deserialize, Serialize};

/// One entry as its approver sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardEntry {
    pub engagement_id: i64,
    pub entry: WeekEntry,
    /// The billable rate stamped on the entry (per hour); `None` when no
    /// rate rule applied yet, which the card says, since such an entry
    /// cannot be invoiced.
    pub rate: Option<Money>,
}

impl CardEntry {
    /// "180.00 EUR/h" (in the firm's number format), "no rate yet", or
    /// "—" for non-billable time, which is never charged whatever its rate.
    pub fn rate_text(&self, formats: crate::formats::Formats) -> String {
        match (self.entry.billable, self.rate) {
            (false, _) => String::from("—"),
            (true, None) => String::from("no rate yet"),
            (true, Some(rate)) => format!("{}/h", formats.amount(rate.minor, rate.currency)),
        }
    }
}

/// An engagement's budget as it stands with everything logged to it,
/// this week included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementUse {
    pub engagement_id: i64,
    /// "Acme Ltd — E1 Audit"
    pub label: String,
    pub budget: Budget,
    /// Currency of a money budget ("EUR"); empty for hours.
    pub currency: String,
    pub logged: Minutes,
    /// Billable time at its stamped rates, minor units; `None` while no
    /// entry is priced.
    pub priced: Option<i64>,
}

/// One line under a card: this week's time on an engagement and where its
/// budget stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub engagement: String,
    pub this_week: Minutes,
    /// `None` when the engagement has no budget, or a money budget none of
    /// whose time is priced yet.
    pub burn: Option<Burn>,
    pub currency: String,
}

impl BudgetLine {
    /// "budget 80:00 h of 100:00 h used (80 %)" / "budget 1200.00 of
    /// 1000.00 EUR used (120 %), over budget" / "no budget".
    pub fn budget_text(&self) -> String {
        let Some(burn) = &self.burn else { return String::from("no budget") };
        let unit = if self.currency.is_empty() { String::new() } else { format!(" {}", self.currency) };
        // Hours already read "80:00 h"; money names its currency once, at the end.
        let total = format!("{}{unit}", burn.budget);
        let over = if burn.over { ", over budget" } else { "" };
        format!("budget {} of {total} used ({} %){over}", burn.used, burn.percent)
    }
}

/// One line per engagement the week's entries touch, in the order the
/// engagements first appear, with the week's time on each.
pub fn budget_lines(
    entries: &[CardEntry],
    uses: &[EngagementUse],
    formats: crate::formats::Formats,
) -> Vec<BudgetLine> {
    let mut lines: Vec<(i64, BudgetLine)> = Vec::new();
    for card in entries {
        if let Some((_, line)) = lines.iter_mut().find(|(id, _)| *id == card.engagement_id) {
            line.this_week += card.entry.minutes;
            continue;
        }
        let Some(found) = uses.iter().find(|u| u.engagement_id == card.engagement_id) else { continue };
        let currency = match found.budget {
            Budget::Money(_) => found.currency.clone(),
            Budget::None | Budget::Hours(_) => String::new(),
        };
        let line = BudgetLine {
            engagement: found.label.clone(),
            this_week: card.entry.minutes,
            burn: burn(found.budget, found.logged, found.priced, formats),
            currency,
        };
        lines.push((card.engagement_id, line));
    }
    lines.into_iter().map(|(_, line)| line).collect()
}

/// What approving several weeks at once did: how many are now approved,
/// how many wait for a further step, and each refusal in words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkAnswer {
    pub approved: u32,
    pub next_step: u32,
    /// "Alex Employee · 2026-W48: this approval step needs a different approver"
    pub refused: Vec<String>,
}

impl BulkAnswer {
    /// "Approved 3 weeks." or "Your approval is recorded on 3 weeks: 2
    /// approved, 1 waits for the next step." or "No week was approved."
    pub fn sentence(&self) -> String {
        let weeks = |n: u32| if n == 1 { String::from("1 week") } else { format!("{n} weeks") };
        match (self.approved, self.next_step) {
            (0, 0) => String::from("No week was approved."),
            (n, 0) => format!("Approved {}.", weeks(n)),
            (approved, next) => {
                let waits = if next == 1 { "waits" } else { "wait" };
                format!(
                    "Your approval is recorded on {}: {approved} approved, {next} {waits} for the next step.",
                    weeks(approved + next)
                )
            }
        }
    }
}

#[cfg(test)]
mod tests;
