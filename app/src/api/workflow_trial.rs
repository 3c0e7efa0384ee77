//! The server half of the workflow editor's post: check the rules, try
//! them against the example, and save them when asked. Kept apart from the
//! server function so that stays a short adapter.

use super::workflows::{PolicyForm, PolicyOutcome, capitalised};
use crate::error::AppError;
use pespro::access::CurrentUser;
use pespro::db::TenantTx;
use pespro::money::{Currency, Minutes};
use pespro::workflow::{Document, DocumentKind, Policy, Rule, TrialResult, try_policy};

pub async fn evaluate(
    tx: &mut TenantTx,
    kind: DocumentKind,
    rules: Vec<Rule>,
    form: &PolicyForm,
    user: &CurrentUser,
    client_address: Option<std::net::IpAddr>,
) -> Result<PolicyOutcome, AppError> {
    let directory = pespro::practice::directory(tx).await?;
    let current = pespro::practice::current_policy(tx, kind).await?;
    let draft = Policy { version: current.version + 1, rules };
    let (errors, warnings) = draft.validate(&directory);
    if !errors.is_empty() {
        let message = errors.iter().map(|e| capitalised(&e.to_string())).collect::<Vec<_>>().join(" ");
        return Err(AppError::validation("rules", message));
    }
    let example = example(tx, kind, form).await?;
    let names = pespro::practice::people_names(tx).await?;
    let scopes = pespro::practice::scope_names(tx, &draft.rules).await?;
    let trial = try_policy(&draft, &example, &directory, &scopes);
    let name = |id: &i64| names.get(id).cloned().unwrap_or_default();
    let lines = trial
        .steps
        .iter()
        .map(|step| {
            let who: Vec<String> = step.eligible.iter().map(name).collect();
            if who.is_empty() {
                step.sentence.clone()
            } else {
                format!("{} Could approve: {}.", step.sentence, who.join(", "))
            }
        })
        .collect();
    let verdict = match trial.result {
        TrialResult::ApprovedOnSubmission => {
            format!("This {} would be approved as soon as it is submitted.", kind.label())
        }
        TrialResult::NeedsApprovals { steps: 1 } => format!("This {} would need one approval step.", kind.label()),
        TrialResult::NeedsApprovals { steps } => format!("This {} would need {steps} approval steps.", kind.label()),
        TrialResult::Stuck { rule_number } => {
            format!("This {} would get stuck at rule {rule_number}: too few people could approve it.", kind.label())
        }
    };
    let saved_version =
        if form.intent == "save" { Some(save(tx, kind, &draft, &scopes, user, client_address).await?) } else { None };
    Ok(PolicyOutcome {
        saved_version,
        trial: lines,
        verdict,
        warnings: warnings.iter().map(|w| capitalised(&w.to_string())).collect(),
    })
}

async fn example(tx: &mut TenantTx, kind: DocumentKind, form: &PolicyForm) -> Result<Document, AppError> {
    let submitter = form.example_person.trim().parse::<i64>().unwrap_or_default();
    let minutes = match form.example_hours.trim() {
        "" => Minutes::ZERO,
        raw => Minutes::parse(raw).map_err(|e| AppError::validation("example_hours", capitalised(&e.to_string())))?,
    };
    let amount_minor = match form.example_amount.trim() {
        "" => 0,
        raw => {
            pespro::workflow::parse_amount(raw).map_err(|e| AppError::validation("example_amount", capitalised(&e)))?
        }
    };
    // A timesheet has time but no amount, so no currency (as when it is
    // submitted); an expense or invoice is in the currency typed, else in the
    // firm's own, so a threshold for that currency can be tried.
    let currency = match (kind, form.example_currency.trim()) {
        (DocumentKind::Timesheet, _) => None,
        (_, "") => Currency::parse(&pespro::practice::default_currency(tx).await?).ok(),
        (_, raw) => Some(
            Currency::parse(raw).map_err(|e| AppError::validation("example_currency", capitalised(&e.to_string())))?,
        ),
    };
    let hierarchy = pespro::practice::hierarchy(tx).await?;
    Ok(Document {
        kind,
        submitter,
        manager_chain: hierarchy.manager_chain(submitter),
        minutes,
        amount_minor,
        currency,
        client_ids: Vec::new(),
        engagement_ids: Vec::new(),
        // The example names no engagement, so it has no owner: the trial
        // shows the owner's step handed to administrators, and says so.
        engagement_owners: Vec::new(),
        policy_version: None,
    })
}

async fn save(
    tx: &mut TenantTx,
    kind: DocumentKind,
    draft: &Policy,
    scopes: &pespro::workflow::ScopeNames,
    user: &CurrentUser,
    client_address: Option<std::net::IpAddr>,
) -> Result<u32, AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};
    let saved = pespro::practice::save_policy(tx, kind, &draft.rules, user.user_id).await?;
    let detail =
        draft.rules.iter().map(|r| pespro::workflow::describe(r, kind, scopes)).collect::<Vec<_>>().join("; then ");
    let subject = format!("{} policy v{}", kind.label(), saved.version);
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: AuditAction::WorkflowChanged,
        subject: &subject,
        detail: &detail,
        client_address,
    };
    record(tx, &entry).await?;
    Ok(saved.version)
}
