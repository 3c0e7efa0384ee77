//! The new-invoice form: a client, a period, how to group the lines and,
//! for fixed-fee work, how much of the fee to bill. Checked here so the
//! browser can say what is wrong before anything is posted.

use super::drafting::Instalment;
use super::grouping::{ExpenseGrouping, Grouping};
use super::tax::Percent;
use crate::money::Currency;
use time::Date;

/// The form as posted (every field text).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewInvoiceForm {
    pub client_id: String,
    pub from: String,
    pub to: String,
    pub grouping: String,
    pub expense_grouping: String,
    /// `none`, `amount`, `percent` or `rest`.
    pub instalment: String,
    pub instalment_value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvoice {
    pub client_id: i64,
    pub from: Date,
    pub to: Date,
    pub grouping: Option<Grouping>,
    pub expense_grouping: Option<ExpenseGrouping>,
    pub instalment: Option<Instalment>,
}

/// The first problem found, with its field.
pub type FormProblem = (&'static str, String);

impl NewInvoiceForm {
    /// Checks the form for a client billed in `currency`.
    pub fn check(&self, currency: Currency) -> Result<NewInvoice, FormProblem> {
        let client_id =
            self.client_id.trim().parse::<i64>().map_err(|_| ("client_id", "choose a client".to_owned()))?;
        let date = |field: &'static str, raw: &str| {
            crate::my_week::parse_date(raw).map_err(|_| (field, "enter a date such as 2026-11-30".to_owned()))
        };
        let from = date("from", &self.from)?;
        let to = date("to", &self.to)?;
        if to < from {
            return Err(("to", "the period ends before it starts".to_owned()));
        }
        if (to - from).whole_days() > 366 {
            return Err(("to", "a period is at most a year".to_owned()));
        }
        let grouping = match self.grouping.as_str() {
            "" | "default" => None,
            raw => Some(Grouping::parse(raw).ok_or(("grouping", "choose how time is grouped".to_owned()))?),
        };
        let expense_grouping = match self.expense_grouping.as_str() {
            "" | "default" => None,
            raw => Some(
                ExpenseGrouping::parse(raw)
                    .ok_or(("expense_grouping", "choose how expenses are grouped".to_owned()))?,
            ),
        };
        let value = self.instalment_value.trim();
        let instalment = match self.instalment.as_str() {
            "" | "none" => None,
            "rest" => Some(Instalment::Rest),
            "amount" => Some(Instalment::Amount(
                crate::expenses::parse_amount(value, currency).map_err(|e| ("instalment_value", e.to_string()))?,
            )),
            "percent" => {
                let percent = Percent::parse(value).map_err(|e| ("instalment_value", e.to_string()))?;
                if percent.thousandths() == 0 {
                    return Err(("instalment_value", "an instalment is above zero".to_owned()));
                }
                Some(Instalment::Percent(percent))
            }
            _ => return Err(("instalment", "choose how much of a fixed fee to bill".to_owned())),
        };
        Ok(NewInvoice { client_id, from, to, grouping, expense_grouping, instalment })
    }
}
