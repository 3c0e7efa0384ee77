//! The workflow settings page: a firm's approval policy per kind of
//! document, tried against an example and saved as a new version.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::workflow::{DocumentKind, RuleForm};
use serde::{Deserialize, Serialize};

/// The editor's data for one kind of document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowSettings {
    pub kind: DocumentKind,
    pub version: u32,
    pub rows: Vec<RuleForm>,
    /// The saved rules as sentences.
    pub sentences: Vec<String>,
    pub warnings: Vec<String>,
    /// (value, label) for the "only for" select.
    pub scopes: Vec<(String, String)>,
    /// (user id, name) for the example's submitter.
    pub people: Vec<(i64, String)>,
}

/// What the editor posts. `intent` is `try` (evaluate, save nothing) or
/// `save`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyForm {
    pub kind: String,
    #[serde(default)]
    pub rules: Vec<RuleForm>,
    #[serde(default)]
    pub example_person: String,
    #[serde(default)]
    pub example_hours: String,
    #[serde(default)]
    pub example_amount: String,
    /// Empty: the firm's default currency. Ignored for timesheets.
    #[serde(default)]
    pub example_currency: String,
    #[serde(default)]
    pub intent: String,
}

/// The answer to a post: the trial, and the saved version when saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyOutcome {
    pub saved_version: Option<u32>,
    pub trial: Vec<String>,
    pub verdict: String,
    pub warnings: Vec<String>,
}

pub fn parse_kind(raw: &str) -> Option<DocumentKind> {
    [DocumentKind::Timesheet, DocumentKind::Expense, DocumentKind::Invoice].into_iter().find(|k| k.label() == raw)
}

#[server(endpoint = "workflow_settings")]
pub async fn load_workflow_settings(kind: Option<String>) -> Result<WorkflowSettings, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let kind = kind.as_deref().and_then(parse_kind).unwrap_or(DocumentKind::Timesheet);
    let mut tx = ctx.tenant_tx().await?;
    let policy = pespro::practice::current_policy(&mut tx, kind).await?;
    let directory = pespro::practice::directory(&mut tx).await?;
    let names = pespro::practice::people_names(&mut tx).await?;
    let scopes = pespro::practice::scope_choices(&mut tx).await?;
    let scope_names = pespro::practice::scope_names(&mut tx, &policy.rules).await?;
    tx.commit().await?;
    let (_, warnings) = policy.validate(&directory);
    Ok(WorkflowSettings {
        kind,
        version: policy.version,
        rows: pespro::workflow::to_rows(&policy),
        sentences: policy.rules.iter().map(|r| pespro::workflow::describe(r, kind, &scope_names)).collect(),
        warnings: warnings.iter().map(ToString::to_string).collect(),
        scopes,
        people: directory.iter().map(|(id, _)| (*id, names.get(id).cloned().unwrap_or_default())).collect(),
    })
}

/// Tries the posted rules against the example, and saves them as the next
/// version when `intent` is `save` and they have no errors.
#[server(endpoint = "save_workflow")]
pub async fn save_workflow(form: PolicyForm) -> Result<PolicyOutcome, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    if form.intent == "save" {
        // Trying rules changes nothing; saving changes who approves.
        ctx.authorize(pespro::access::Permission::ChangeMoneyRules)?;
    }
    let kind = parse_kind(&form.kind).ok_or_else(|| AppError::validation("kind", "Choose a kind of document."))?;
    let rules = pespro::workflow::parse_rules(&form.rules).map_err(|problems| {
        let message = problems.iter().map(|p| capitalised(&p.to_string())).collect::<Vec<_>>().join(" ");
        AppError::validation("rules", message)
    })?;
    // Trying is free; saving more than one approval step needs the plan.
    if form.intent == "save" && pespro::workflow::step_count(&rules) > 1 {
        ctx.require_feature(pespro::flags::Feature::MultiStepApprovals)?;
    }
    let mut tx = ctx.tenant_tx().await?;
    let outcome = super::workflow_trial::evaluate(&mut tx, kind, rules, &form, user, ctx.client_address).await?;
    tx.commit().await?;
    Ok(outcome)
}

#[cfg(feature = "ssr")]
pub(crate) fn capitalised(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>() + ".").unwrap_or_default()
}
