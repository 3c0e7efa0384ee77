//! What each report's numbers mean, in words: written under every chart,
//! in every scheduled e-mail's file and on every printed report, from this
//! one place so they never disagree.

use super::budgets::RECENT_DAYS;
use super::period::Grain;
use super::{ReportData, ReportsPage};

const REALIZATION: &str = "Realization = billed ÷ worked value. Worked value is what the invoiced time and expenses \
                           were worth at the rates they were recorded at; billed is what the invoices charged for \
                           them, less credit notes. Counted on invoices issued in the period (approved or later, not \
                           void); people's figures are before credit notes.";

const UNBILLED: &str = "Unbilled work = approved, billable time and expenses that no invoice has taken yet, valued at \
                        the rates the time was recorded at, and aged by the day the work was done.";

const HOURS: &str = "Hours = all time recorded in the period, whatever its approval state; billable = the part \
                     recorded as billable. Weeks are the firm's weeks.";

impl ReportsPage {
    /// The definition written under the report's chart.
    pub fn meaning(&self) -> String {
        let each = if self.resolved.grain == Grain::Week { "week" } else { "month" };
        match &self.data {
            ReportData::Utilization { basis, .. } => basis.definition().to_owned(),
            ReportData::Realization(_) => REALIZATION.to_owned(),
            ReportData::Budgets(_) => format!(
                "Used = time recorded on the engagement up to today, in hours, or for a budget in money its value at \
                 the rates it was recorded at. The forecast runs at the pace of the last {RECENT_DAYS} days. At \
                 risk: over budget, 90 % used or more, running out within {RECENT_DAYS} days, or before the \
                 engagement's end date. The budgets at risk are drawn week by week: what was used by each week's \
                 end."
            ),
            ReportData::Unbilled(_) => UNBILLED.to_owned(),
            ReportData::Receivables(_) => format!(
                "Owed = the totals of sent invoices less the payments and credit notes applied to them by the end \
                 of each {each} (today for this one); overdue = owed on an invoice past its due date on that day. \
                 Void invoices count until the day they were voided."
            ),
            ReportData::Hours(_) => HOURS.to_owned(),
        }
    }
}
