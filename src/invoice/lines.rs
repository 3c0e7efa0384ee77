//! Editing a draft's lines: quantity, rate and description, or a line typed
//! by hand. A line whose amount moves away from the value of the work it
//! bills is a write-down (or write-up); the value is kept and the change
//! needs a reason, so realization — billed ÷ worked — can be reported.

use super::drafting::{LineKind, Quantity};
use crate::money::{Currency, Minutes};

/// A line as its edit form posts it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineForm {
    pub description: String,
    pub quantity: String,
    pub rate: String,
    #[serde(default)]
    pub reason: String,
}

/// A checked line: what will be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLine {
    pub description: String,
    pub quantity: Quantity,
    pub rate_minor: i64,
    pub amount_minor: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct LineProblem {
    pub field: &'static str,
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> LineProblem {
    LineProblem { field, message: message.into() }
}

/// Checks an edited (or new, `kind` = `Free`) line of an invoice in
/// `currency` whose work is worth `worked_minor` (`None` for a free line,
/// which bills no recorded work). Time is entered as a duration ("1:30",
/// "1.5"); other quantities as a number with up to two decimals. Only a
/// free line may have a negative rate (a discount).
pub fn check_line(
    kind: LineKind,
    form: &LineForm,
    currency: Currency,
    worked_minor: Option<i64>,
) -> Result<CheckedLine, LineProblem> {
    check_line_of(kind, form, currency, worked_minor, false)
}

/// [`check_line`] for a line of an invoice or, with `credit_note`, of a
/// credit note, whose lines take money off and so may be negative.
pub fn check_line_of(
    kind: LineKind,
    form: &LineForm,
    currency: Currency,
    worked_minor: Option<i64>,
    credit_note: bool,
) -> Result<CheckedLine, LineProblem> {
    let description = form.description.split_whitespace().collect::<Vec<_>>().join(" ");
    if description.is_empty() {
        return Err(problem("description", "describe what the line bills"));
    }
    if description.chars().count() > 300 {
        return Err(problem("description", "a description is at most 300 characters"));
    }
    let quantity = match kind {
        LineKind::Time | LineKind::Overage => {
            Quantity::Minutes(Minutes::parse(&form.quantity).map_err(|e| problem("quantity", e.to_string()))?)
        }
        _ => Quantity::Units(units(&form.quantity)?),
    };
    let rate_minor = rate(&form.rate, currency, kind == LineKind::Free || credit_note)?;
    let amount_minor = quantity.amount_at(rate_minor);
    let reason = form.reason.trim().to_owned();
    if worked_minor.is_some_and(|worked| worked != amount_minor) && reason.is_empty() {
        return Err(problem(
            "reason",
            "say why the amount differs from the value of the work (a write-down or write-up is reported)",
        ));
    }
    if reason.chars().count() > 300 {
        return Err(problem("reason", "a reason is at most 300 characters"));
    }
    Ok(CheckedLine { description, quantity, rate_minor, amount_minor, reason })
}

/// "3", "1.5", "0,25" → hundredths.
fn units(raw: &str) -> Result<i64, LineProblem> {
    let bad = || problem("quantity", "enter a quantity such as 1 or 2.5");
    let text = raw.trim();
    let (whole, fraction) = text.split_once(['.', ',']).unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if fraction.len() > 2 {
        return Err(problem("quantity", "a quantity has at most two decimals"));
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let fraction: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
    let hundredths = whole.checked_mul(100).map(|w| w + fraction).filter(|q| *q <= 10_000_000).ok_or_else(bad)?;
    if hundredths == 0 {
        return Err(problem("quantity", "a quantity is above zero; remove the line instead"));
    }
    Ok(hundredths)
}

fn rate(raw: &str, currency: Currency, negative_allowed: bool) -> Result<i64, LineProblem> {
    let text = raw.trim();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) if negative_allowed => (-1, rest),
        Some(_) => return Err(problem("rate", "only a line typed by hand can be negative (a discount)")),
        None => (1, text),
    };
    if digits.chars().all(|c| c == '0' || c == '.' || c == ',') && digits.contains('0') {
        return Ok(0);
    }
    crate::expenses::parse_amount(digits, currency)
        .map(|minor| sign * minor)
        .map_err(|e| problem("rate", e.to_string()))
}

/// `text` cut to at most `max` characters (with "…" when cut), for generated
/// descriptions that must fit the stored limit.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
