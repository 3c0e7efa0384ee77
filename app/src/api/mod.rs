//! Server functions: the browser's (and plain HTML forms') way into the
//! backend. Each is a short adapter — request context, permission check,
//! tenant transaction, domain call, error mapping — and nothing more.

pub mod accounting;
pub mod approval_weeks;
pub mod approvals;
pub mod audit;
pub mod branding;
pub mod client_invoicing;
pub mod clients;
pub mod contacts;
pub mod context;
pub mod domains;
pub mod engagements;
pub mod expenses;
pub mod features;
pub mod firm_formats;
pub mod firm_time_zone;
pub mod first_day;
pub mod import;
pub mod invitations;
pub mod invoice_actions;
#[cfg(feature = "ssr")]
mod invoice_sending;
pub mod invoice_settings;
pub mod invoices;
pub mod my_week;
pub mod notices;
pub mod people;
pub mod profile;
pub mod rates;
#[cfg(feature = "ssr")]
mod refused_form;
pub mod report_schedules;
pub mod report_settings;
pub mod reports;
pub mod search;
pub mod session;
pub mod sso;
pub mod teams;
pub mod time_entries;
pub mod timer;
#[cfg(feature = "ssr")]
mod workflow_trial;
pub mod workflows;
