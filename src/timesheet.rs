//! What people see of approvals: a week's state on "my week", and what an
//! approver's inbox lists (weeks and expenses). Plain data the server fills from the approval
//! engine's answers, so the browser renders exactly what was decided.

use crate::money::Minutes;
use crate::week::Week;
use crate::workflow::State;
use serde::{Deserialize, Serialize};

/// A week's approval as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekApproval {
    pub timesheet_id: Option<i64>,
    pub state: State,
    /// What the week waits for, as a sentence ("Approval by the submitter's
    /// manager: Morgan Manager"), while submitted.
    pub waiting_for: Option<String>,
    pub decisions: Vec<DecisionView>,
}

impl WeekApproval {
    /// A week never submitted.
    pub fn draft() -> Self {
        Self { timesheet_id: None, state: State::Draft, waiting_for: None, decisions: Vec::new() }
    }

    /// Submitted or approved weeks take no new time and no changes.
    pub fn is_locked(&self) -> bool {
        matches!(self.state, State::Submitted | State::Approved)
    }
}

/// One recorded decision: who, when, what, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub by: String,
    pub approve: bool,
    pub comment: String,
    /// "2026-11-26 14:05 UTC"
    pub at: String,
}

/// A timesheet waiting for the person looking at the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub timesheet_id: i64,
    pub person: String,
    pub week: Week,
    pub minutes: Minutes,
    /// The step it waits at, as a sentence, e.g. "2 approvals by different
    /// people, each a Manager or higher — 1 of 2 given".
    pub step: String,
    pub decisions: Vec<DecisionView>,
    /// The week's entries, day by day, with their rates: what the approver
    /// approves.
    pub entries: Vec<crate::approval_card::CardEntry>,
    /// What the week does to each engagement's budget.
    pub budgets: Vec<crate::approval_card::BudgetLine>,
}

/// One week as an approver opens it in full (`/approvals/weeks/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalWeek {
    /// As its inbox card shows it, with every round's decisions.
    pub item: InboxItem,
    pub state: State,
    /// Whether it waits for the viewer's decision now.
    pub yours: bool,
}

/// An expense waiting for the person reading the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseWaiting {
    pub expense_id: i64,
    pub person: String,
    /// "2026-11-20 · Travel · 120.00 EUR · Acme Ltd — E1 Audit"
    pub summary: String,
    pub step: String,
    /// Whether a receipt was attached (approvers may open it).
    #[serde(default)]
    pub has_receipt: bool,
}

/// A week an administrator may reopen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedWeek {
    pub timesheet_id: i64,
    pub person: String,
    pub week: Week,
    pub state: State,
}

/// Formats a decision time for people.
pub fn format_when(at: time::OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!("{} {:02}:{:02} UTC", at.date(), at.hour(), at.minute())
}

/// The comment a rejection or an unlock must carry, trimmed and bounded.
pub fn check_comment(raw: &str, required: bool) -> Result<String, &'static str> {
    let comment = raw.trim();
    if required && comment.is_empty() {
        return Err("say why, so it can be put right");
    }
    if comment.chars().count() > 2000 {
        return Err("keep it under 2,000 characters");
    }
    Ok(comment.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submitted_or_approved_week_is_locked_and_a_rejected_one_is_not() {
        let mut week = WeekApproval::draft();
        assert!(!week.is_locked());
        week.state = State::Submitted;
        assert!(week.is_locked());
        week.state = State::Approved;
        assert!(week.is_locked());
        week.state = State::Rejected;
        assert!(!week.is_locked());
    }

    #[test]
    fn a_rejection_needs_a_reason_and_an_approval_does_not() {
        assert!(check_comment("  ", true).is_err());
        assert_eq!(check_comment("  ", false), Ok(String::new()));
        assert_eq!(check_comment(" fix Tuesday ", true), Ok("fix Tuesday".to_owned()));
        assert!(check_comment(&"x".repeat(2001), false).is_err());
    }

    #[test]
    fn decision_times_are_shown_in_utc_to_the_minute() {
        let date = time::Date::from_calendar_date(2026, time::Month::November, 26).unwrap();
        let at = date.with_hms(14, 5, 59).unwrap().assume_offset(time::UtcOffset::from_hms(1, 0, 0).unwrap());
        assert_eq!(format_when(at), "2026-11-26 13:05 UTC");
    }
}
