//! The settings page's form: what was typed, checked into a [`Mapping`].
//! The same check runs in the browser and on the server.

use super::mapping::{DatevNumbers, Income, Mapping, Target, Tracking};
use super::text::DayOrder;
use serde::{Deserialize, Serialize};

/// Longest code or name a field takes (longer than any system's own).
pub const MAX_CODE: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MappingForm {
    pub target: String,
    pub day_order: String,
    pub hourly: String,
    pub fixed_fee: String,
    pub retainer: String,
    pub other: String,
    pub expense_rebill: String,
    pub receivables_account: String,
    pub bank_account: String,
    pub tracking: String,
    pub tracking_name: String,
    pub datev_consultant: String,
    pub datev_client: String,
    pub datev_fiscal_year_start_month: String,
    pub datev_account_length: String,
    /// Tax keys and their codes, side by side.
    pub tax_keys: Vec<String>,
    pub tax_codes: Vec<String>,
    /// Client codes and the names (or DATEV debtor accounts) they go by.
    pub client_codes: Vec<String>,
    pub customers: Vec<String>,
}

impl MappingForm {
    /// The form for `mapping` with a row per tax key and per client.
    pub fn from_mapping(mapping: &Mapping, tax_keys: &[String], client_codes: &[String]) -> Self {
        let income = |i| mapping.income.get(&i).cloned().unwrap_or_default();
        let number = |n: u32| if n == 0 { String::new() } else { n.to_string() };
        Self {
            target: mapping.target.as_str().into(),
            day_order: match mapping.day_order {
                DayOrder::DayFirst => "day_first".into(),
                DayOrder::MonthFirst => "month_first".into(),
            },
            hourly: income(Income::Hourly),
            fixed_fee: income(Income::FixedFee),
            retainer: income(Income::Retainer),
            other: income(Income::Other),
            expense_rebill: income(Income::ExpenseRebill),
            receivables_account: mapping.receivables_account.clone(),
            bank_account: mapping.bank_account.clone(),
            tracking: match mapping.tracking {
                Tracking::None => "none".into(),
                Tracking::Engagement => "engagement".into(),
                Tracking::Client => "client".into(),
            },
            tracking_name: mapping.tracking_name.clone(),
            datev_consultant: number(mapping.datev.consultant),
            datev_client: number(mapping.datev.client),
            datev_fiscal_year_start_month: mapping.datev.fiscal_year_start_month.to_string(),
            datev_account_length: mapping.datev.account_length.to_string(),
            tax_keys: tax_keys.to_vec(),
            tax_codes: tax_keys.iter().map(|k| mapping.tax_codes.get(k).cloned().unwrap_or_default()).collect(),
            client_codes: client_codes.to_vec(),
            customers: client_codes.iter().map(|c| mapping.customers.get(c).cloned().unwrap_or_default()).collect(),
        }
    }

    /// The mapping, or every problem by field. Codes may stay empty here:
    /// an export lists what it still lacks, document by document.
    pub fn check(&self) -> Result<Mapping, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let target = Target::parse(&self.target).unwrap_or_else(|| {
            problems.push(("target", "choose the accounting system you import into".to_owned()));
            Target::Journal
        });
        let day_order = if self.day_order == "month_first" { DayOrder::MonthFirst } else { DayOrder::DayFirst };
        let tracking = match self.tracking.as_str() {
            "engagement" => Tracking::Engagement,
            "client" => Tracking::Client,
            _ => Tracking::None,
        };
        let mut text = |field: &'static str, raw: &str| {
            let value = raw.trim().to_owned();
            if value.chars().count() > MAX_CODE {
                problems.push((field, format!("at most {MAX_CODE} characters")));
            }
            value
        };
        let income = [
            (Income::Hourly, text("hourly", &self.hourly)),
            (Income::FixedFee, text("fixed_fee", &self.fixed_fee)),
            (Income::Retainer, text("retainer", &self.retainer)),
            (Income::Other, text("other", &self.other)),
            (Income::ExpenseRebill, text("expense_rebill", &self.expense_rebill)),
        ];
        let receivables_account = text("receivables_account", &self.receivables_account);
        let bank_account = text("bank_account", &self.bank_account);
        let tracking_name = text("tracking_name", &self.tracking_name);
        let pairs =
            |keys: &[String], values: &[String], field: &'static str, problems: &mut Vec<(&'static str, String)>| {
                keys.iter()
                    .zip(values)
                    .filter(|(_, v)| !v.trim().is_empty())
                    .map(|(k, v)| {
                        if v.trim().chars().count() > MAX_CODE {
                            problems.push((field, format!("at most {MAX_CODE} characters")));
                        }
                        (k.clone(), v.trim().to_owned())
                    })
                    .collect()
            };
        let tax_codes = pairs(&self.tax_keys, &self.tax_codes, "tax_codes", &mut problems);
        let customers = pairs(&self.client_codes, &self.customers, "customers", &mut problems);
        let datev = datev_numbers(self, target == Target::Datev, &mut problems);
        if problems.is_empty() {
            Ok(Mapping {
                target,
                day_order,
                income: income.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
                receivables_account,
                bank_account,
                tax_codes,
                customers,
                tracking,
                tracking_name,
                datev,
            })
        } else {
            Err(problems)
        }
    }
}

fn datev_numbers(form: &MappingForm, required: bool, problems: &mut Vec<(&'static str, String)>) -> DatevNumbers {
    let mut number =
        |field: &'static str, raw: &str, range: std::ops::RangeInclusive<u32>, what: &str, default: u32| {
            let raw = raw.trim();
            if raw.is_empty() && !required {
                return default;
            }
            match raw.parse::<u32>() {
                Ok(n) if range.contains(&n) => n,
                _ => {
                    problems.push((field, format!("{what}: a number from {} to {}", range.start(), range.end())));
                    default
                }
            }
        };
    let consultant = number("datev_consultant", &form.datev_consultant, 1001..=9_999_999, "Beraternummer", 0);
    let client = number("datev_client", &form.datev_client, 1..=99_999, "Mandantennummer", 0);
    let month = number("datev_fiscal_year_start_month", &form.datev_fiscal_year_start_month, 1..=12, "the month", 1);
    let length = number("datev_account_length", &form.datev_account_length, 4..=8, "the length", 4);
    DatevNumbers {
        consultant,
        client,
        fiscal_year_start_month: u8::try_from(month).unwrap_or(1),
        account_length: u8::try_from(length).unwrap_or(4),
    }
}
