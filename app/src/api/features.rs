//! The firm's features (`/settings/features`): every flag with its value and
//! why, and an administrator's way to narrow one — switch a feature off,
//! lower the seat limit — or reset it to what the plan gives.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One flag as the settings page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureRow {
    pub key: String,
    pub description: String,
    /// A number limit rather than on/off.
    pub is_limit: bool,
    /// "On", "Off", "Limited to 5", "Unlimited".
    pub value: String,
    /// "On because the Team plan includes it" (with any refused setting).
    pub why: String,
    /// May the firm narrow it at all?
    pub adjustable: bool,
    /// The firm's own setting, if any, as stored ("off", "12").
    pub firm_setting: Option<String>,
    /// Is the firm's setting not used (it asks for more than allowed)?
    pub setting_refused: bool,
}

/// Every flag of the firm, freshly resolved (a change shows at once).
#[server(endpoint = "feature_settings")]
pub async fn load_features() -> Result<(String, Vec<FeatureRow>), AppError> {
    use pespro::flags::{FlagKind, why};

    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let mut tx = ctx.tenant_tx().await?;
    let flags = pespro::flags::firm_flags(&mut tx, &ctx.tenant).await?;
    tx.commit().await?;
    let rows = flags
        .iter()
        .map(|flag| FeatureRow {
            key: flag.definition.key.to_owned(),
            description: flag.definition.description.to_owned(),
            is_limit: flag.definition.kind == FlagKind::Limit,
            value: flag.resolved.value.to_string(),
            why: why(&flag.resolved),
            adjustable: flag.definition.firm_adjustable,
            firm_setting: flag.firm_setting.map(|v| v.stored_form()),
            setting_refused: flag.resolved.firm_setting_refused.is_some(),
        })
        .collect();
    Ok((ctx.tenant.plan.label().to_owned(), rows))
}

/// What the settings form posts (`form[flag]`, …): `action` is `set` (with
/// `value`) or `reset`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureSettingForm {
    pub flag: String,
    #[serde(default)]
    pub value: String,
    pub action: String,
}

/// Narrows a flag for the firm, or resets it. Refuses what the firm may not
/// set, and anything beyond what the plan (or PesPro) allows. Answers with
/// the feature as the page names it, for the confirmation.
#[server(endpoint = "set_feature")]
pub async fn set_feature(form: FeatureSettingForm) -> Result<String, AppError> {
    use pespro::audit::{AuditAction, AuditEntry, record};
    use pespro::flags::{FlagValue, definition, parse_input, resolve, set_firm_setting};

    let ctx = super::context::RequestContext::current()?;
    let actor = ctx.authorize(pespro::access::Permission::ManageFirmSettings)?;
    let def = definition(&form.flag).ok_or_else(|| AppError::validation("value", "There is no such feature."))?;
    if !def.firm_adjustable {
        return Err(AppError::validation("value", "Firms can't change this one; PesPro sets it."));
    }
    let tenant = ctx.tenant.clone();
    let value = match form.action.as_str() {
        "reset" => None,
        _ => Some(
            parse_input(def, &form.value)
                .map_err(|e| AppError::validation("value", super::workflows::capitalised(&e)))?,
        ),
    };
    if let Some(value) = value {
        // What the firm may narrow from: everything but its own setting.
        let allowed =
            resolve(def, &tenant.id.to_string(), Some(tenant.plan), tenant.flag_overrides.get(def.key).copied(), None);
        if !value.within(allowed.value) {
            let message = match allowed.value {
                FlagValue::Limit(max) => format!("The plan allows at most {max}; choose {max} or fewer."),
                _ => "This firm's plan doesn't include that, so it can't be chosen here.".to_owned(),
            };
            return Err(AppError::validation("value", message));
        }
    }
    let mut tx = ctx.tenant_tx().await?;
    set_firm_setting(&mut tx, def.key, value).await?;
    let detail = match value {
        Some(value) => format!("{}: {value}", def.key),
        None => format!("{}: reset to what the plan gives", def.key),
    };
    let entry = AuditEntry {
        actor_user_id: Some(actor.user_id),
        actor_label: &actor.audit_label(),
        action: AuditAction::FeatureSettingChanged,
        subject: def.key,
        detail: &detail,
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    // Said in the page's words: the flag's key is PesPro's name, not the firm's.
    Ok(def.description.to_owned())
}
