//! A retainer's included hours per period and whether time beyond them is
//! billed, as the engagement form posts them. Other billing models ignore
//! both (as they ignore a stray fee or period), so switching an engagement
//! from retainer to hourly needs no clearing of fields first.

use super::FieldProblem;
use crate::money::Minutes;

/// "20", "20:00", "37.5" or blank (no limit: the fee covers all time).
pub fn parse_retainer_hours(raw: &str) -> Result<Option<Minutes>, FieldProblem> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let minutes = Minutes::parse(raw).map_err(|e| ("retainer_hours", e.to_string()))?;
    if minutes == Minutes::ZERO {
        return Err(("retainer_hours", "enter more than zero hours, or leave it empty for no limit".into()));
    }
    // `engagements.retainer_minutes` is an int4.
    if i32::try_from(minutes.0).is_err() {
        return Err(("retainer_hours", "that is more hours than a retainer can include".into()));
    }
    Ok(Some(minutes))
}

/// Billing time beyond the included hours needs included hours: without
/// them all time is included and the box would silently do nothing.
pub fn parse_bill_overage(included: Option<Minutes>, ticked: bool) -> Result<bool, FieldProblem> {
    if ticked && included.is_none() {
        return Err(("bill_overage", "enter the hours included per period; time beyond them is billed".into()));
    }
    Ok(ticked)
}
