//! Clients' and engagements' details as their edit forms post them, and the
//! rules that turn those forms into typed values: billing models, budgets in
//! hours or money, dates in order, a retainer's included hours
//! ([`retainer`]). Pure, so the browser can run the same checks as the
//! server; and the budget burn the engagement page shows.

use crate::money::{Currency, Minutes};
use crate::workflow::parse_amount;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BillingModel {
    Hourly,
    FixedFee,
    /// A set amount per period (month, quarter, year).
    Retainer,
    NonBillable,
}

impl BillingModel {
    pub const ALL: [BillingModel; 4] = [Self::Hourly, Self::FixedFee, Self::Retainer, Self::NonBillable];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hourly => "hourly",
            Self::FixedFee => "fixed_fee",
            Self::Retainer => "retainer",
            Self::NonBillable => "non_billable",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Hourly => "Hourly",
            Self::FixedFee => "Fixed fee",
            Self::Retainer => "Retainer",
            Self::NonBillable => "Non-billable",
        }
    }
}

pub const RETAINER_PERIODS: [&str; 3] = ["month", "quarter", "year"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Budget {
    None,
    Hours(Minutes),
    /// Minor units of the engagement's currency.
    Money(i64),
}

impl Budget {
    /// The budget as the engagement's two columns store it: hours win if
    /// both were ever set (the form allows only one).
    pub fn from_columns(minutes: Option<i32>, minor: Option<i64>) -> Self {
        match (minutes, minor) {
            (Some(minutes), _) => Budget::Hours(Minutes(u32::try_from(minutes).unwrap_or_default())),
            (None, Some(minor)) => Budget::Money(minor),
            (None, None) => Budget::None,
        }
    }
}

/// The form key of a member checkbox (see [`EngagementForm::members`]).
pub fn member_key(user_id: i64) -> String {
    format!("p{user_id}")
}

/// The engagement edit form, every field as posted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub billing_model: String,
    #[serde(default)]
    pub currency: String,
    /// `""`, `hours` or `money`.
    #[serde(default)]
    pub budget_kind: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub fee: String,
    #[serde(default)]
    pub retainer_period: String,
    /// Retainer: hours included per period ("20" or "20:00"); blank for no limit.
    #[serde(default)]
    pub retainer_hours: String,
    /// Retainer: bill time beyond the included hours.
    #[serde(default)]
    pub bill_overage: Option<String>,
    #[serde(default)]
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
    #[serde(default)]
    pub owner_id: String,
    #[serde(default)]
    pub active: Option<String>,
    /// Checked members, posted as `form[members][p<user id>]=on`: the `p`
    /// keeps the query-string decoder from reading numeric keys as a list.
    #[serde(default)]
    pub members: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementDetails {
    pub code: String,
    pub name: String,
    pub billing_model: BillingModel,
    pub currency: Option<Currency>,
    pub budget: Budget,
    pub fee_minor: Option<i64>,
    pub retainer_period: Option<String>,
    /// Retainer only: `None` means the fee covers all time.
    pub retainer_included: Option<Minutes>,
    pub bill_overage: bool,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub owner_id: Option<i64>,
    pub active: bool,
    pub members: Vec<i64>,
}

/// A problem with one field of a form: (field, message).
pub type FieldProblem = (&'static str, String);

/// An engagement code: 1–30 of A–Z, 0–9, `-`, `_`, `.`, `/`; typed in any case.
pub fn parse_code(raw: &str) -> Result<String, FieldProblem> {
    let code = raw.trim().to_uppercase();
    let ok_char = |c: char| c.is_ascii_alphanumeric() || "-_./".contains(c);
    if code.is_empty() || code.len() > 30 || !code.chars().all(ok_char) {
        return Err(("code", "use 1 to 30 letters, digits, - _ . or /, e.g. ACM-AUDIT".into()));
    }
    Ok(code)
}

fn parse_date_field(field: &'static str, raw: &str) -> Result<Option<Date>, FieldProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    crate::my_week::parse_date(raw).map(Some).map_err(|e| (field, e.to_string()))
}

fn text(field: &'static str, raw: &str, max: usize, required: bool) -> Result<String, FieldProblem> {
    let value = raw.trim().to_owned();
    if required && value.is_empty() {
        return Err((field, "this can't be empty".into()));
    }
    if value.chars().count() > max {
        return Err((field, format!("keep it under {max} characters")));
    }
    Ok(value)
}

pub fn parse_engagement(form: &EngagementForm) -> Result<EngagementDetails, FieldProblem> {
    let code = parse_code(&form.code)?;
    let name = text("name", &form.name, 200, true)?;
    let billing_model = BillingModel::parse(form.billing_model.trim())
        .ok_or(("billing_model", "choose how it is billed".to_owned()))?;
    let currency = match form.currency.trim() {
        "" => None,
        raw => Some(Currency::parse(raw).map_err(|e| ("currency", e.to_string()))?),
    };
    let budget = match form.budget_kind.trim() {
        "" => Budget::None,
        "hours" => Budget::Hours(Minutes::parse(&form.budget).map_err(|e| ("budget", e.to_string()))?),
        "money" => Budget::Money(parse_amount(&form.budget).map_err(|e| ("budget", e))?),
        _ => return Err(("budget_kind", "choose hours, money or no budget".into())),
    };
    if matches!(budget, Budget::Hours(Minutes(0)) | Budget::Money(0)) {
        return Err(("budget", "a budget must be more than zero; choose “no budget” instead".into()));
    }
    let needs_fee = matches!(billing_model, BillingModel::FixedFee | BillingModel::Retainer);
    let fee_minor = match (needs_fee, form.fee.trim()) {
        (false, _) => None,
        (true, "") => return Err(("fee", "enter the fee".into())),
        (true, raw) => Some(parse_amount(raw).map_err(|e| ("fee", e))?),
    };
    let (retainer_period, retainer_included, bill_overage) = match billing_model {
        BillingModel::Retainer => {
            let period = form.retainer_period.trim();
            if !RETAINER_PERIODS.contains(&period) {
                return Err(("retainer_period", "choose the retainer's period".into()));
            }
            let included = retainer::parse_retainer_hours(&form.retainer_hours)?;
            let bill_overage = retainer::parse_bill_overage(included, form.bill_overage.is_some())?;
            (Some(period.to_owned()), included, bill_overage)
        }
        _ => (None, None, false),
    };
    let starts_on = parse_date_field("starts_on", &form.starts_on)?;
    let ends_on = parse_date_field("ends_on", &form.ends_on)?;
    if let (Some(start), Some(end)) = (starts_on, ends_on)
        && end < start
    {
        return Err(("ends_on", "the end date is before the start date".into()));
    }
    let owner_id = match form.owner_id.trim() {
        "" => None,
        raw => Some(raw.parse::<i64>().map_err(|_| ("owner_id", "choose the owner from the list".to_owned()))?),
    };
    let mut members = Vec::new();
    for key in form.members.keys() {
        let id = key.strip_prefix('p').and_then(|id| id.parse::<i64>().ok());
        members.push(id.ok_or(("members", "choose members from the list".to_owned()))?);
    }
    let active = form.active.is_some();
    Ok(EngagementDetails {
        code,
        name,
        billing_model,
        currency,
        budget,
        fee_minor,
        retainer_period,
        retainer_included,
        bill_overage,
        starts_on,
        ends_on,
        owner_id,
        active,
        members,
    })
}

/// The client edit form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub billing_address: String,
    #[serde(default)]
    pub tax_id: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientDetails {
    pub name: crate::client_name::ClientName,
    pub billing_address: String,
    pub tax_id: String,
    pub currency: Currency,
    pub notes: String,
}

pub fn parse_client(form: &ClientForm) -> Result<ClientDetails, FieldProblem> {
    let name = crate::client_name::ClientName::parse(&form.name).map_err(|e| ("name", e.to_string()))?;
    let billing_address = text("billing_address", &form.billing_address, 500, false)?;
    let tax_id = text("tax_id", &form.tax_id, 40, false)?;
    if !tax_id.chars().all(|c| c.is_ascii_alphanumeric() || " -./".contains(c)) {
        return Err(("tax_id", "a tax id has letters, digits, spaces, - . or / only".into()));
    }
    let currency = Currency::parse(form.currency.trim()).map_err(|e| ("currency", e.to_string()))?;
    let notes = text("notes", &form.notes, 2000, false)?;
    Ok(ClientDetails { name, billing_address, tax_id, currency, notes })
}

/// How much of a budget is used, as the engagement page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Burn {
    pub used: String,
    pub budget: String,
    /// Whole percent, may exceed 100.
    pub percent: u32,
    pub over: bool,
}

/// The burn of `budget` given the time logged and its priced value (minor
/// units; `None` when no entry has a price yet), money in the firm's
/// number format.
pub fn burn(
    budget: Budget,
    used_minutes: Minutes,
    used_minor: Option<i64>,
    formats: crate::formats::Formats,
) -> Option<Burn> {
    let money = |minor: i64| formats.decimal(minor, 2);
    let (used, total, used_text, budget_text) = match budget {
        Budget::None => return None,
        Budget::Hours(total) => {
            (i64::from(used_minutes.0), i64::from(total.0), format!("{used_minutes} h"), format!("{total} h"))
        }
        Budget::Money(total) => {
            let used = used_minor?;
            (used, total, money(used), money(total))
        }
    };
    let percent = u32::try_from(used.saturating_mul(100) / total.max(1)).unwrap_or(u32::MAX);
    Some(Burn { used: used_text, budget: budget_text, percent, over: used > total })
}

pub mod retainer;
pub mod summary;
#[cfg(test)]
mod tests;
pub mod views;
