//! One approval engine for timesheets, expenses and invoices.
//!
//! Firms differ in how much checking their work needs — a small office lets
//! a short week through on its own, a law firm wants a partner on every large
//! invoice — so the rules are *data* (a [`Policy`]) that an administrator
//! writes, tries against an example ([`try_policy`]) and saves, and this
//! module is the single interpreter of that data. Everything here is pure:
//! the server loads the document, the policy version it was submitted under
//! and the decisions so far, asks these functions, and stores the answer.
//!
//! # How a policy reads
//!
//! Rules are read top to bottom. A rule scoped with `only_for` is skipped for
//! documents that do not touch that client or engagement.
//!
//! * [`Rule::AutoApproveBelow`]: if the document's measure is *strictly*
//!   below the threshold, no further rules apply. As the first rule, this
//!   approves on submission (for an invoice: it is sent directly); after an
//!   approval step it means "small ones stop here". An amount threshold may
//!   name a currency: 500 euros says nothing about an invoice in yen, so a
//!   document in another currency skips the rule, as it would skip a rule
//!   scoped to another client. Time has no currency; hours ignore it.
//! * [`Rule::Approvals`], [`Rule::SubmitterManager`], [`Rule::ManagersManager`]
//!   and [`Rule::EngagementOwner`] each add a *step*. Steps are taken in
//!   order: a step reaches approvers' inboxes once the step before it is
//!   complete, so a manager's manager sees a timesheet only after the
//!   manager has approved it.
//!
//! # Who may approve
//!
//! * Never the submitter, and each person approves a document at most once:
//!   "two approvals" means two people (four eyes), across all steps.
//! * `Approvals { role }` accepts anyone holding that role **or a higher one**
//!   (Employee < Manager < Administrator). Administrators stand in for
//!   managers on holiday; requiring the exact role would make a policy break
//!   the day a manager is promoted.
//! * The manager steps name one person from the submitter's manager chain.
//!   When there is no such person (the managing partner has no manager), or
//!   they already approved an earlier step, any administrator may take the
//!   step instead, so a document never waits for someone who cannot act.
//! * The engagement-owner step names the first owner of the document's
//!   engagements who is not the submitter and has not approved an earlier
//!   step (an invoice spanning two engagements has two owners; either is
//!   "the owner", and the first keeps the choice stable while the document
//!   is in flight). With no such owner, administrators stand in, as above.
//! * A rejection by anyone who could approve the current step ends the round:
//!   the document is `Rejected` and goes back to its submitter to change and
//!   submit again. Changing a submitted document also voids its approvals.
//!
//! A document keeps the policy version it was submitted under; decisions are
//! checked against that version, so editing a policy never changes the rules
//! for documents already in flight.

mod engine;
mod form;
mod scope_names;
mod steps;
mod trial;
mod validate;

#[cfg(test)]
mod tests;

pub use engine::{Edit, Outcome, WorkflowError, decide, edit, pending_for, submit};
pub use form::{
    RULE_KINDS, RowProblem, RuleForm, default_policy, describe, parse_amount, parse_rules, step_count, to_rows,
};
pub use scope_names::{ScopeNames, scopes_of};
pub use steps::{Approver, Progress, StepProgress, progress};
pub use trial::{Trial, TrialResult, TrialStep, try_policy};
pub use validate::{MAX_APPROVALS, PolicyError, PolicyWarning};

use crate::access::Role;
use crate::money::{Currency, Minutes};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    Timesheet,
    Expense,
    Invoice,
}

impl DocumentKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Timesheet => "timesheet",
            Self::Expense => "expense",
            Self::Invoice => "invoice",
        }
    }

    /// "a timesheet", "an expense", "an invoice": for sentences.
    fn with_article(self) -> &'static str {
        match self {
            Self::Timesheet => "a timesheet",
            Self::Expense => "an expense",
            Self::Invoice => "an invoice",
        }
    }

    /// What "approved" means for this kind: an approved invoice is sent.
    fn approved_word(self) -> &'static str {
        match self {
            Self::Invoice => "approved for sending",
            Self::Timesheet | Self::Expense => "approved",
        }
    }
}

/// What an automatic-approval threshold is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Measure {
    /// The document's time; the threshold is in **minutes** (600 = 10 hours),
    /// the unit every duration in PesPro is stored in.
    Hours,
    /// The document's amount; the threshold is in minor units (cents) of the
    /// rule's currency, or of whatever currency the document is in when the
    /// rule names none.
    Amount,
}

/// Limits a rule to documents that touch one client or engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    Client(i64),
    Engagement(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    AutoApproveBelow {
        measure: Measure,
        threshold: i64,
        /// Only documents in this currency; `None`: any currency. Policies
        /// saved before thresholds had a currency have no such field, hence
        /// the default. Ignored for hours.
        #[serde(default)]
        currency: Option<Currency>,
        only_for: Option<Scope>,
    },
    Approvals {
        count: u8,
        role: Role,
        only_for: Option<Scope>,
    },
    SubmitterManager {
        only_for: Option<Scope>,
    },
    ManagersManager {
        only_for: Option<Scope>,
    },
    /// A step for the owner of the engagement(s) the document touches.
    EngagementOwner {
        only_for: Option<Scope>,
    },
}

impl Rule {
    pub fn only_for(&self) -> Option<Scope> {
        match self {
            Rule::AutoApproveBelow { only_for, .. }
            | Rule::Approvals { only_for, .. }
            | Rule::SubmitterManager { only_for }
            | Rule::ManagersManager { only_for }
            | Rule::EngagementOwner { only_for } => *only_for,
        }
    }

    /// The currency the rule is limited to. Only an amount threshold has
    /// one: time is the same in every currency.
    pub fn currency(&self) -> Option<Currency> {
        match *self {
            Rule::AutoApproveBelow { measure: Measure::Amount, currency, .. } => currency,
            _ => None,
        }
    }

    fn in_scope(&self, doc: &Document) -> bool {
        match self.only_for() {
            None => true,
            Some(Scope::Client(id)) => doc.client_ids.contains(&id),
            Some(Scope::Engagement(id)) => doc.engagement_ids.contains(&id),
        }
    }

    fn in_currency(&self, doc: &Document) -> bool {
        self.currency().is_none_or(|currency| doc.currency == Some(currency))
    }

    fn applies_to(&self, doc: &Document) -> bool {
        self.in_scope(doc) && self.in_currency(doc)
    }
}

/// A firm's approval rules for one kind of document. Saved policies are
/// never changed in place: a change is a new version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub version: u32,
    pub rules: Vec<Rule>,
}

/// What the engine needs to know about a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub submitter: i64,
    /// The submitter's manager, then that manager's manager, and so on.
    pub manager_chain: Vec<i64>,
    pub minutes: Minutes,
    /// In minor units of `currency`.
    pub amount_minor: i64,
    /// What `amount_minor` is counted in; `None` for a timesheet, which has
    /// time but no amount.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Every client and engagement the document touches: a week's timesheet
    /// spans several, and a rule scoped to one of them applies to the whole.
    pub client_ids: Vec<i64>,
    pub engagement_ids: Vec<i64>,
    /// The owners of `engagement_ids`, each once and in a stable order (the
    /// first one who can act takes the owner's step); empty when the
    /// engagements have no owner.
    #[serde(default)]
    pub engagement_owners: Vec<i64>,
    /// The policy version it was submitted under; `None` while a draft.
    pub policy_version: Option<u32>,
}

impl Document {
    fn measure(&self, measure: Measure) -> i64 {
        match measure {
            Measure::Hours => i64::from(self.minutes.0),
            Measure::Amount => self.amount_minor,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum State {
    Draft,
    Submitted,
    Approved,
    Rejected,
}

impl State {
    /// The stored form (timesheets' and expenses' `status` column).
    pub fn as_str(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Submitted => "submitted",
            State::Approved => "approved",
            State::Rejected => "rejected",
        }
    }

    /// Reads the stored form; anything unknown is a draft, the state that
    /// grants nothing.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "submitted" => State::Submitted,
            "approved" => State::Approved,
            "rejected" => State::Rejected,
            _ => State::Draft,
        }
    }
}

/// One approver's decision, recorded for the audit trail. `role` is the role
/// the person held when deciding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub by: i64,
    pub role: Role,
    pub approve: bool,
    pub comment: String,
    pub at: OffsetDateTime,
}

/// Employee < Manager < Administrator. `access::Role` deliberately has no
/// order (permissions are not a ladder in general); approvals are.
fn rank(role: Role) -> u8 {
    match role {
        Role::Employee => 0,
        Role::Manager => 1,
        Role::Admin => 2,
    }
}

fn holds_at_least(held: Role, required: Role) -> bool {
    rank(held) >= rank(required)
}
