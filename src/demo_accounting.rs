//! Each demo firm hands off to a different accounting system, mapped in
//! full, so an export works straight away under `make run`: Ledgerline (a
//! US practice) to QuickBooks Online, Northstar (Québec) to Xero, Harbor &
//! Finch (London) to its accountant as a journal.

use crate::accounting::{Income, Mapping, Target, Tracking, text::DayOrder};
use crate::db::TenantTx;

fn mapping(slug: &str) -> Mapping {
    let income = |codes: [&str; 5]| Income::ALL.into_iter().zip(codes.map(str::to_owned)).collect();
    let taxes = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    match slug {
        "ledgerline" => Mapping {
            target: Target::QuickbooksOnline,
            day_order: DayOrder::MonthFirst,
            income: income(["Hours", "Fixed fee", "Retainer", "Services", "Reimbursable expenses"]),
            tax_codes: taxes(&[("Sales tax 8.875 %", "TAX"), ("No tax", "NON")]),
            ..Mapping::default()
        },
        "northstar" => Mapping {
            target: Target::Xero,
            income: income(["200", "210", "220", "260", "270"]),
            tax_codes: taxes(&[("GST 5 % + QST 9.975 %", "GST/QST on Sales"), ("No tax", "Tax Exempt")]),
            tracking: Tracking::Engagement,
            tracking_name: "Project".into(),
            ..Mapping::default()
        },
        _ => Mapping {
            target: Target::Journal,
            income: income(["4000", "4010", "4020", "4090", "4100"]),
            tax_codes: taxes(&[("VAT 20 %", "2200")]),
            receivables_account: "1100".into(),
            bank_account: "1200".into(),
            ..Mapping::default()
        },
    }
}

pub async fn seed_accounting(tx: &mut TenantTx, slug: &str) -> Result<(), sqlx::Error> {
    if crate::practice::accounting::accounting_mapping(tx).await?.is_none() {
        crate::practice::accounting::save_accounting_mapping(tx, &mapping(slug)).await?;
    }
    Ok(())
}
