//! From a policy and a document to the steps it must pass, and from the
//! decisions recorded so far to how far along those steps it is. Progress is
//! always *replayed* from the decisions rather than stored, so there is one
//! source of truth (the decisions) and nothing to get out of step with it.

use super::{Decision, Document, Policy, Rule, holds_at_least};
use crate::access::Role;
use serde::{Deserialize, Serialize};

/// Who may take a step, as the document stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Approver {
    /// Anyone holding this role or a higher one (never the submitter, and
    /// nobody who has already approved the document).
    RoleAtLeast(Role),
    /// This person only: a manager from the submitter's chain, or an owner
    /// of the document's engagements.
    Person(i64),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepProgress {
    /// The rule that asked for this step, numbered from 1 as the policy
    /// editor shows it.
    pub rule_number: usize,
    pub approver: Approver,
    /// A step for one person (a manager, an engagement owner) handed to
    /// administrators because nobody fitting can act: missing, the
    /// submitter, or has already approved an earlier step.
    pub fallback: bool,
    pub needed: u8,
    pub approved_by: Vec<i64>,
}

impl StepProgress {
    pub fn is_complete(&self) -> bool {
        self.approved_by.len() >= usize::from(self.needed)
    }
}

/// How far a document is through its policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The automatic rule (numbered from 1) that ended the policy early.
    pub stopped_by_rule: Option<usize>,
    pub steps: Vec<StepProgress>,
    /// Index into `steps` of the step awaiting approvals; `None` once every
    /// step is complete.
    pub current: Option<usize>,
}

impl Progress {
    pub fn is_complete(&self) -> bool {
        self.current.is_none()
    }

    pub fn current_step(&self) -> Option<&StepProgress> {
        self.current.and_then(|i| self.steps.get(i))
    }

    /// Everyone who has approved so far, in order.
    pub fn approvers(&self) -> impl Iterator<Item = i64> + '_ {
        self.steps.iter().flat_map(|s| s.approved_by.iter().copied())
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) enum StepSpec {
    Approvals {
        count: u8,
        role: Role,
    },
    /// 0: the submitter's manager; 1: that manager's manager.
    Manager {
        level: usize,
    },
    EngagementOwner,
}

/// The steps the policy asks of this document, before anyone has decided.
pub(super) struct Plan {
    pub stopped_by_rule: Option<usize>,
    /// (rule index, step)
    pub specs: Vec<(usize, StepSpec)>,
}

pub(super) fn plan(doc: &Document, policy: &Policy) -> Plan {
    let mut specs = Vec::new();
    for (index, rule) in policy.rules.iter().enumerate().filter(|(_, rule)| rule.applies_to(doc)) {
        match *rule {
            // `applies_to` has already skipped a threshold in another currency.
            Rule::AutoApproveBelow { measure, threshold, .. } => {
                if doc.measure(measure) < threshold {
                    return Plan { stopped_by_rule: Some(index + 1), specs };
                }
            }
            Rule::Approvals { count, role, .. } => specs.push((index, StepSpec::Approvals { count, role })),
            Rule::SubmitterManager { .. } => specs.push((index, StepSpec::Manager { level: 0 })),
            Rule::ManagersManager { .. } => specs.push((index, StepSpec::Manager { level: 1 })),
            Rule::EngagementOwner { .. } => specs.push((index, StepSpec::EngagementOwner)),
        }
    }
    Plan { stopped_by_rule: None, specs }
}

/// Who may take `spec`, given who has already approved. A manager or owner
/// who cannot act (none, is the submitter, or already approved) hands the
/// step to administrators — see the module documentation.
pub(super) fn resolve(spec: StepSpec, rule_index: usize, doc: &Document, approved: &[i64]) -> StepProgress {
    let can_act = |person: &i64| *person != doc.submitter && !approved.contains(person);
    let one_person = |person: Option<i64>| match person {
        Some(person) => (Approver::Person(person), false, 1),
        None => (Approver::RoleAtLeast(Role::Admin), true, 1),
    };
    let (approver, fallback, needed) = match spec {
        StepSpec::Approvals { count, role } => (Approver::RoleAtLeast(role), false, count),
        StepSpec::Manager { level } => one_person(doc.manager_chain.get(level).copied().filter(can_act)),
        // Unlike the manager chain, where each level is one person, any
        // owner will do: the next one stands in before administrators do.
        StepSpec::EngagementOwner => one_person(doc.engagement_owners.iter().copied().find(can_act)),
    };
    StepProgress { rule_number: rule_index + 1, approver, fallback, needed, approved_by: Vec::new() }
}

/// May `by`, holding `role`, approve (or reject) `step` now?
pub(super) fn may_take(step: &StepProgress, doc: &Document, by: i64, role: Role, approved: &[i64]) -> bool {
    by != doc.submitter
        && !approved.contains(&by)
        && match step.approver {
            Approver::RoleAtLeast(required) => holds_at_least(role, required),
            Approver::Person(person) => person == by,
        }
}

/// Replays the approvals in `decisions` (in the order given) through the
/// steps. An approval that does not fit the step it arrives at is ignored;
/// `decide` never records one, so this only guards against hand-edited data.
pub fn progress(doc: &Document, policy: &Policy, decisions: &[Decision]) -> Progress {
    let plan = plan(doc, policy);
    let mut queue = decisions.iter().filter(|d| d.approve);
    let mut approved: Vec<i64> = Vec::new();
    let mut steps = Vec::with_capacity(plan.specs.len());
    let mut current = None;
    for (rule_index, spec) in plan.specs {
        let mut step = resolve(spec, rule_index, doc, &approved);
        while current.is_none() && !step.is_complete() {
            match queue.next() {
                Some(d) if may_take(&step, doc, d.by, d.role, &approved) => {
                    step.approved_by.push(d.by);
                    approved.push(d.by);
                }
                Some(_) => {}
                None => current = Some(steps.len()),
            }
        }
        steps.push(step);
    }
    Progress { stopped_by_rule: plan.stopped_by_rule, steps, current }
}
