//! A firm's accounting set-up, chosen once on its settings page: which
//! system it hands off to and what each kind of income, each tax and each
//! client is called there. Stored as one JSON value; every field is plain
//! text the firm types as its accounting system shows it.

use super::text::DayOrder;
use crate::invoice::LineKind;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Xero,
    QuickbooksOnline,
    QuickbooksDesktop,
    Datev,
    #[default]
    Journal,
}

impl Target {
    pub const ALL: [Target; 5] =
        [Self::Xero, Self::QuickbooksOnline, Self::QuickbooksDesktop, Self::Datev, Self::Journal];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Xero => "xero",
            Self::QuickbooksOnline => "quickbooks_online",
            Self::QuickbooksDesktop => "quickbooks_desktop",
            Self::Datev => "datev",
            Self::Journal => "journal",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Xero => "Xero",
            Self::QuickbooksOnline => "QuickBooks Online",
            Self::QuickbooksDesktop => "QuickBooks Desktop (IIF)",
            Self::Datev => "DATEV (Buchungsstapel)",
            Self::Journal => "Journal CSV (any other system)",
        }
    }

    /// What the firm types for a kind of income: QuickBooks Online invoices
    /// name a product or service (which carries its income account); the
    /// others name an account.
    pub fn income_is_item(self) -> bool {
        self == Self::QuickbooksOnline
    }

    /// What "tax code" means in this system.
    pub fn tax_code_label(self) -> &'static str {
        match self {
            Self::Xero => "Tax rate (as Xero names it, e.g. \"20% (VAT on Income)\")",
            Self::QuickbooksOnline => "Tax code (e.g. \"TAX\", \"NON\", \"20.0% S\")",
            Self::QuickbooksDesktop | Self::Journal => "Tax account (where the tax is owed)",
            Self::Datev => "BU-Schlüssel (\"-\" for an automatic account)",
        }
    }
}

/// The kinds of income an invoice line can be, by the engagement's billing
/// model; expenses re-billed have their own account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Income {
    Hourly,
    FixedFee,
    Retainer,
    /// Lines typed by hand on a draft.
    Other,
    ExpenseRebill,
}

impl Income {
    pub const ALL: [Income; 5] = [Self::Hourly, Self::FixedFee, Self::Retainer, Self::Other, Self::ExpenseRebill];

    pub fn of(kind: LineKind) -> Self {
        match kind {
            LineKind::Time => Self::Hourly,
            LineKind::FixedFee => Self::FixedFee,
            LineKind::Retainer | LineKind::Overage => Self::Retainer,
            LineKind::Free => Self::Other,
            LineKind::Expense => Self::ExpenseRebill,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Hourly => "Hourly work",
            Self::FixedFee => "Fixed-fee instalments",
            Self::Retainer => "Retainers and their overage",
            Self::Other => "Lines typed on an invoice",
            Self::ExpenseRebill => "Expenses re-billed",
        }
    }

    /// The settings page's field for it (a missing mapping links there).
    pub fn field(self) -> &'static str {
        match self {
            Self::Hourly => "income-hourly",
            Self::FixedFee => "income-fixed_fee",
            Self::Retainer => "income-retainer",
            Self::Other => "income-other",
            Self::ExpenseRebill => "income-expense_rebill",
        }
    }
}

/// What a line's tracking category says, where the target has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tracking {
    #[default]
    None,
    Engagement,
    Client,
}

/// DATEV's numbers for the file header: the tax adviser's and the firm's
/// numbers at DATEV, the fiscal year's first month and the length of
/// ledger account numbers.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DatevNumbers {
    pub consultant: u32,
    pub client: u32,
    pub fiscal_year_start_month: u8,
    pub account_length: u8,
}

impl Default for DatevNumbers {
    fn default() -> Self {
        Self { consultant: 0, client: 0, fiscal_year_start_month: 1, account_length: 4 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Mapping {
    pub target: Target,
    pub day_order: DayOrder,
    pub income: BTreeMap<Income, String>,
    pub receivables_account: String,
    /// Where payments land (bank or undeposited funds).
    pub bank_account: String,
    /// Tax key ([`super::source::SourceDocument::tax_key`]) → code.
    pub tax_codes: BTreeMap<String, String>,
    /// Client code → the customer's name in the books (DATEV: the debtor
    /// account). A client not listed goes by its own name (DATEV: the
    /// receivables account, a collective debtor).
    pub customers: BTreeMap<String, String>,
    pub tracking: Tracking,
    /// The tracking category's name in the target (Xero's TrackingName1).
    pub tracking_name: String,
    pub datev: DatevNumbers,
}

impl Mapping {
    pub fn income_code(&self, income: Income) -> Option<&str> {
        self.income.get(&income).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    pub fn tax_code(&self, key: &str) -> Option<&str> {
        self.tax_codes.get(key).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    pub fn customer(&self, client_code: &str) -> Option<&str> {
        self.customers.get(client_code).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// Whether payments and receivables need accounts of their own: the
    /// targets that are written as bookings rather than as invoices.
    pub fn books_accounts(&self) -> bool {
        matches!(self.target, Target::QuickbooksDesktop | Target::Datev | Target::Journal)
    }
}
