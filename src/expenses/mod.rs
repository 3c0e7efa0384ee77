//! Expenses: what someone spent for an engagement, with an optional receipt.
//! The rules here are pure — what a valid expense is, which categories
//! exist, what a receipt file really is — so the server route, the page and
//! the tests share them. Storage is in `practice::expenses`.

mod receipt;

pub use receipt::{MAX_RECEIPT_BYTES, ReceiptKind, may_see_receipt};

use crate::money::{Currency, Money};
use serde::{Deserialize, Serialize};
use time::Date;

/// A fixed, typed list: reports and approval rules can rely on it, and a
/// firm that needs another can use "Other" with a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExpenseCategory {
    Travel,
    Meals,
    Lodging,
    Supplies,
    Software,
    Other,
}

impl ExpenseCategory {
    pub const ALL: [ExpenseCategory; 6] =
        [Self::Travel, Self::Meals, Self::Lodging, Self::Supplies, Self::Software, Self::Other];

    /// The stored form (also the form field value).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Travel => "travel",
            Self::Meals => "meals",
            Self::Lodging => "lodging",
            Self::Supplies => "supplies",
            Self::Software => "software",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Travel => "Travel",
            Self::Meals => "Meals",
            Self::Lodging => "Lodging",
            Self::Supplies => "Supplies",
            Self::Software => "Software",
            Self::Other => "Other",
        }
    }
}

/// Where an expense is in its approval. Only `Draft` is written for now:
/// the approval engine (issue #4, part 7) will move expenses through the
/// others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ExpenseStatus {
    Draft,
    Submitted,
    Approved,
    Rejected,
}

impl ExpenseStatus {
    pub const ALL: [ExpenseStatus; 4] = [Self::Draft, Self::Submitted, Self::Approved, Self::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Submitted => "Submitted",
            Self::Approved => "Approved",
            // The approver's button says "Send back": the owner reads the
            // same words.
            Self::Rejected => "Sent back",
        }
    }
}

/// Everything that can be wrong with an expense form, each tied to its
/// field. Travels through a redirect as its code, so a page never shows
/// text taken from a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
pub enum ExpenseProblem {
    #[error("Choose an engagement.")]
    NoEngagement,
    #[error("That engagement isn't open for expenses.")]
    EngagementNotOpen,
    #[error("Choose the date you spent it.")]
    NoDate,
    #[error("Enter the amount, such as 12.50.")]
    NoAmount,
    #[error("Enter an amount above zero.")]
    AmountNotPositive,
    #[error("That amount has more decimal places than the currency has.")]
    TooManyDecimals,
    #[error("Enter an amount below 1,000,000.")]
    AmountTooLarge,
    #[error("A currency is three letters, such as EUR or USD.")]
    BadCurrency,
    #[error("Choose one of the listed categories.")]
    NoCategory,
    #[error("Notes can be at most 500 characters.")]
    NotesTooLong,
    #[error("A receipt can be at most 5 MiB.")]
    ReceiptTooBig,
    #[error("A receipt must be a PDF, PNG, JPEG or WebP file.")]
    ReceiptType,
}

impl ExpenseProblem {
    pub const ALL: [ExpenseProblem; 12] = [
        Self::NoEngagement,
        Self::EngagementNotOpen,
        Self::NoDate,
        Self::NoAmount,
        Self::AmountNotPositive,
        Self::TooManyDecimals,
        Self::AmountTooLarge,
        Self::BadCurrency,
        Self::NoCategory,
        Self::NotesTooLong,
        Self::ReceiptTooBig,
        Self::ReceiptType,
    ];

    /// The form field it belongs to.
    pub fn field(self) -> &'static str {
        match self {
            Self::NoEngagement | Self::EngagementNotOpen => "engagement_id",
            Self::NoDate => "spent_on",
            Self::NoAmount | Self::AmountNotPositive | Self::TooManyDecimals | Self::AmountTooLarge => "amount",
            Self::BadCurrency => "currency",
            Self::NoCategory => "category",
            Self::NotesTooLong => "notes",
            Self::ReceiptTooBig | Self::ReceiptType => "receipt",
        }
    }

    pub fn code(self) -> String {
        format!("{self:?}").to_lowercase()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// The form as posted, every field text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseForm {
    pub engagement_id: String,
    pub spent_on: String,
    pub amount: String,
    pub currency: String,
    pub category: String,
    pub billable: bool,
    pub notes: String,
}

/// A checked expense, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExpense {
    pub engagement_id: i64,
    pub spent_on: Date,
    pub amount: Money,
    pub category: ExpenseCategory,
    pub billable: bool,
    pub notes: String,
}

/// The largest amount accepted, in major units: a typo guard.
const MAX_MAJOR: i64 = 1_000_000;

impl ExpenseForm {
    /// The first problem, field by field in the form's order.
    pub fn check(&self) -> Result<NewExpense, ExpenseProblem> {
        let engagement_id =
            self.engagement_id.trim().parse::<i64>().ok().filter(|id| *id > 0).ok_or(ExpenseProblem::NoEngagement)?;
        let spent_on = crate::my_week::parse_date(&self.spent_on).map_err(|_| ExpenseProblem::NoDate)?;
        let currency = Currency::parse(&self.currency).map_err(|_| ExpenseProblem::BadCurrency)?;
        let minor = parse_amount(&self.amount, currency)?;
        let category = ExpenseCategory::parse(self.category.trim()).ok_or(ExpenseProblem::NoCategory)?;
        let notes = self.notes.trim();
        if notes.chars().count() > 500 {
            return Err(ExpenseProblem::NotesTooLong);
        }
        let amount = Money::new(minor, currency);
        Ok(NewExpense { engagement_id, spent_on, amount, category, billable: self.billable, notes: notes.to_owned() })
    }
}

/// A correction of an expense already recorded: its amount (as typed, in
/// the expense's own currency) and its notes. Returns the amount in minor
/// units and the trimmed notes.
pub fn check_correction(amount: &str, notes: &str, currency: Currency) -> Result<(i64, String), ExpenseProblem> {
    let minor = parse_amount(amount, currency)?;
    let notes = notes.trim();
    if notes.chars().count() > 500 {
        return Err(ExpenseProblem::NotesTooLong);
    }
    Ok((minor, notes.to_owned()))
}

/// How many decimal places a currency's minor unit has (ISO 4217): most have
/// two; these are the common exceptions.
pub fn minor_digits(currency: Currency) -> u32 {
    match currency.as_str() {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "PYG" | "UGX" | "XAF" | "XOF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// The digits before the decimal mark, without the thousands marks a
/// firm's format writes ("1,234" before ".50", "1.234" before ",50"): the
/// other mark than the decimal one, between groups of three. `None` when
/// the marks cannot be thousands marks ("12.34,5").
fn ungrouped(whole: &str, from_mark: &str) -> Option<String> {
    let decimal = from_mark.chars().next()?;
    let group = if decimal == '.' { ',' } else { '.' };
    if whole.contains(decimal) {
        return None;
    }
    let mut parts = whole.split(group);
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    if !rest.is_empty() && (first.is_empty() || first.len() > 3 || rest.iter().any(|p| p.len() != 3)) {
        return None;
    }
    Some(whole.replace(group, ""))
}

/// "12.50" (or "12,50", "1 234.5", "1,234.50", "1.234,50" — the way any
/// firm's format writes it) in `currency` → minor units.
pub fn parse_amount(raw: &str, currency: Currency) -> Result<i64, ExpenseProblem> {
    let cleaned: String = raw.trim().chars().filter(|c| !c.is_whitespace() && *c != '\'').collect();
    if cleaned.is_empty() {
        return Err(ExpenseProblem::NoAmount);
    }
    if cleaned.starts_with('-') {
        return Err(ExpenseProblem::AmountNotPositive);
    }
    // A currency without decimals ("1,500 JPY") has only thousands marks.
    let zero_decimal_grouped = minor_digits(currency) == 0
        && [(',', "."), ('.', ",")]
            .into_iter()
            .any(|(group, decimal)| cleaned.contains(group) && ungrouped(&cleaned, decimal).is_some());
    let cleaned = if zero_decimal_grouped { cleaned.replace([',', '.'], "") } else { cleaned };
    let (whole, fraction) = match cleaned.rsplit_once(['.', ',']) {
        Some((whole, fraction)) => {
            (ungrouped(whole, &cleaned[whole.len()..]).ok_or(ExpenseProblem::NoAmount)?, fraction)
        }
        None => (cleaned.clone(), ""),
    };
    let whole = whole.as_str();
    let digits = minor_digits(currency);
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return Err(ExpenseProblem::NoAmount);
    }
    if fraction.len() > digits as usize {
        return Err(ExpenseProblem::TooManyDecimals);
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| ExpenseProblem::AmountTooLarge)? };
    if whole >= MAX_MAJOR {
        return Err(ExpenseProblem::AmountTooLarge);
    }
    let scale = 10_i64.pow(digits);
    let fraction: i64 = format!("{fraction:0<width$}", width = digits as usize).parse().unwrap_or(0);
    let minor = whole * scale + fraction;
    if minor == 0 { Err(ExpenseProblem::AmountNotPositive) } else { Ok(minor) }
}

/// "12.50 EUR", with the currency's own number of decimals.
pub fn format_amount(amount: Money) -> String {
    format!("{} {}", amount_text(amount), amount.currency)
}

/// The number alone ("42.10"), as a form field shows it for correcting;
/// [`parse_amount`] reads it back.
pub fn amount_text(amount: Money) -> String {
    let digits = minor_digits(amount.currency);
    let scale = 10_i64.pow(digits);
    let (whole, fraction) = (amount.minor / scale, (amount.minor % scale).abs());
    if digits == 0 { whole.to_string() } else { format!("{whole}.{fraction:0width$}", width = digits as usize) }
}

/// One of a person's expenses, as their list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpenseSummary {
    pub expense_id: i64,
    pub spent_on: Date,
    pub engagement: String,
    pub amount: Money,
    pub category: ExpenseCategory,
    pub billable: bool,
    pub notes: String,
    pub status: ExpenseStatus,
    pub has_receipt: bool,
    /// While sent back: the reason the approver gave.
    #[serde(default)]
    pub sent_back_because: Option<String>,
}

#[cfg(test)]
mod tests;
