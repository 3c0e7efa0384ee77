//! "Try this policy": before saving, an administrator runs the policy
//! against an example document and reads, rule by rule, what would happen
//! and who could approve. Writing approval rules blind is how firms end up
//! with invoices nobody is allowed to approve; this makes that visible.

use super::form::{format_scope, format_threshold};
use super::steps::{Approver, may_take, plan, resolve};
use super::{Document, Policy, Rule, ScopeNames};
use crate::access::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialStep {
    /// Numbered from 1, as the policy editor shows rules.
    pub rule_number: usize,
    /// False when the rule is scoped to another client or engagement, or
    /// comes after a rule that ended the policy.
    pub applies: bool,
    /// Who could take this step (for approval steps).
    pub eligible: Vec<i64>,
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrialResult {
    ApprovedOnSubmission,
    NeedsApprovals {
        steps: usize,
    },
    /// Fewer people could take this rule's step than it needs.
    Stuck {
        rule_number: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trial {
    pub steps: Vec<TrialStep>,
    pub result: TrialResult,
}

/// Runs `policy` against `example`, with the firm's `people` as
/// `(user_id, role)`. Each step is assumed approved by the first eligible
/// people in `people`'s order, so later steps see who is already used up.
/// `names` names the clients and engagements rules are limited to.
pub fn try_policy(policy: &Policy, example: &Document, people: &[(i64, Role)], names: &ScopeNames) -> Trial {
    let kind = example.kind.label();
    let plan = plan(example, policy);
    let mut specs = plan.specs.iter().peekable();
    let mut approved: Vec<i64> = Vec::new();
    let mut stuck = None;
    let mut steps = Vec::with_capacity(policy.rules.len());
    for (index, rule) in policy.rules.iter().enumerate() {
        let number = index + 1;
        let scope = format_scope(rule.only_for(), names);
        let mut step = TrialStep { rule_number: number, applies: false, eligible: Vec::new(), sentence: String::new() };
        if let Some(stop) = plan.stopped_by_rule.filter(|stop| number > *stop) {
            step.sentence = format!("Rule {number}{scope}: not reached — rule {stop} already ended the policy.");
        } else if !rule.in_scope(example) {
            let target = rule.only_for().map(|scope| names.label(scope)).unwrap_or_default();
            step.sentence = format!("Rule {number}{scope}: skipped — this {kind} doesn't involve {target}.");
        } else if let Some(wanted) = rule.currency().filter(|_| !rule.in_currency(example)) {
            let why = match example.currency {
                Some(actual) => format!("this {kind} is in {actual}, not {wanted}"),
                None => format!("this {kind} has no amount in {wanted}"),
            };
            step.sentence = format!("Rule {number}{scope}: skipped — {why}.");
        } else if let Rule::AutoApproveBelow { measure, threshold, .. } = *rule {
            step.applies = true;
            let value = format_threshold(measure, example.measure(measure), example.currency);
            let limit = format_threshold(measure, threshold, rule.currency());
            step.sentence = if plan.stopped_by_rule == Some(number) {
                let result = if approved.is_empty() {
                    match example.kind {
                        super::DocumentKind::Invoice => "it is sent directly".to_owned(),
                        _ => format!("the {kind} is {} on submission", example.kind.approved_word()),
                    }
                } else {
                    "no further approvals are needed".to_owned()
                };
                format!("Rule {number}{scope}: {value} is below {limit}, so {result}.")
            } else {
                format!("Rule {number}{scope}: {value} is not below {limit}; carry on.")
            };
        } else if let Some(&&(_, spec)) = specs.peek() {
            specs.next();
            step.applies = true;
            let taken = resolve(spec, index, example, &approved);
            step.eligible = match taken.approver {
                Approver::Person(person) => vec![person],
                Approver::RoleAtLeast(_) => people
                    .iter()
                    .filter(|(id, role)| may_take(&taken, example, *id, *role, &approved))
                    .map(|(id, _)| *id)
                    .collect(),
            };
            // Names, not ids: the caller lists who could approve (from
            // `eligible`) in words its reader knows.
            let who = match (taken.approver, rule) {
                (Approver::Person(_), Rule::ManagersManager { .. }) => "the manager's manager".to_owned(),
                (Approver::Person(_), Rule::EngagementOwner { .. }) => "the engagement owner".to_owned(),
                (Approver::Person(_), _) => "the submitter's manager".to_owned(),
                (Approver::RoleAtLeast(role), _) => match taken.needed {
                    1 => format!("1 approval from someone holding {} or higher", role.label()),
                    n => format!("{n} approvals from different people holding {} or higher", role.label()),
                },
            };
            let needs = match rule {
                _ if !taken.fallback => "needs",
                Rule::EngagementOwner { .. } => "no owner of its engagements can approve, so it needs",
                _ => "no manager of the submitter can approve, so it needs",
            };
            step.sentence = if step.eligible.len() >= usize::from(taken.needed) {
                format!("Rule {number}{scope}: {needs} {who}.")
            } else {
                stuck.get_or_insert(number);
                format!("Rule {number}{scope}: {needs} {who}, but too few people could — this {kind} would get stuck.")
            };
            approved.extend(step.eligible.iter().take(usize::from(taken.needed)));
        }
        steps.push(step);
    }
    let result = match stuck {
        Some(rule_number) => TrialResult::Stuck { rule_number },
        None if plan.specs.is_empty() => TrialResult::ApprovedOnSubmission,
        None => TrialResult::NeedsApprovals { steps: plan.specs.len() },
    };
    Trial { steps, result }
}
