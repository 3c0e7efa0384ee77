//! The policy editor's form, and the one translation between it and a typed
//! [`Policy`]. The editor shows an ordered list of rule rows (each row a
//! kind plus the fields that kind needs); a row with no kind is an empty
//! slot, which is how a rule is added or removed without JavaScript. The
//! same parse runs in the browser (instant messages) and on the server
//! (the check that counts).

use super::{DocumentKind, Measure, Policy, Rule, Scope, ScopeNames, format_scope, format_threshold};
use crate::access::Role;
use crate::money::Minutes;
use serde::{Deserialize, Serialize};

/// One row of the editor. Every field is text, as a form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleForm {
    /// `auto_hours`, `auto_amount`, `approvals`, `manager`,
    /// `managers_manager`, or empty for an unused slot.
    #[serde(default)]
    pub kind: String,
    /// Hours (`10`, `7:30`) or an amount (`500`, `1 250,00`).
    #[serde(default)]
    pub threshold: String,
    #[serde(default)]
    pub count: String,
    #[serde(default)]
    pub role: String,
    /// Empty, `client:<id>` or `engagement:<id>`.
    #[serde(default)]
    pub scope: String,
}

/// The kinds a row can have, with the label the editor shows.
pub const RULE_KINDS: &[(&str, &str)] = &[
    ("auto_hours", "Approve automatically below a number of hours"),
    ("auto_amount", "Approve automatically below an amount"),
    ("approvals", "Require approvals from people with a role"),
    ("manager", "Require the submitter's manager"),
    ("managers_manager", "Require the manager's manager"),
];

/// What is wrong with a row, numbered from 1 as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("rule {row}: {message}")]
pub struct RowProblem {
    pub row: usize,
    pub message: String,
}

/// Reads the editor's rows (empty slots skipped) into the rules of a policy.
/// Version is not the form's business: the server gives the next one.
pub fn parse_rules(rows: &[RuleForm]) -> Result<Vec<Rule>, Vec<RowProblem>> {
    let mut rules = Vec::new();
    let mut problems = Vec::new();
    for (index, row) in rows.iter().enumerate().filter(|(_, row)| !row.kind.trim().is_empty()) {
        match parse_row(row) {
            Ok(rule) => rules.push(rule),
            Err(message) => problems.push(RowProblem { row: index + 1, message }),
        }
    }
    if problems.is_empty() { Ok(rules) } else { Err(problems) }
}

fn parse_row(row: &RuleForm) -> Result<Rule, String> {
    let only_for = parse_scope(&row.scope)?;
    match row.kind.trim() {
        "auto_hours" => {
            let minutes = Minutes::parse(&row.threshold).map_err(|e| format!("hours: {e}"))?;
            Ok(Rule::AutoApproveBelow { measure: Measure::Hours, threshold: i64::from(minutes.0), only_for })
        }
        "auto_amount" => {
            let threshold = parse_amount(&row.threshold)?;
            Ok(Rule::AutoApproveBelow { measure: Measure::Amount, threshold, only_for })
        }
        "approvals" => {
            let count =
                row.count.trim().parse::<u8>().map_err(|_| "say how many approvals, from 1 to 10".to_owned())?;
            let role = Role::parse(row.role.trim()).ok_or_else(|| "choose the approvers' role".to_owned())?;
            Ok(Rule::Approvals { count, role, only_for })
        }
        "manager" => Ok(Rule::SubmitterManager { only_for }),
        "managers_manager" => Ok(Rule::ManagersManager { only_for }),
        _ => Err("choose what the rule does".to_owned()),
    }
}

fn parse_scope(raw: &str) -> Result<Option<Scope>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = || "choose a client or engagement from the list".to_owned();
    let (kind, id) = raw.split_once(':').ok_or_else(bad)?;
    let id = id.parse::<i64>().map_err(|_| bad())?;
    match kind {
        "client" => Ok(Some(Scope::Client(id))),
        "engagement" => Ok(Some(Scope::Engagement(id))),
        _ => Err(bad()),
    }
}

/// An amount in minor units (cents) from `500`, `500.5`, `1,250.00`,
/// `1 250,00` or `1.250,00`: the last `.` or `,` followed by one or two
/// digits is the decimal separator; other separators group thousands.
pub fn parse_amount(raw: &str) -> Result<i64, String> {
    let problem = || "write an amount such as 500 or 1,250.00".to_owned();
    let text: String = raw.trim().chars().filter(|c| !c.is_whitespace() && *c != '\'').collect();
    if text.is_empty() || text.starts_with('-') {
        return Err(problem());
    }
    let decimal_at = text.rfind(['.', ',']).filter(|at| (1..=2).contains(&(text.len() - at - 1)));
    let (whole, fraction) = match decimal_at {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text.as_str(), ""),
    };
    let whole: String = whole.chars().filter(|c| *c != '.' && *c != ',').collect();
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return Err(problem());
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().map_err(|_| problem())? * 10,
        _ => fraction.parse::<i64>().map_err(|_| problem())?,
    };
    whole.parse::<i64>().ok().and_then(|w| w.checked_mul(100)).and_then(|w| w.checked_add(cents)).ok_or_else(problem)
}

/// The editor's rows for a saved policy.
pub fn to_rows(policy: &Policy) -> Vec<RuleForm> {
    policy.rules.iter().map(to_row).collect()
}

fn to_row(rule: &Rule) -> RuleForm {
    let scope = match rule.only_for() {
        None => String::new(),
        Some(Scope::Client(id)) => format!("client:{id}"),
        Some(Scope::Engagement(id)) => format!("engagement:{id}"),
    };
    let mut row = RuleForm { scope, ..RuleForm::default() };
    match rule {
        Rule::AutoApproveBelow { measure: Measure::Hours, threshold, .. } => {
            row.kind = "auto_hours".into();
            row.threshold = Minutes(u32::try_from(*threshold).unwrap_or(u32::MAX)).to_string();
        }
        Rule::AutoApproveBelow { measure: Measure::Amount, threshold, .. } => {
            row.kind = "auto_amount".into();
            row.threshold = format!("{}.{:02}", threshold / 100, threshold % 100);
        }
        Rule::Approvals { count, role, .. } => {
            row.kind = "approvals".into();
            row.count = count.to_string();
            row.role = role.as_str().into();
        }
        Rule::SubmitterManager { .. } => row.kind = "manager".into(),
        Rule::ManagersManager { .. } => row.kind = "managers_manager".into(),
    }
    row
}

/// One rule as a sentence, for the settings page and the inbox.
pub fn describe(rule: &Rule, kind: DocumentKind, names: &ScopeNames) -> String {
    let scope = format_scope(rule.only_for(), names);
    match rule {
        Rule::AutoApproveBelow { measure, threshold, .. } => {
            format!(
                "Approve a {} automatically if it is below {}{scope}",
                kind.label(),
                format_threshold(*measure, *threshold)
            )
        }
        Rule::Approvals { count: 1, role, .. } => format!("One approval by a {} or higher{scope}", role.label()),
        Rule::Approvals { count, role, .. } => {
            format!("{count} approvals by different people, each a {} or higher{scope}", role.label())
        }
        Rule::SubmitterManager { .. } => format!("Approval by the submitter's manager{scope}"),
        Rule::ManagersManager { .. } => format!("Approval by the manager's manager{scope}"),
    }
}

/// How many approval steps the rules ask for at most (automatic rules are
/// not steps). Plans that exclude multi-step workflows allow one.
pub fn step_count(rules: &[Rule]) -> usize {
    rules.iter().filter(|rule| !matches!(rule, Rule::AutoApproveBelow { .. })).count()
}

/// The policy a firm has before its administrator writes one: a single
/// approval by a manager, the most common practice and a safe one.
pub fn default_policy() -> Policy {
    Policy { version: 1, rules: vec![Rule::Approvals { count: 1, role: Role::Manager, only_for: None }] }
}

#[cfg(test)]
mod tests {
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
                Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 600, only_for: None },
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
                Rule::AutoApproveBelow { measure: Measure::Amount, threshold: 50_025, only_for: None },
                Rule::Approvals { count: 2, role: Role::Manager, only_for: Some(Scope::Engagement(4)) },
                Rule::SubmitterManager { only_for: None },
                Rule::ManagersManager { only_for: Some(Scope::Client(2)) },
                Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 450, only_for: None },
            ],
        };
        assert_eq!(parse_rules(&to_rows(&policy)).unwrap(), policy.rules);
    }

    #[test]
    fn rules_read_as_sentences() {
        let auto = Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 600, only_for: None };
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
            Rule::AutoApproveBelow { measure: Measure::Hours, threshold: 600, only_for: None },
            Rule::SubmitterManager { only_for: None },
            Rule::ManagersManager { only_for: None },
        ];
        assert_eq!(step_count(&rules), 2);
        assert_eq!(step_count(&default_policy().rules), 1);
    }
}
