//! What a report's address asks for (`/reports?report=hours&period=
//! last-month&by=client&then=person`), read once from the raw query so
//! the page, its server function and the CSV download agree on defaults,
//! and written back into the links that change one part of it.

use super::ReportKind;
use super::hours::Dimension;
use super::period::PeriodChoice;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQuery {
    pub kind: ReportKind,
    pub period: PeriodChoice,
    /// The hours table's grouping (other reports ignore it).
    pub by: Dimension,
    pub then: Option<Dimension>,
}

impl Default for ReportQuery {
    fn default() -> Self {
        Self { kind: ReportKind::default(), period: PeriodChoice::default(), by: Dimension::Person, then: None }
    }
}

impl ReportQuery {
    /// Reads the address's values; what does not read is the default
    /// (utilization over the last twelve weeks; hours by person), and an
    /// inner grouping equal to the outer one is none.
    pub fn parse(report: Option<&str>, period: Option<&str>, by: Option<&str>, then: Option<&str>) -> Self {
        let default = Self::default();
        let by = by.and_then(Dimension::parse).unwrap_or(default.by);
        Self {
            kind: report.and_then(ReportKind::parse).unwrap_or_default(),
            period: period.and_then(PeriodChoice::parse).unwrap_or_default(),
            by,
            then: then.and_then(Dimension::parse).filter(|inner| *inner != by),
        }
    }

    /// The address of this query under `base` (the page, or its CSV file):
    /// only the parts the report uses.
    pub fn address(&self, base: &str) -> String {
        let mut address = format!("{base}?report={}", self.kind.key());
        if self.kind.has_period() {
            address.push_str(&format!("&period={}", self.period.key()));
        }
        if self.kind == ReportKind::Hours {
            address.push_str(&format!("&by={}", self.by.key()));
            if let Some(then) = self.then {
                address.push_str(&format!("&then={}", then.key()));
            }
        }
        address
    }

    pub fn with_kind(self, kind: ReportKind) -> Self {
        Self { kind, ..self }
    }

    pub fn with_period(self, period: PeriodChoice) -> Self {
        Self { period, ..self }
    }

    /// Grouped by `by` first; the inner grouping stays unless it is now
    /// the same.
    pub fn with_by(self, by: Dimension) -> Self {
        Self { by, then: self.then.filter(|inner| *inner != by), ..self }
    }

    pub fn with_then(self, then: Option<Dimension>) -> Self {
        Self { then: then.filter(|inner| *inner != self.by), ..self }
    }
}
