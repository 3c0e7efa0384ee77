//! One module per page of a firm's site.

pub mod account;
pub mod approvals;
pub mod audit;
pub mod dashboard;
pub mod my_week;
pub mod not_found;
pub mod password_reset;
pub mod people;
pub mod rates;
pub mod sign_in;
pub mod sso_settings;
pub mod teams;
mod week_approval;
pub mod workflows;
