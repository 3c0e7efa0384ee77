//! Thresholds limited to one currency, and the engagement owner's step —
//! what invoices asked of the engine (issue #11), which apply to every kind.
//! Here #21 (`OTHER_MANAGER`) owns the engagement.

use super::*;
use crate::money::Currency;

const OWNER: i64 = OTHER_MANAGER;

fn below_amount(minor: i64, currency: Option<Currency>) -> Rule {
    Rule::AutoApproveBelow { measure: Measure::Amount, threshold: minor, currency, only_for: None }
}

fn owner_step() -> Rule {
    Rule::EngagementOwner { only_for: None }
}

fn invoice_in(amount_minor: i64, currency: Currency) -> Document {
    Document { currency: Some(currency), ..invoice(amount_minor) }
}

fn owned_by(owners: Vec<i64>) -> Document {
    Document { engagement_owners: owners, ..invoice_in(1_000_000, Currency::EUR) }
}

fn row(kind: &str, threshold: &str, currency: &str) -> RuleForm {
    RuleForm { kind: kind.into(), threshold: threshold.into(), currency: currency.into(), ..RuleForm::default() }
}

#[test]
fn an_amount_threshold_in_euros_does_not_apply_to_an_invoice_in_dollars() {
    let policy = policy(vec![below_amount(50_000, Some(Currency::EUR)), manager()]);

    let in_euros = submit(State::Draft, &invoice_in(12_050, Currency::EUR), &policy).unwrap();
    let in_dollars = submit(State::Draft, &invoice_in(12_050, Currency::USD), &policy).unwrap();

    assert_eq!(in_euros.state, State::Approved);
    assert_eq!(in_euros.progress.stopped_by_rule, Some(1));
    assert_eq!(in_dollars.state, State::Submitted);
    assert_eq!(in_dollars.progress.current_step().unwrap().approver, Approver::Person(MANAGER));
}

#[test]
fn an_amount_threshold_without_a_currency_applies_in_every_currency() {
    let policy = policy(vec![below_amount(50_000, None), manager()]);

    for currency in [Currency::EUR, Currency::USD, Currency::GBP] {
        assert_eq!(submit(State::Draft, &invoice_in(12_050, currency), &policy).unwrap().state, State::Approved);
    }
}

#[test]
fn an_hours_threshold_ignores_a_currency_written_into_it() {
    let rule = Rule::AutoApproveBelow {
        measure: Measure::Hours,
        threshold: 600,
        currency: Some(Currency::EUR),
        only_for: None,
    };

    let outcome = submit(State::Draft, &timesheet(9), &policy(vec![rule, manager()])).unwrap();

    assert_eq!(outcome.state, State::Approved);
}

#[test]
fn old_policies_without_a_currency_still_load() {
    let stored = r#"[{"AutoApproveBelow":{"measure":"Amount","threshold":50000,"only_for":null}},
                     {"SubmitterManager":{"only_for":{"Client":7}}}]"#;

    let rules: Vec<Rule> = serde_json::from_str(stored).unwrap();

    assert_eq!(rules, vec![below_amount(50_000, None), Rule::SubmitterManager { only_for: Some(Scope::Client(7)) }]);
}

#[test]
fn a_currency_and_an_owner_step_are_stored_and_read_back() {
    let rules = vec![below_amount(50_000, Some(Currency::EUR)), owner_step()];

    let stored = serde_json::to_string(&rules).unwrap();

    assert!(stored.contains(r#""currency":"EUR""#), "{stored}");
    assert_eq!(serde_json::from_str::<Vec<Rule>>(&stored).unwrap(), rules);
}

#[test]
fn the_engagement_owner_approves_the_step() {
    let policy = policy(vec![owner_step()]);
    let (state, doc) = submitted(owned_by(vec![OWNER]), &policy);

    assert!(pending_for(OWNER, Role::Manager, state, &doc, &policy, &[]));
    assert!(!pending_for(MANAGER, Role::Manager, state, &doc, &policy, &[]));
    let by_manager = decide(state, &doc, &policy, &[], &approve(MANAGER, Role::Manager));
    assert_eq!(by_manager, Err(WorkflowError::NotAnEligibleApprover));
    let (next, _) = decide(state, &doc, &policy, &[], &approve(OWNER, Role::Manager)).unwrap();
    assert_eq!(next, State::Approved);
}

#[test]
fn an_owner_who_submitted_hands_the_step_to_an_administrator() {
    let policy = policy(vec![owner_step()]);
    let (state, doc) = submitted(owned_by(vec![SUBMITTER]), &policy);

    let step = progress(&doc, &policy, &[]).current_step().cloned().unwrap();
    assert_eq!((step.approver, step.fallback), (Approver::RoleAtLeast(Role::Admin), true));
    assert!(!pending_for(MANAGER, Role::Manager, state, &doc, &policy, &[]));
    let (next, _) = decide(state, &doc, &policy, &[], &approve(ADMIN, Role::Admin)).unwrap();
    assert_eq!(next, State::Approved);
}

#[test]
fn an_engagement_without_an_owner_hands_the_step_to_an_administrator() {
    let step = progress(&owned_by(vec![]), &policy(vec![owner_step()]), &[]).current_step().cloned().unwrap();

    assert_eq!((step.approver, step.fallback), (Approver::RoleAtLeast(Role::Admin), true));
}

#[test]
fn the_first_owner_who_did_not_submit_takes_the_step() {
    let step = progress(&owned_by(vec![SUBMITTER, OWNER]), &policy(vec![owner_step()]), &[]);

    assert_eq!(step.current_step().unwrap().approver, Approver::Person(OWNER));
}

#[test]
fn an_owner_who_approved_an_earlier_step_leaves_this_one_to_the_next_owner() {
    // The manager owns the engagement too, and approves as the manager first.
    let policy = policy(vec![manager(), owner_step()]);
    let (state, doc) = submitted(owned_by(vec![MANAGER, OWNER]), &policy);
    let first = approve(MANAGER, Role::Manager);

    let (state, after) = decide(state, &doc, &policy, &[], &first).unwrap();

    assert_eq!(state, State::Submitted);
    assert_eq!(after.current_step().unwrap().approver, Approver::Person(OWNER));
    assert!(!pending_for(MANAGER, Role::Manager, state, &doc, &policy, &[first]));
}

#[test]
fn currency_and_owner_rows_survive_the_round_trip_through_the_editor() {
    let policy = policy(vec![
        below_amount(50_000, Some(Currency::EUR)),
        below_amount(10_000, None),
        Rule::EngagementOwner { only_for: Some(Scope::Client(CLIENT)) },
    ]);

    let rows = to_rows(&policy);

    assert_eq!((rows[0].currency.as_str(), rows[1].currency.as_str()), ("EUR", ""));
    assert_eq!(rows[2].kind, "engagement_owner");
    assert_eq!(parse_rules(&rows).unwrap(), policy.rules);
}

#[test]
fn a_currency_is_read_as_typed_and_kept_in_capitals() {
    assert_eq!(
        parse_rules(&[row("auto_amount", "500", " eur ")]).unwrap(),
        vec![below_amount(50_000, Some(Currency::EUR))]
    );
    assert_eq!(parse_rules(&[row("auto_amount", "500", "")]).unwrap(), vec![below_amount(50_000, None)]);
}

#[test]
fn an_unreadable_currency_is_refused_at_the_currency_field() {
    let problems = parse_rules(&[row("manager", "", ""), row("auto_amount", "500", "euros")]).unwrap_err();

    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].to_string(), "rule 2: currency: a currency is three letters, such as EUR or USD");
}

#[test]
fn a_currency_on_an_hours_row_is_refused_at_the_currency_field() {
    let problems = parse_rules(&[row("auto_hours", "10", "EUR")]).unwrap_err();

    assert_eq!(problems[0].to_string(), "rule 1: currency: hours have no currency; leave the currency empty");
}

#[test]
fn an_amount_threshold_names_its_currency_in_its_sentence() {
    let names = ScopeNames::default();

    let sentence = describe(&below_amount(50_000, Some(Currency::EUR)), DocumentKind::Invoice, &names);

    assert_eq!(sentence, "Approve an invoice automatically if it is below an amount of 500.00 EUR");
    let any = describe(&below_amount(50_000, None), DocumentKind::Expense, &names);
    assert_eq!(any, "Approve an expense automatically if it is below an amount of 500.00");
}

#[test]
fn the_owner_step_reads_as_a_sentence() {
    let names = ScopeNames::new([(Scope::Client(CLIENT), "Acme Ltd".to_owned())]);
    let scoped = Rule::EngagementOwner { only_for: Some(Scope::Client(CLIENT)) };

    assert_eq!(
        describe(&scoped, DocumentKind::Invoice, &names),
        "Approval by the engagement owner (only for client Acme Ltd)"
    );
    assert_eq!(step_count(&[below_amount(1, None), owner_step()]), 1);
}

#[test]
fn asking_the_engagement_owner_twice_is_warned_about() {
    let (_, warnings) = policy(vec![owner_step(), approvals(1, Role::Admin), owner_step()]).validate(&directory());

    assert_eq!(warnings, vec![PolicyWarning::SameOwnerTwice { first: 1, second: 3 }]);
}

#[test]
fn a_currency_on_an_hours_threshold_is_warned_about() {
    let rule = Rule::AutoApproveBelow {
        measure: Measure::Hours,
        threshold: 600,
        currency: Some(Currency::EUR),
        only_for: None,
    };

    let (_, warnings) = policy(vec![rule, manager()]).validate(&directory());

    assert_eq!(warnings, vec![PolicyWarning::CurrencyOnHours { rule: 1 }]);
}

#[test]
fn a_threshold_in_euros_hides_neither_one_in_dollars_nor_one_for_any_currency() {
    let euros = below_amount(100_000, Some(Currency::EUR));
    let (_, warnings) =
        policy(vec![euros.clone(), below_amount(50_000, Some(Currency::USD)), below_amount(50_000, None), manager()])
            .validate(&directory());
    assert!(warnings.is_empty(), "{warnings:?}");

    let (_, warnings) = policy(vec![below_amount(100_000, None), euros, manager()]).validate(&directory());
    let threshold = "an amount of 1000.00".to_owned();
    assert_eq!(warnings, vec![PolicyWarning::AutoApproveShadowed { rule: 2, by: 1, threshold }]);
}

#[test]
fn a_trial_in_another_currency_shows_the_threshold_skipped() {
    let rules = policy(vec![below_amount(50_000, Some(Currency::EUR)), manager()]);

    let trial = try_policy(&rules, &invoice_in(12_050, Currency::USD), &directory(), &ScopeNames::default());

    assert_eq!(trial.steps[0].sentence, "Rule 1: skipped — this invoice is in USD, not EUR.");
    assert_eq!(trial.result, TrialResult::NeedsApprovals { steps: 1 });
    let in_euros = try_policy(&rules, &invoice_in(12_050, Currency::EUR), &directory(), &ScopeNames::default());
    assert_eq!(
        in_euros.steps[0].sentence,
        "Rule 1: an amount of 120.50 EUR is below an amount of 500.00 EUR, so it is sent directly."
    );
}

#[test]
fn a_trial_names_the_engagement_owner_or_the_administrators_standing_in() {
    let rules = policy(vec![owner_step()]);

    let owned = try_policy(&rules, &owned_by(vec![OWNER]), &directory(), &ScopeNames::default());
    let unowned = try_policy(&rules, &owned_by(vec![]), &directory(), &ScopeNames::default());

    assert_eq!(owned.steps[0].eligible, vec![OWNER]);
    assert_eq!(owned.steps[0].sentence, "Rule 1: needs the engagement owner.");
    assert_eq!(unowned.steps[0].eligible, vec![ADMIN, ADMIN_2]);
    assert_eq!(
        unowned.steps[0].sentence,
        "Rule 1: no owner of its engagements can approve, so it needs 1 approval from someone holding \
         Administrator or higher."
    );
}
