//! Which rules apply to a document, and whose inbox it waits in.

use super::*;

#[test]
fn a_rule_scoped_to_a_client_applies_only_to_that_clients_documents() {
    let policy =
        policy(vec![Rule::Approvals { count: 1, role: Role::Admin, only_for: Some(Scope::Client(99)) }, manager()]);
    let for_99 = Document { client_ids: vec![CLIENT, 99], ..timesheet(40) };

    let ordinary = submit(State::Draft, &timesheet(40), &policy).unwrap();
    let special = submit(State::Draft, &for_99, &policy).unwrap();

    assert_eq!(ordinary.progress.steps.len(), 1);
    assert_eq!(special.progress.steps.len(), 2);
    assert_eq!(special.progress.steps[0].approver, Approver::RoleAtLeast(Role::Admin));
}

#[test]
fn a_rule_scoped_to_an_engagement_applies_when_the_document_touches_it() {
    let scoped = Rule::AutoApproveBelow {
        measure: Measure::Hours,
        threshold: 100 * 60,
        currency: None,
        only_for: Some(Scope::Engagement(71)),
    };
    let policy = policy(vec![scoped, manager()]);
    let touching = Document { engagement_ids: vec![ENGAGEMENT, 71], ..timesheet(40) };

    assert_eq!(submit(State::Draft, &touching, &policy).unwrap().state, State::Approved);
    assert_eq!(submit(State::Draft, &timesheet(40), &policy).unwrap().state, State::Submitted);
}

#[test]
fn an_automatic_rule_after_a_step_lets_small_documents_stop_after_that_step() {
    let small_stop =
        Rule::AutoApproveBelow { measure: Measure::Amount, threshold: 100_000, currency: None, only_for: None };
    let policy = policy(vec![manager(), small_stop, approvals(1, Role::Admin)]);

    let small = submit(State::Draft, &invoice(99_999), &policy).unwrap();
    let large = submit(State::Draft, &invoice(500_000), &policy).unwrap();

    assert_eq!(
        (small.state, small.progress.steps.len(), small.progress.stopped_by_rule),
        (State::Submitted, 1, Some(2))
    );
    assert_eq!((large.state, large.progress.steps.len()), (State::Submitted, 2));
}

#[test]
fn a_document_waits_in_its_managers_inbox_and_nobody_elses() {
    let policy = policy(vec![manager()]);
    let (state, doc) = submitted(timesheet(40), &policy);

    let pending = |id, role| pending_for(id, role, state, &doc, &policy, &[]);

    assert!(pending(MANAGER, Role::Manager));
    assert!(!pending(OTHER_MANAGER, Role::Manager));
    assert!(!pending(BIG_BOSS, Role::Manager));
    assert!(!pending(ADMIN, Role::Admin));
    assert!(!pending(SUBMITTER, Role::Employee));
}

#[test]
fn once_the_manager_approves_it_moves_to_the_managers_managers_inbox() {
    let policy = policy(vec![manager(), managers_manager()]);
    let (state, doc) = submitted(timesheet(40), &policy);
    let decisions = [approve(MANAGER, Role::Manager)];

    assert!(!pending_for(MANAGER, Role::Manager, state, &doc, &policy, &decisions));
    assert!(pending_for(BIG_BOSS, Role::Manager, state, &doc, &policy, &decisions));
}

#[test]
fn someone_who_already_approved_no_longer_sees_it_pending() {
    let policy = policy(vec![approvals(2, Role::Manager)]);
    let (state, doc) = submitted(timesheet(40), &policy);
    let decisions = [approve(MANAGER, Role::Manager)];

    assert!(!pending_for(MANAGER, Role::Manager, state, &doc, &policy, &decisions));
    assert!(pending_for(OTHER_MANAGER, Role::Manager, state, &doc, &policy, &decisions));
}

#[test]
fn nothing_is_pending_unless_submitted() {
    let policy = policy(vec![manager()]);
    let (_, doc) = submitted(timesheet(40), &policy);

    for state in [State::Draft, State::Approved, State::Rejected] {
        assert!(!pending_for(MANAGER, Role::Manager, state, &doc, &policy, &[]), "{state:?}");
    }
}

#[test]
fn replayed_approvals_that_fit_no_step_are_ignored() {
    let policy = policy(vec![manager()]);
    let doc = timesheet(40);

    let progress = progress(&doc, &policy, &[approve(COLLEAGUE, Role::Employee), reject(MANAGER, Role::Manager, "x")]);

    assert_eq!(progress.current, Some(0));
    assert!(progress.steps[0].approved_by.is_empty());
}

#[test]
fn a_document_and_its_decisions_round_trip_through_json() {
    let doc = Document { policy_version: Some(3), ..timesheet(40) };
    let decision = reject(MANAGER, Role::Manager, "Wrong client");

    let doc_back: Document = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
    let decision_back: Decision = serde_json::from_str(&serde_json::to_string(&decision).unwrap()).unwrap();

    assert_eq!((doc_back, decision_back), (doc, decision));
}
