//! Checking policies before they are saved.

use super::*;

fn check(rules: Vec<Rule>) -> (Vec<PolicyError>, Vec<PolicyWarning>) {
    policy(rules).validate(&directory())
}

#[test]
fn a_sensible_policy_has_no_errors_or_warnings() {
    assert_eq!(check(vec![below_hours(10), manager(), approvals(2, Role::Manager)]), (vec![], vec![]));
}

#[test]
fn a_step_asking_for_no_approvals_is_an_error() {
    let (errors, _) = check(vec![approvals(0, Role::Manager)]);
    assert_eq!(errors, vec![PolicyError::ZeroApprovals { rule: 1 }]);
}

#[test]
fn a_step_asking_for_more_than_ten_approvals_is_an_error() {
    let (errors, _) = check(vec![manager(), approvals(11, Role::Employee)]);
    assert_eq!(errors, vec![PolicyError::TooManyApprovals { rule: 2, count: 11 }]);
    assert_eq!(errors[0].to_string(), "rule 2 asks for 11 approvals; a step can ask for at most 10");
}

#[test]
fn a_negative_threshold_is_an_error() {
    let (errors, _) = check(vec![below_hours(-1), manager()]);
    assert_eq!(errors, vec![PolicyError::NegativeThreshold { rule: 1 }]);
}

#[test]
fn version_zero_is_an_error() {
    let (errors, _) = Policy { version: 0, rules: vec![manager()] }.validate(&directory());
    assert_eq!(errors, vec![PolicyError::VersionZero]);
}

#[test]
fn an_empty_policy_is_allowed_with_a_warning_that_everything_is_approved() {
    let (errors, warnings) = check(vec![]);
    assert!(errors.is_empty());
    assert_eq!(warnings, vec![PolicyWarning::Empty]);
}

#[test]
fn a_step_for_a_role_nobody_holds_is_warned_about_by_number() {
    let managers_only = [(MANAGER, Role::Manager), (SUBMITTER, Role::Employee)];

    let (_, warnings) = policy(vec![manager(), approvals(1, Role::Admin)]).validate(&managers_only);

    assert_eq!(warnings, vec![PolicyWarning::NobodyHoldsRole { rule: 2, role: Role::Admin }]);
    assert_eq!(
        warnings[0].to_string(),
        "No one in the firm holds the role Administrator (or higher) required by rule 2"
    );
}

#[test]
fn a_step_needing_more_approvers_than_hold_the_role_is_warned_about() {
    let (_, warnings) = check(vec![approvals(3, Role::Admin)]);
    assert_eq!(warnings, vec![PolicyWarning::TooFewHolders { rule: 1, role: Role::Admin, count: 3, holders: 2 }]);
}

#[test]
fn higher_roles_count_as_holders_of_a_lower_one() {
    // Three managers and two administrators hold "Manager or higher".
    let (_, warnings) = check(vec![approvals(5, Role::Manager)]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn an_automatic_rule_with_no_step_after_it_is_warned_about() {
    let (_, warnings) = check(vec![manager(), below_hours(10)]);
    assert_eq!(warnings, vec![PolicyWarning::AutoApproveHasNoEffect { rule: 2 }]);
}

#[test]
fn an_automatic_rule_behind_a_broader_one_is_warned_about() {
    let (_, warnings) = check(vec![below_hours(10), below_hours(8), manager()]);
    assert_eq!(
        warnings,
        vec![PolicyWarning::AutoApproveShadowed { rule: 2, by: 1, threshold: "10:00 hours".to_owned() }]
    );
}

#[test]
fn a_narrower_scoped_rule_is_not_shadowed_by_a_rule_for_another_client() {
    let scoped = |client, hours: i64| Rule::AutoApproveBelow {
        measure: Measure::Hours,
        threshold: hours * 60,
        currency: None,
        only_for: Some(Scope::Client(client)),
    };
    let (_, warnings) = check(vec![scoped(1, 10), scoped(2, 8), manager()]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn an_hours_threshold_of_zero_never_applies() {
    let (_, warnings) = check(vec![below_hours(0), manager()]);
    assert_eq!(warnings, vec![PolicyWarning::AutoApproveNeverApplies { rule: 1 }]);
}

#[test]
fn asking_the_same_manager_twice_is_warned_about() {
    let (_, warnings) = check(vec![manager(), approvals(1, Role::Admin), manager()]);
    assert_eq!(warnings, vec![PolicyWarning::SameManagerTwice { first: 1, second: 3 }]);
}

#[test]
fn a_policy_round_trips_through_json() {
    let original = policy(vec![
        below_hours(10),
        Rule::Approvals { count: 2, role: Role::Manager, only_for: Some(Scope::Engagement(ENGAGEMENT)) },
        manager(),
        managers_manager(),
    ]);

    let back: Policy = serde_json::from_str(&serde_json::to_string(&original).unwrap()).unwrap();

    assert_eq!(back, original);
}
