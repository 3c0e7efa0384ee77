//! One module per page of a firm's site.

pub mod account;
pub mod audit;
pub mod dashboard;
pub mod import;
pub mod my_week;
pub mod not_found;
pub mod password_reset;
pub mod people;
pub mod sign_in;
pub mod sso_settings;
