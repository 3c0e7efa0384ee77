//! Shared people and documents for the workflow tests: a submitter (#10)
//! whose manager is #20, whose manager is #30; another manager (#21), a
//! colleague (#11) and two administrators (#1, #2).

mod engine;
mod form;
mod owner_and_currency;
mod policy;
mod routing;
mod trial;

use super::*;

const ADMIN: i64 = 1;
const ADMIN_2: i64 = 2;
const SUBMITTER: i64 = 10;
const COLLEAGUE: i64 = 11;
const MANAGER: i64 = 20;
const OTHER_MANAGER: i64 = 21;
const BIG_BOSS: i64 = 30;
const CLIENT: i64 = 7;
const ENGAGEMENT: i64 = 70;

fn directory() -> Vec<(i64, Role)> {
    vec![
        (ADMIN, Role::Admin),
        (ADMIN_2, Role::Admin),
        (SUBMITTER, Role::Employee),
        (COLLEAGUE, Role::Employee),
        (MANAGER, Role::Manager),
        (OTHER_MANAGER, Role::Manager),
        (BIG_BOSS, Role::Manager),
    ]
}

fn timesheet(hours: u32) -> Document {
    Document {
        kind: DocumentKind::Timesheet,
        submitter: SUBMITTER,
        manager_chain: vec![MANAGER, BIG_BOSS],
        minutes: Minutes::from_hours(hours),
        amount_minor: 0,
        currency: None,
        client_ids: vec![CLIENT],
        engagement_ids: vec![ENGAGEMENT],
        engagement_owners: vec![],
        policy_version: None,
    }
}

fn invoice(amount_minor: i64) -> Document {
    Document { kind: DocumentKind::Invoice, amount_minor, ..timesheet(0) }
}

fn policy(rules: Vec<Rule>) -> Policy {
    Policy { version: 3, rules }
}

fn below_hours(hours: i64) -> Rule {
    Rule::AutoApproveBelow { measure: Measure::Hours, threshold: hours * 60, currency: None, only_for: None }
}

fn approvals(count: u8, role: Role) -> Rule {
    Rule::Approvals { count, role, only_for: None }
}

fn manager() -> Rule {
    Rule::SubmitterManager { only_for: None }
}

fn managers_manager() -> Rule {
    Rule::ManagersManager { only_for: None }
}

fn approve(by: i64, role: Role) -> Decision {
    Decision { by, role, approve: true, comment: String::new(), at: time::OffsetDateTime::UNIX_EPOCH }
}

fn reject(by: i64, role: Role, comment: &str) -> Decision {
    Decision { approve: false, comment: comment.to_owned(), ..approve(by, role) }
}

/// Submits `doc` under `policy` and returns it as stored afterwards.
fn submitted(doc: Document, policy: &Policy) -> (State, Document) {
    let outcome = submit(State::Draft, &doc, policy).unwrap();
    (outcome.state, Document { policy_version: Some(outcome.policy_version), ..doc })
}
