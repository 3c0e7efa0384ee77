//! Checking a policy before it is saved. *Errors* make a policy meaningless
//! and block saving; *warnings* describe a policy that works but probably not
//! as its author meant (a step nobody can take, a rule that never fires), and
//! are shown next to the save button. Messages number rules from 1, as the
//! policy editor does.

use super::form::format_threshold;
use super::{Measure, Policy, Rule, holds_at_least};
use crate::access::Role;
use serde::{Deserialize, Serialize};

/// More approvals than this on one step is a typo, not a control.
pub const MAX_APPROVALS: u8 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PolicyError {
    #[error("policy versions start at 1")]
    VersionZero,
    #[error("rule {rule}: ask for at least one approval")]
    ZeroApprovals { rule: usize },
    #[error("rule {rule} asks for {count} approvals; a step can ask for at most {MAX_APPROVALS}")]
    TooManyApprovals { rule: usize, count: u8 },
    #[error("rule {rule}: a threshold can't be negative")]
    NegativeThreshold { rule: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PolicyWarning {
    #[error("with no rules, every document is approved as soon as it is submitted")]
    Empty,
    #[error("No one in the firm holds the role {} (or higher) required by rule {rule}", .role.label())]
    NobodyHoldsRole { rule: usize, role: Role },
    #[error(
        "rule {rule} needs {count} different approvers holding {} or higher, but only {holders} people in the firm do",
        .role.label()
    )]
    TooFewHolders { rule: usize, role: Role, count: u8, holders: usize },
    #[error("rule {rule} has no effect: no approval step follows it, so there is nothing for it to skip")]
    AutoApproveHasNoEffect { rule: usize },
    #[error("rule {rule} can never apply: rule {by} already lets everything below {threshold} through")]
    AutoApproveShadowed { rule: usize, by: usize, threshold: String },
    #[error("rule {rule} can never apply: no document has less than no time")]
    AutoApproveNeverApplies { rule: usize },
    #[error(
        "rules {first} and {second} both ask the same manager, who can approve only once; \
         the second step will go to an administrator"
    )]
    SameManagerTwice { first: usize, second: usize },
    #[error(
        "rules {first} and {second} both ask the engagement owner, who can approve only once; \
         the second step will go to another owner of the engagements or to an administrator"
    )]
    SameOwnerTwice { first: usize, second: usize },
    #[error("rule {rule} counts hours, which have no currency; its currency is ignored")]
    CurrencyOnHours { rule: usize },
}

impl Policy {
    /// Checks the policy against the firm's people, `(user_id, role)`.
    pub fn validate(&self, directory: &[(i64, Role)]) -> (Vec<PolicyError>, Vec<PolicyWarning>) {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        if self.version == 0 {
            errors.push(PolicyError::VersionZero);
        }
        if self.rules.is_empty() {
            warnings.push(PolicyWarning::Empty);
        }
        for (index, rule) in self.rules.iter().enumerate() {
            let number = index + 1;
            match *rule {
                Rule::Approvals { count, role, .. } => {
                    if count == 0 {
                        errors.push(PolicyError::ZeroApprovals { rule: number });
                    } else if count > MAX_APPROVALS {
                        errors.push(PolicyError::TooManyApprovals { rule: number, count });
                    }
                    let holders = directory.iter().filter(|(_, held)| holds_at_least(*held, role)).count();
                    if holders == 0 {
                        warnings.push(PolicyWarning::NobodyHoldsRole { rule: number, role });
                    } else if holders < usize::from(count) {
                        warnings.push(PolicyWarning::TooFewHolders { rule: number, role, count, holders });
                    }
                }
                Rule::AutoApproveBelow { measure, threshold, currency, only_for } => {
                    if threshold < 0 {
                        errors.push(PolicyError::NegativeThreshold { rule: number });
                    } else if threshold == 0 && measure == Measure::Hours {
                        warnings.push(PolicyWarning::AutoApproveNeverApplies { rule: number });
                    }
                    // The editor refuses this; a policy written by other means may not.
                    if measure == Measure::Hours && currency.is_some() {
                        warnings.push(PolicyWarning::CurrencyOnHours { rule: number });
                    }
                    let later_steps =
                        self.rules[index + 1..].iter().any(|r| !matches!(r, Rule::AutoApproveBelow { .. }));
                    if !later_steps {
                        warnings.push(PolicyWarning::AutoApproveHasNoEffect { rule: number });
                    }
                    // An earlier rule over the same documents (same or no scope,
                    // same or no currency) with a threshold at least as high
                    // stops everything this one would.
                    let covers = |earlier: &Rule| {
                        earlier.currency().is_none_or(|c| rule.currency() == Some(c))
                            && earlier.only_for().is_none_or(|s| only_for == Some(s))
                    };
                    let shadow = self.rules[..index].iter().enumerate().find_map(|(i, earlier)| match *earlier {
                        Rule::AutoApproveBelow { measure: m, threshold: t, .. }
                            if m == measure && t >= threshold && covers(earlier) =>
                        {
                            Some((i + 1, format_threshold(m, t, earlier.currency())))
                        }
                        _ => None,
                    });
                    if let Some((by, threshold)) = shadow {
                        warnings.push(PolicyWarning::AutoApproveShadowed { rule: number, by, threshold });
                    }
                }
                Rule::SubmitterManager { only_for }
                | Rule::ManagersManager { only_for }
                | Rule::EngagementOwner { only_for } => {
                    let same_kind = |r: &Rule| std::mem::discriminant(r) == std::mem::discriminant(rule);
                    let earlier = self.rules[..index]
                        .iter()
                        .position(|r| same_kind(r) && (r.only_for().is_none() || r.only_for() == only_for));
                    if let Some(first) = earlier.map(|i| i + 1) {
                        warnings.push(match rule {
                            Rule::EngagementOwner { .. } => PolicyWarning::SameOwnerTwice { first, second: number },
                            _ => PolicyWarning::SameManagerTwice { first, second: number },
                        });
                    }
                }
            }
        }
        (errors, warnings)
    }
}
