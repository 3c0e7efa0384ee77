//! The policy editor's rows: parsing them, writing a policy back into them,
//! and the sentences rules read as. (Rows for the owner step and for
//! currencies are in `owner_and_currency`.)

use super::*;

fn row(kind: &str) -> RuleForm {
    RuleForm { kind: kind.into(), ..RuleForm::default() }
}

#[test]
fn empty_slots_are_skipped_and_rows_keep_their_order() {
    let rows = vec![RuleForm { threshold: "10".into(), ..row("auto_hours") }, row(""), row("manager")];
    let rules = parse_rules(&rows).unwrap();
    assert_eq!(
        rules,
        vec![
            Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 600, currency: None, only_for: None },
            Rule::SubmitterManager { only_for: None },
        ]
    );
}

#[test]
fn a_bad_row_is_reported_with_its_number_as_the_editor_shows_it() {
    let rows = vec![row("manager"), RuleForm { count: "two".into(), role: "manager".into(), ..row("approvals") }];
    let problems = parse_rules(&rows).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 2);
    assert!(problems[0].to_string().contains("how many approvals"));
}

#[test]
fn an_approvals_row_needs_a_known_role() {
    let rows = vec![RuleForm { count: "2".into(), role: "partner".into(), ..row("approvals") }];
    assert!(parse_rules(&rows).unwrap_err()[0].message.contains("role"));
}

#[test]
fn a_scope_names_a_client_or_an_engagement_by_id() {
    let rows = vec![RuleForm { scope: "client:7".into(), ..row("manager") }];
    assert_eq!(parse_rules(&rows).unwrap()[0].only_for(), Some(Scope::Client(7)));
    let rows = vec![RuleForm { scope: "team:7".into(), ..row("manager") }];
    assert!(parse_rules(&rows).is_err());
}

#[test]
fn amounts_are_read_in_either_decimal_convention() {
    assert_eq!(parse_amount("500"), Ok(50_000));
    assert_eq!(parse_amount("500.5"), Ok(50_050));
    assert_eq!(parse_amount("1,250.00"), Ok(125_000));
    assert_eq!(parse_amount("1.250,00"), Ok(125_000));
    assert_eq!(parse_amount("1 250,75"), Ok(125_075));
    assert_eq!(parse_amount("1,250"), Ok(125_000));
}

#[test]
fn negative_or_unreadable_amounts_are_refused() {
    assert!(parse_amount("-5").is_err());
    assert!(parse_amount("five").is_err());
    assert!(parse_amount("").is_err());
}

#[test]
fn a_policy_survives_the_round_trip_through_the_editor() {
    let policy = Policy {
        version: 3,
        rules: vec![
            Rule::AutoApproveBelow { measure: Measure::Amount, threshold: 50_025, currency: None, only_for: None },
            Rule::Approvals { count: 2, role: Role::Manager, only_for: Some(Scope::Engagement(4)) },
            Rule::SubmitterManager { only_for: None },
            Rule::ManagersManager { only_for: Some(Scope::Client(2)) },
            Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 450, currency: None, only_for: None },
        ],
    };
    assert_eq!(parse_rules(&to_rows(&policy)).unwrap(), policy.rules);
}

#[test]
fn rules_read_as_sentences() {
    let auto = Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 600, currency: None, only_for: None };
    assert_eq!(
        describe(&auto, DocumentKind::Timesheet, &ScopeNames::default()),
        "Approve a timesheet automatically if it is below 10:00 hours"
    );
    let two = Rule::Approvals { count: 2, role: Role::Manager, only_for: None };
    assert_eq!(
        describe(&two, DocumentKind::Timesheet, &ScopeNames::default()),
        "2 approvals by different people, each a Manager or higher"
    );
}

#[test]
fn automatic_rules_are_not_counted_as_steps() {
    let rules = vec![
        Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 600, currency: None, only_for: None },
        Rule::SubmitterManager { only_for: None },
        Rule::ManagersManager { only_for: None },
    ];
    assert_eq!(step_count(&rules), 2);
    assert_eq!(step_count(&default_policy().rules), 1);
}
