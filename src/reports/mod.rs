//! Reports partners run the firm by: utilization (are people busy on
//! billable work), realization (do we bill what we work), budget burn
//! (which engagements will overrun), unbilled work (what sits waiting
//! for an invoice), receivables (who owes us, and is it getting better)
//! and the hours table grouped any way. Each is a pure
//! function from rows the server reads to the numbers a chart and its
//! table show, so the rules are tested against hand-computed examples and
//! the page, the CSV and any future e-mail read the same numbers.

pub mod budgets;
pub mod csv;
pub mod definitions;
pub mod headline;
pub mod hours;
pub mod meaning;
pub mod period;
pub mod query;
pub mod realization;
pub mod receivables;
pub mod schedule;
pub mod unbilled;
pub mod utilization;

#[cfg(test)]
mod tests;

use budgets::BudgetLine;
use hours::HoursTable;
use period::Period;
use realization::RealizationReport;
use receivables::ReceivablesReport;
use serde::{Deserialize, Serialize};
use time::Date;
use unbilled::UnbilledReport;
use utilization::{UtilizationBasis, UtilizationReport};

/// Which report a page (or file) shows, named in its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ReportKind {
    #[default]
    Utilization,
    Realization,
    Budgets,
    Unbilled,
    Receivables,
    Hours,
}

impl ReportKind {
    pub const ALL: [ReportKind; 6] =
        [Self::Utilization, Self::Realization, Self::Budgets, Self::Unbilled, Self::Receivables, Self::Hours];

    pub fn key(self) -> &'static str {
        match self {
            Self::Utilization => "utilization",
            Self::Realization => "realization",
            Self::Budgets => "budgets",
            Self::Unbilled => "unbilled",
            Self::Receivables => "receivables",
            Self::Hours => "hours",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Utilization => "Utilization",
            Self::Realization => "Realization",
            Self::Budgets => "Budget burn",
            Self::Unbilled => "Unbilled work",
            Self::Receivables => "Receivables",
            Self::Hours => "Hours",
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }

    /// Whether the report covers a chosen period; the others are read as
    /// of today (what is unbilled now, how budgets stand now).
    pub fn has_period(self) -> bool {
        matches!(self, Self::Utilization | Self::Realization | Self::Receivables | Self::Hours)
    }
}

/// A report's numbers, one of the kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportData {
    Utilization { basis: UtilizationBasis, report: UtilizationReport },
    Realization(Vec<RealizationReport>),
    Budgets(Vec<BudgetLine>),
    Unbilled(Vec<UnbilledReport>),
    Receivables(ReceivablesReport),
    Hours(HoursTable),
}

/// What the reports page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportsPage {
    /// The report shown, its period and grouping: what the page's links
    /// and file are made from.
    pub query: query::ReportQuery,
    pub resolved: Period,
    pub today: Date,
    /// The reader sees only their own utilization (employees).
    pub own_only: bool,
    pub data: ReportData,
}

impl ReportsPage {
    /// The file with the numbers behind the page's chart.
    pub fn to_csv(&self) -> String {
        match &self.data {
            ReportData::Utilization { report, .. } => csv::utilization_csv(report),
            ReportData::Realization(reports) => csv::realization_csv(reports),
            ReportData::Budgets(lines) => csv::budgets_csv(lines),
            ReportData::Unbilled(reports) => csv::unbilled_csv(reports),
            ReportData::Receivables(report) => csv::receivables_csv(report),
            ReportData::Hours(table) => csv::hours_table_csv(table),
        }
    }
}
