//! The state machine: submit, decide, edit, and the question an approver's
//! inbox asks of every document ("is this waiting for me?"). Each function
//! takes the whole situation and returns the next one; storing it is the
//! caller's job, in one transaction with the document.

use super::steps::{may_take, progress};
use super::{Decision, Document, Policy, Progress, State};
use crate::access::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("only a draft or a rejected document can be submitted (this one is {0:?})")]
    CannotSubmit(State),
    #[error("this document is not waiting for approval")]
    NotSubmitted,
    #[error("you can't approve or reject your own submission")]
    SubmitterCannotApprove,
    #[error("you have already approved this; another person must give the next approval")]
    AlreadyDecided,
    #[error("this isn't waiting for your approval")]
    NotAnEligibleApprover,
    #[error("say why you are rejecting it, so it can be put right")]
    ReasonRequired,
    #[error("an approved document can't be changed")]
    ApprovedIsFinal,
    #[error("this was submitted under policy version {document}, not version {policy}")]
    PolicyVersionMismatch { document: u32, policy: u32 },
}

/// The result of a submission: the caller stores `state` and
/// `policy_version` on the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// `Approved` when no step is needed (e.g. a short week), else `Submitted`.
    pub state: State,
    pub policy_version: u32,
    pub progress: Progress,
}

/// Submits a draft (or a rejected document, after changes) under the
/// current `policy`, whose version the document then keeps.
pub fn submit(state: State, doc: &Document, policy: &Policy) -> Result<Outcome, WorkflowError> {
    if !matches!(state, State::Draft | State::Rejected) {
        return Err(WorkflowError::CannotSubmit(state));
    }
    let progress = progress(doc, policy, &[]);
    let state = if progress.is_complete() { State::Approved } else { State::Submitted };
    Ok(Outcome { state, policy_version: policy.version, progress })
}

/// Records `decision` on a submitted document. `policy` must be the version
/// the document was submitted under; `decisions` are this round's earlier
/// decisions, oldest first. Returns the new state and progress; the caller
/// appends `decision` to the stored decisions.
pub fn decide(
    state: State,
    doc: &Document,
    policy: &Policy,
    decisions: &[Decision],
    decision: &Decision,
) -> Result<(State, Progress), WorkflowError> {
    if state != State::Submitted {
        return Err(WorkflowError::NotSubmitted);
    }
    check_version(doc, policy)?;
    if decision.by == doc.submitter {
        return Err(WorkflowError::SubmitterCannotApprove);
    }
    if decisions.iter().any(|d| d.approve && d.by == decision.by) {
        return Err(WorkflowError::AlreadyDecided);
    }
    let before = progress(doc, policy, decisions);
    let approved: Vec<i64> = before.approvers().collect();
    let eligible = before.current_step().is_some_and(|step| may_take(step, doc, decision.by, decision.role, &approved));
    if !eligible {
        return Err(WorkflowError::NotAnEligibleApprover);
    }
    if !decision.approve {
        if decision.comment.trim().is_empty() {
            return Err(WorkflowError::ReasonRequired);
        }
        return Ok((State::Rejected, before));
    }
    let mut all = decisions.to_vec();
    all.push(decision.clone());
    let after = progress(doc, policy, &all);
    let state = if after.is_complete() { State::Approved } else { State::Submitted };
    Ok((state, after))
}

fn check_version(doc: &Document, policy: &Policy) -> Result<(), WorkflowError> {
    match doc.policy_version {
        Some(version) if version == policy.version => Ok(()),
        // A document without a recorded version was never submitted.
        None => Err(WorkflowError::NotSubmitted),
        Some(document) => Err(WorkflowError::PolicyVersionMismatch { document, policy: policy.version }),
    }
}

/// What changing a document does to its approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// Always `Draft`: a changed document is submitted again, and the policy
    /// is applied afresh to what it now says (ten hours may have become
    /// twelve, no longer below the automatic threshold).
    pub state: State,
    /// Approvals given to the old content, now void: the caller deletes them
    /// (and may notify those approvers).
    pub approvals_voided: usize,
}

/// Changing a submitted document resets its approvals: nobody approved what
/// it says now. Approved documents are final.
pub fn edit(state: State, decisions: &[Decision]) -> Result<Edit, WorkflowError> {
    match state {
        State::Approved => Err(WorkflowError::ApprovedIsFinal),
        State::Submitted => {
            Ok(Edit { state: State::Draft, approvals_voided: decisions.iter().filter(|d| d.approve).count() })
        }
        State::Draft | State::Rejected => Ok(Edit { state: State::Draft, approvals_voided: 0 }),
    }
}

/// Is `doc` waiting for `user_id` (holding `role`) to decide? This is what
/// the approver's inbox lists; it agrees with `decide` by construction.
pub fn pending_for(
    user_id: i64,
    role: Role,
    state: State,
    doc: &Document,
    policy: &Policy,
    decisions: &[Decision],
) -> bool {
    if state != State::Submitted || check_version(doc, policy).is_err() {
        return false;
    }
    if user_id == doc.submitter || decisions.iter().any(|d| d.approve && d.by == user_id) {
        return false;
    }
    let progress = progress(doc, policy, decisions);
    let approved: Vec<i64> = progress.approvers().collect();
    progress.current_step().is_some_and(|step| may_take(step, doc, user_id, role, &approved))
}
