//! Trying a policy against an example before saving it.

use super::*;

#[test]
fn a_short_week_is_explained_as_approved_on_submission() {
    let trial =
        try_policy(&policy(vec![below_hours(10), manager()]), &timesheet(9), &directory(), &ScopeNames::default());

    assert_eq!(trial.result, TrialResult::ApprovedOnSubmission);
    assert_eq!(
        trial.steps[0].sentence,
        "Rule 1: 9:00 hours is below 10:00 hours, so the timesheet is approved on submission."
    );
    assert!(!trial.steps[1].applies);
    assert_eq!(trial.steps[1].sentence, "Rule 2: not reached — rule 1 already ended the policy.");
}

#[test]
fn a_long_week_lists_who_may_approve_each_step() {
    let trial = try_policy(
        &policy(vec![below_hours(10), manager(), managers_manager()]),
        &timesheet(40),
        &directory(),
        &ScopeNames::default(),
    );

    assert_eq!(trial.result, TrialResult::NeedsApprovals { steps: 2 });
    assert_eq!(trial.steps[0].sentence, "Rule 1: 40:00 hours is not below 10:00 hours; carry on.");
    assert_eq!(trial.steps[1].eligible, vec![MANAGER]);
    assert_eq!(trial.steps[1].sentence, "Rule 2: needs the submitter's manager.");
    assert_eq!(trial.steps[2].eligible, vec![BIG_BOSS]);
    assert_eq!(trial.steps[2].sentence, "Rule 3: needs the manager's manager.");
}

#[test]
fn a_role_step_lists_everyone_at_or_above_the_role_except_the_submitter() {
    let trial =
        try_policy(&policy(vec![approvals(2, Role::Manager)]), &timesheet(40), &directory(), &ScopeNames::default());

    assert_eq!(trial.steps[0].eligible, vec![ADMIN, ADMIN_2, MANAGER, OTHER_MANAGER, BIG_BOSS]);
    assert_eq!(trial.steps[0].sentence, "Rule 1: needs 2 approvals from different people holding Manager or higher.");
}

#[test]
fn a_step_too_few_people_can_take_is_shown_as_stuck() {
    let trial = try_policy(
        &policy(vec![approvals(1, Role::Admin), approvals(2, Role::Admin)]),
        &timesheet(40),
        &directory(),
        &ScopeNames::default(),
    );

    // Admin #1 is assumed to take rule 1, leaving only #2 for rule 2.
    assert_eq!(trial.result, TrialResult::Stuck { rule_number: 2 });
    assert_eq!(trial.steps[1].eligible, vec![ADMIN_2]);
    assert_eq!(
        trial.steps[1].sentence,
        "Rule 2: needs 2 approvals from different people holding Administrator or higher, but too few people \
         could — this timesheet would get stuck."
    );
}

#[test]
fn a_rule_for_another_client_is_shown_as_skipped_naming_the_client() {
    let scoped = Rule::Approvals { count: 1, role: Role::Admin, only_for: Some(Scope::Client(99)) };
    let names = ScopeNames::new([(Scope::Client(99), "Acme Ltd".to_owned())]);

    let trial = try_policy(&policy(vec![scoped, manager()]), &timesheet(40), &directory(), &names);

    assert_eq!(
        trial.steps[0].sentence,
        "Rule 1 (only for client Acme Ltd): skipped — this timesheet doesn't involve client Acme Ltd."
    );
    assert_eq!(trial.result, TrialResult::NeedsApprovals { steps: 1 });
}

#[test]
fn a_small_invoice_is_explained_as_sent_directly() {
    let rule = Rule::AutoApproveBelow { measure: Measure::Amount, threshold: 50_000, currency: None, only_for: None };

    let trial = try_policy(&policy(vec![rule, manager()]), &invoice(12_050), &directory(), &ScopeNames::default());

    assert_eq!(
        trial.steps[0].sentence,
        "Rule 1: an amount of 120.50 is below an amount of 500.00, so it is sent directly."
    );
}

#[test]
fn a_submitter_without_a_manager_is_shown_handing_the_step_to_administrators() {
    let doc = Document { manager_chain: vec![], ..timesheet(40) };

    let trial = try_policy(&policy(vec![manager()]), &doc, &directory(), &ScopeNames::default());

    assert_eq!(trial.steps[0].eligible, vec![ADMIN, ADMIN_2]);
    assert_eq!(
        trial.steps[0].sentence,
        "Rule 1: no manager of the submitter can approve, so it needs 1 approval from someone holding \
         Administrator or higher."
    );
}
