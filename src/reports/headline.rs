//! A report in a sentence or two: what a scheduled e-mail says above its
//! attached CSV, so the reader learns the main number without opening
//! anything. Written the firm's way (`Formats`), amounts per currency.

use super::{ReportData, ReportsPage};
use crate::formats::Formats;
use crate::invoice::aging::Bucket;

fn hours(formats: Formats, minutes: u64) -> String {
    let tenths = i64::try_from((minutes * 10 + 30) / 60).unwrap_or(i64::MAX);
    format!("{} h", formats.decimal(tenths, 1))
}

fn percent(value: Option<impl std::fmt::Display>) -> String {
    value.map_or_else(|| "—".to_owned(), |p| format!("{p} %"))
}

impl ReportsPage {
    /// One line per currency where amounts are involved.
    pub fn headline(&self, formats: Formats) -> Vec<String> {
        match &self.data {
            ReportData::Utilization { report, .. } => vec![format!(
                "Utilization {} overall: {} used of {} available.",
                percent(report.total.percent()),
                hours(formats, report.total.used),
                hours(formats, report.total.available)
            )],
            ReportData::Realization(reports) if reports.is_empty() => vec!["Nothing was invoiced.".to_owned()],
            ReportData::Realization(reports) => reports
                .iter()
                .map(|r| {
                    format!(
                        "Realization {} in {}: {} billed of {} worked.",
                        percent(r.total.percent()),
                        r.currency,
                        formats.amount(r.total.billed, r.currency),
                        formats.amount(r.total.worked, r.currency)
                    )
                })
                .collect(),
            ReportData::Budgets(lines) => vec![format!(
                "{} engagements with a budget, {} at risk.",
                lines.len(),
                lines.iter().filter(|line| line.at_risk).count()
            )],
            ReportData::Unbilled(reports) if reports.is_empty() => {
                vec!["Nothing approved is waiting to be invoiced.".to_owned()]
            }
            ReportData::Unbilled(reports) => reports
                .iter()
                .map(|r| match r.currency {
                    Some(c) => format!(
                        "{} unbilled, {} of it over 90 days old.",
                        formats.amount(r.total.total, c),
                        formats.amount(r.total.by_age[3], c)
                    ),
                    None => format!("{} of time with no rate unbilled.", hours(formats, r.total.minutes)),
                })
                .collect(),
            ReportData::Receivables(report) if report.today.is_empty() => vec!["No client owes anything.".to_owned()],
            ReportData::Receivables(report) => report
                .today
                .iter()
                .map(|aging| {
                    let current = aging.total.buckets[Bucket::Current as usize];
                    format!(
                        "{} owed, {} of it overdue.",
                        formats.amount(aging.total.total, aging.currency),
                        formats.amount(aging.total.total - current, aging.currency)
                    )
                })
                .collect(),
            ReportData::Hours(table) => vec![format!(
                "{} recorded, {} billable.",
                hours(formats, table.total.minutes),
                percent(table.total.billable_percent())
            )],
        }
    }
}
