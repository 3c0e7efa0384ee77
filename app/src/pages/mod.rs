//! One module per page of a firm's site.

pub mod account;
pub mod approvals;
pub mod audit;
pub mod client;
mod client_contacts;
pub mod dashboard;
pub mod engagement;
mod engagement_fields;
pub mod expenses;
pub mod export;
pub mod features;
pub mod import;
pub mod my_week;
pub mod not_found;
pub mod password_reset;
pub mod people;
pub mod rates;
pub mod sign_in;
pub mod sso_settings;
pub mod teams;
mod timer;
mod week_approval;
mod week_entries;
mod week_grid;
pub mod workflows;
