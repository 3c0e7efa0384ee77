//! The policy editor's form, and the one translation between it and a typed
//! [`Policy`]. The editor shows an ordered list of rule rows (each row a
//! kind plus the fields that kind needs); a row with no kind is an empty
//! slot, which is how a rule is added or removed without JavaScript. The
//! same parse runs in the browser (instant messages) and on the server
//! (the check that counts). Rules also read back as sentences here
//! ([`describe`], and the threshold and scope phrases the trial and the
//! checks share), so a rule is worded one way wherever it appears.

use super::{DocumentKind, Measure, Policy, Rule, Scope, ScopeNames};
use crate::access::Role;
use crate::money::{Currency, Minutes};
use serde::{Deserialize, Serialize};

/// One row of the editor. Every field is text, as a form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleForm {
    /// `auto_hours`, `auto_amount`, `approvals`, `manager`,
    /// `managers_manager`, `engagement_owner`, or empty for an unused slot.
    #[serde(default)]
    pub kind: String,
    /// Hours (`10`, `7:30`) or an amount (`500`, `1 250,00`).
    #[serde(default)]
    pub threshold: String,
    /// The amount's currency (`EUR`); empty for any currency. Rows posted
    /// before the field existed have none, hence the default.
    #[serde(default)]
    pub currency: String,
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
    ("engagement_owner", "Require the engagement owner"),
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
            // Saying nothing would let the admin believe "10 hours EUR" means
            // something; it would be ignored.
            if !row.currency.trim().is_empty() {
                return Err("currency: hours have no currency; leave the currency empty".to_owned());
            }
            let threshold = i64::from(minutes.0);
            Ok(Rule::AutoApproveBelow { measure: Measure::Hours, threshold, currency: None, only_for })
        }
        "auto_amount" => {
            let threshold = parse_amount(&row.threshold)?;
            let currency = match row.currency.trim() {
                "" => None,
                raw => Some(Currency::parse(raw).map_err(|e| format!("currency: {e}"))?),
            };
            Ok(Rule::AutoApproveBelow { measure: Measure::Amount, threshold, currency, only_for })
        }
        "approvals" => {
            let count =
                row.count.trim().parse::<u8>().map_err(|_| "say how many approvals, from 1 to 10".to_owned())?;
            let role = Role::parse(row.role.trim()).ok_or_else(|| "choose the approvers' role".to_owned())?;
            Ok(Rule::Approvals { count, role, only_for })
        }
        "manager" => Ok(Rule::SubmitterManager { only_for }),
        "managers_manager" => Ok(Rule::ManagersManager { only_for }),
        "engagement_owner" => Ok(Rule::EngagementOwner { only_for }),
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
        Rule::AutoApproveBelow { measure: Measure::Amount, threshold, currency, .. } => {
            row.kind = "auto_amount".into();
            row.threshold = format!("{}.{:02}", threshold / 100, threshold % 100);
            row.currency = currency.map(|c| c.to_string()).unwrap_or_default();
        }
        Rule::Approvals { count, role, .. } => {
            row.kind = "approvals".into();
            row.count = count.to_string();
            row.role = role.as_str().into();
        }
        Rule::SubmitterManager { .. } => row.kind = "manager".into(),
        Rule::ManagersManager { .. } => row.kind = "managers_manager".into(),
        Rule::EngagementOwner { .. } => row.kind = "engagement_owner".into(),
    }
    row
}

/// One rule as a sentence, for the settings page and the inbox.
pub fn describe(rule: &Rule, kind: DocumentKind, names: &ScopeNames) -> String {
    let scope = format_scope(rule.only_for(), names);
    match rule {
        Rule::AutoApproveBelow { measure, threshold, .. } => {
            format!(
                "Approve {} automatically if it is below {}{scope}",
                kind.with_article(),
                format_threshold(*measure, *threshold, rule.currency())
            )
        }
        Rule::Approvals { count: 1, role, .. } => format!("One approval by a {} or higher{scope}", role.label()),
        Rule::Approvals { count, role, .. } => {
            format!("{count} approvals by different people, each a {} or higher{scope}", role.label())
        }
        Rule::SubmitterManager { .. } => format!("Approval by the submitter's manager{scope}"),
        Rule::ManagersManager { .. } => format!("Approval by the manager's manager{scope}"),
        Rule::EngagementOwner { .. } => format!("Approval by the engagement owner{scope}"),
    }
}

/// "10:00 hours", "an amount of 500.00", "an amount of 500.00 EUR" (the
/// currency, when known, is named; hours have none).
pub(super) fn format_threshold(measure: Measure, threshold: i64, currency: Option<Currency>) -> String {
    match measure {
        Measure::Hours => format!("{} hours", Minutes(u32::try_from(threshold.max(0)).unwrap_or(u32::MAX))),
        // Two decimals suit nearly every currency firms bill in; this is a
        // sentence for people, not a ledger.
        Measure::Amount => {
            let sign = if threshold < 0 { "-" } else { "" };
            let abs = threshold.unsigned_abs();
            let currency = currency.map(|c| format!(" {c}")).unwrap_or_default();
            format!("an amount of {sign}{}.{:02}{currency}", abs / 100, abs % 100)
        }
    }
}

pub(super) fn format_scope(scope: Option<Scope>, names: &ScopeNames) -> String {
    scope.map(|scope| format!(" (only for {})", names.label(scope))).unwrap_or_default()
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
