//! Submitting, deciding, editing and the approver's inbox.

use super::*;

#[test]
fn a_week_under_ten_hours_is_approved_on_submission() {
    let policy = policy(vec![below_hours(10), manager()]);

    let outcome = submit(State::Draft, &timesheet(9), &policy).unwrap();

    assert_eq!(outcome.state, State::Approved);
    assert_eq!(outcome.progress.stopped_by_rule, Some(1));
    assert!(outcome.progress.steps.is_empty());
}

#[test]
fn a_week_of_exactly_ten_hours_is_not_below_ten_and_waits_for_the_manager() {
    let policy = policy(vec![below_hours(10), manager()]);

    let outcome = submit(State::Draft, &timesheet(10), &policy).unwrap();

    assert_eq!(outcome.state, State::Submitted);
    assert_eq!(outcome.progress.current_step().unwrap().approver, Approver::Person(MANAGER));
}

#[test]
fn an_invoice_below_the_amount_is_sent_directly() {
    let policy = policy(vec![
        Rule::AutoApproveBelow { measure: Measure::Amount, threshold: 50_000, currency: None, only_for: None },
        manager(),
    ]);

    assert_eq!(submit(State::Draft, &invoice(49_999), &policy).unwrap().state, State::Approved);
    assert_eq!(submit(State::Draft, &invoice(50_000), &policy).unwrap().state, State::Submitted);
}

#[test]
fn an_empty_policy_approves_on_submission() {
    assert_eq!(submit(State::Draft, &timesheet(60), &policy(vec![])).unwrap().state, State::Approved);
}

#[test]
fn submission_keeps_the_policy_version() {
    let outcome = submit(State::Draft, &timesheet(40), &Policy { version: 7, rules: vec![manager()] }).unwrap();
    assert_eq!(outcome.policy_version, 7);
}

#[test]
fn a_policy_changed_after_submission_does_not_apply_to_documents_in_flight() {
    let old = policy(vec![manager()]);
    let (state, doc) = submitted(timesheet(40), &old);
    let new = Policy { version: 4, rules: vec![approvals(1, Role::Admin)] };

    let result = decide(state, &doc, &new, &[], &approve(ADMIN, Role::Admin));

    assert_eq!(result, Err(WorkflowError::PolicyVersionMismatch { document: 3, policy: 4 }));
    assert!(!pending_for(ADMIN, Role::Admin, state, &doc, &new, &[]));
    assert!(pending_for(MANAGER, Role::Manager, state, &doc, &old, &[]));
}

#[test]
fn the_submitter_cannot_approve_their_own() {
    let policy = policy(vec![approvals(1, Role::Employee)]);
    let doc = Document { manager_chain: vec![], ..timesheet(40) };
    let (state, doc) = submitted(doc, &policy);

    let result = decide(state, &doc, &policy, &[], &approve(SUBMITTER, Role::Admin));

    assert_eq!(result, Err(WorkflowError::SubmitterCannotApprove));
}

#[test]
fn a_second_approval_by_the_same_person_is_rejected() {
    let policy = policy(vec![approvals(2, Role::Manager)]);
    let (state, doc) = submitted(timesheet(40), &policy);
    let first = approve(MANAGER, Role::Manager);
    let (state, _) = decide(state, &doc, &policy, &[], &first).unwrap();

    let result = decide(state, &doc, &policy, std::slice::from_ref(&first), &approve(MANAGER, Role::Manager));

    assert_eq!(result, Err(WorkflowError::AlreadyDecided));
}

#[test]
fn two_approval_policies_need_two_distinct_approvers() {
    let policy = policy(vec![approvals(2, Role::Manager)]);
    let (state, doc) = submitted(timesheet(40), &policy);
    let first = approve(MANAGER, Role::Manager);

    let (after_one, progress) = decide(state, &doc, &policy, &[], &first).unwrap();
    let (after_two, _) =
        decide(after_one, &doc, &policy, std::slice::from_ref(&first), &approve(BIG_BOSS, Role::Manager)).unwrap();

    assert_eq!(after_one, State::Submitted);
    assert_eq!(progress.steps[0].approved_by, vec![MANAGER]);
    assert_eq!(after_two, State::Approved);
}

#[test]
fn an_employee_cannot_take_a_step_that_asks_for_a_manager() {
    let policy = policy(vec![approvals(1, Role::Manager)]);
    let (state, doc) = submitted(timesheet(40), &policy);

    let result = decide(state, &doc, &policy, &[], &approve(COLLEAGUE, Role::Employee));

    assert_eq!(result, Err(WorkflowError::NotAnEligibleApprover));
}

#[test]
fn an_administrator_may_take_a_step_that_asks_for_a_manager() {
    let policy = policy(vec![approvals(1, Role::Manager)]);
    let (state, doc) = submitted(timesheet(40), &policy);

    let (state, _) = decide(state, &doc, &policy, &[], &approve(ADMIN, Role::Admin)).unwrap();

    assert_eq!(state, State::Approved);
}

#[test]
fn a_manager_cannot_take_a_step_that_asks_for_an_administrator() {
    let policy = policy(vec![approvals(1, Role::Admin)]);
    let (state, doc) = submitted(timesheet(40), &policy);

    let result = decide(state, &doc, &policy, &[], &approve(MANAGER, Role::Manager));

    assert_eq!(result, Err(WorkflowError::NotAnEligibleApprover));
}

#[test]
fn only_the_submitters_own_manager_may_take_the_manager_step() {
    let policy = policy(vec![manager()]);
    let (state, doc) = submitted(timesheet(40), &policy);

    let stranger = decide(state, &doc, &policy, &[], &approve(OTHER_MANAGER, Role::Manager));
    let own = decide(state, &doc, &policy, &[], &approve(MANAGER, Role::Manager));

    assert_eq!(stranger, Err(WorkflowError::NotAnEligibleApprover));
    assert_eq!(own.unwrap().0, State::Approved);
}

#[test]
fn the_managers_manager_decides_only_after_the_manager() {
    let policy = policy(vec![manager(), managers_manager()]);
    let (state, doc) = submitted(timesheet(40), &policy);
    let by_manager = approve(MANAGER, Role::Manager);

    let too_early = decide(state, &doc, &policy, &[], &approve(BIG_BOSS, Role::Manager));
    let (state, _) = decide(state, &doc, &policy, &[], &by_manager).unwrap();
    let (state, progress) = decide(state, &doc, &policy, &[by_manager], &approve(BIG_BOSS, Role::Manager)).unwrap();

    assert_eq!(too_early, Err(WorkflowError::NotAnEligibleApprover));
    assert_eq!(state, State::Approved);
    assert_eq!(progress.steps[1].approver, Approver::Person(BIG_BOSS));
}

#[test]
fn without_a_manager_an_administrator_takes_the_manager_step() {
    let policy = policy(vec![manager()]);
    let (state, doc) = submitted(Document { manager_chain: vec![], ..timesheet(40) }, &policy);

    let outcome = submit(State::Draft, &doc, &policy).unwrap();
    let by_manager_role = decide(state, &doc, &policy, &[], &approve(MANAGER, Role::Manager));
    let by_admin = decide(state, &doc, &policy, &[], &approve(ADMIN, Role::Admin));

    assert!(outcome.progress.steps[0].fallback);
    assert_eq!(by_manager_role, Err(WorkflowError::NotAnEligibleApprover));
    assert_eq!(by_admin.unwrap().0, State::Approved);
}

#[test]
fn a_manager_who_approved_an_earlier_step_hands_the_manager_step_to_an_administrator() {
    let policy = policy(vec![approvals(1, Role::Manager), manager()]);
    let (state, doc) = submitted(timesheet(40), &policy);
    let first = approve(MANAGER, Role::Manager);
    let (state, progress) = decide(state, &doc, &policy, &[], &first).unwrap();

    let (state, _) = decide(state, &doc, &policy, &[first], &approve(ADMIN, Role::Admin)).unwrap();

    assert_eq!(progress.current_step().unwrap().approver, Approver::RoleAtLeast(Role::Admin));
    assert_eq!(state, State::Approved);
}

#[test]
fn a_rejection_by_an_eligible_approver_rejects_the_document() {
    let policy = policy(vec![approvals(2, Role::Manager)]);
    let (state, doc) = submitted(timesheet(40), &policy);
    let first = approve(MANAGER, Role::Manager);

    let (state, _) = decide(state, &doc, &policy, &[], &first).unwrap();
    let (state, _) = decide(state, &doc, &policy, &[first], &reject(BIG_BOSS, Role::Manager, "Wrong client")).unwrap();

    assert_eq!(state, State::Rejected);
}

#[test]
fn a_rejection_needs_a_reason() {
    let policy = policy(vec![manager()]);
    let (state, doc) = submitted(timesheet(40), &policy);

    let result = decide(state, &doc, &policy, &[], &reject(MANAGER, Role::Manager, "  "));

    assert_eq!(result, Err(WorkflowError::ReasonRequired));
}

#[test]
fn someone_who_could_not_approve_cannot_reject_either() {
    let policy = policy(vec![manager()]);
    let (state, doc) = submitted(timesheet(40), &policy);

    let result = decide(state, &doc, &policy, &[], &reject(COLLEAGUE, Role::Employee, "Looks wrong"));

    assert_eq!(result, Err(WorkflowError::NotAnEligibleApprover));
}

#[test]
fn a_rejected_document_can_be_changed_and_submitted_again() {
    let policy = policy(vec![manager()]);

    let edit = edit(State::Rejected, &[]).unwrap();
    let again = submit(State::Rejected, &timesheet(40), &policy).unwrap();

    assert_eq!(edit.state, State::Draft);
    assert_eq!(again.state, State::Submitted);
}

#[test]
fn only_a_submitted_document_can_be_decided() {
    let policy = policy(vec![manager()]);
    let (_, doc) = submitted(timesheet(40), &policy);

    for state in [State::Draft, State::Approved, State::Rejected] {
        let result = decide(state, &doc, &policy, &[], &approve(MANAGER, Role::Manager));
        assert_eq!(result, Err(WorkflowError::NotSubmitted), "{state:?}");
    }
}

#[test]
fn a_document_without_a_recorded_policy_version_was_never_submitted() {
    let policy = policy(vec![manager()]);

    let result = decide(State::Submitted, &timesheet(40), &policy, &[], &approve(MANAGER, Role::Manager));

    assert_eq!(result, Err(WorkflowError::NotSubmitted));
}

#[test]
fn a_submitted_or_approved_document_cannot_be_submitted_again() {
    let policy = policy(vec![manager()]);

    for state in [State::Submitted, State::Approved] {
        assert_eq!(submit(state, &timesheet(40), &policy), Err(WorkflowError::CannotSubmit(state)));
    }
}

#[test]
fn changing_a_submitted_document_resets_approvals() {
    let policy = policy(vec![manager(), managers_manager()]);
    let (state, doc) = submitted(timesheet(40), &policy);
    let first = approve(MANAGER, Role::Manager);
    let (state, _) = decide(state, &doc, &policy, &[], &first).unwrap();

    let edit = edit(state, &[first]).unwrap();

    assert_eq!(edit, Edit { state: State::Draft, approvals_voided: 1 });
    let again = submit(edit.state, &doc, &policy).unwrap();
    assert_eq!(again.progress.current, Some(0));
    assert!(again.progress.steps.iter().all(|s| s.approved_by.is_empty()));
}

#[test]
fn an_approved_document_cannot_be_changed() {
    assert_eq!(edit(State::Approved, &[]), Err(WorkflowError::ApprovedIsFinal));
}
