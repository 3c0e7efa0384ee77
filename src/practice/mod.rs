//! A firm's practice data — clients and their contacts, engagements, time,
//! expenses, approvals and invoices — read and written only through a
//! [`TenantTx`](crate::db::TenantTx).

pub mod accounting;
mod approval_cards;
mod approval_views;
pub mod audit_subjects;
pub mod bulk_approval;
mod client_invoicing;
mod clients;
mod contacts;
mod engagement_removal;
mod engagement_summary;
pub use engagement_summary::client_summary;
mod engagements;
mod expense_approvals;
mod expenses;
pub mod export;
pub mod formats;
pub mod import;
mod inbox_batch;
pub mod invoices;
pub mod notices;
mod policies;
mod rate_changes;
mod rate_views;
mod rates;
mod report_hours;
mod report_realization;
mod report_receivables;
pub mod report_schedules;
pub mod report_settings;
pub mod report_sheet;
pub mod reports;
pub mod search;
mod teams;
mod time_entries;
pub mod time_zones;
mod timers;
mod timesheet_documents;
mod timesheets;

pub use crate::timesheet::LockedWeek;
pub use approval_views::{approval_week, inbox, locked_weeks, week_approval};
pub use client_invoicing::{ClientInvoicingError, client_invoicing, save_client_invoicing};
pub use clients::{CreateClientError, client_overview, create_client};
pub use contacts::{add_contact, client_contacts, remove_contact, update_contact};
pub use engagement_removal::{Deleted, RemovalError, delete_engagement};
pub use engagements::{
    DetailsError, client_page, create_engagement, engagement_page, set_client_archived, update_client,
    update_engagement,
};
pub use expense_approvals::{CorrectionError, correct_expense, decide_expense, expense_inbox, submit_expense};
pub use expenses::{
    CreateExpenseError, Receipt, StoredReceipt, create_expense, default_currency, my_expenses, receipt,
};
pub use policies::{current_policy, directory, hierarchy, policy_version, save_policy, scope_choices, scope_names};
pub use rate_changes::{NewRate, RateError, add_rate, preview_rate};
pub use rate_views::{list_rates, rate_choices, recent_stamped, usual_currency};
pub use rates::price_entries;
pub use teams::{TeamError, assign_team, create_team, delete_team, list_teams, memberships, update_team};
pub(crate) use time_entries::read_open_engagements;
pub use time_entries::{
    EntryChange, EntryChangeError, LogTimeError, NewTimeEntry, delete_time_entry, edit_time_entry, log_time,
    open_engagements, week_entries,
};
pub use timers::{RecordOn, TimerError, discard_timer, running_timer, start_timer, stop_timer};
pub use timesheets::{TimesheetError, decide_timesheet, lock_week, submit_week, unlock_timesheet};

use crate::db::TenantTx;
use std::collections::HashMap;

/// Everyone's display name by id (active or not: history names people who
/// have since left).
pub async fn people_names(tx: &mut TenantTx) -> Result<HashMap<i64, String>, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("select user_id, display_name from users").fetch_all(tx.conn()).await?;
    Ok(rows.into_iter().collect())
}
