//! PesPro's core crate.
//!
//! Everything outside `ssr` is a pure rule over a newtype — slugs, colours,
//! hostnames, names — compiled into the browser bundle as well, so the same
//! rule that guards the database can answer instantly in a form. Behind the
//! `ssr` feature lives the backend: the database (embedded or external), the
//! tenant registry and provisioning, and the coordinated migrations.

pub mod access;
pub mod accounting;
pub mod approval_card;
pub mod audit;
pub mod brand;
pub mod client_invoicing;
pub mod client_name;
pub mod colour;
pub mod contact;
pub mod day_view;
pub mod domains;
pub mod email;
pub mod engagement;
pub mod expenses;
pub mod first_day;
pub mod flags;
pub mod formats;
pub mod host;
pub mod import;
pub mod invoice;
pub mod money;
pub mod my_week;
mod newtype;
pub mod notice;
pub mod overview;
pub mod person;
pub mod rates;
pub mod reports;
pub mod search;
pub mod slug;
pub mod sso_settings;
pub mod teams;
pub mod tenant;
pub mod throttle;
pub mod timer;
pub mod timesheet;
pub mod week;
pub mod week_grid;
pub mod workflow;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
mod demo_accounting;
#[cfg(feature = "ssr")]
mod demo_invoices;
#[cfg(feature = "ssr")]
mod demo_practice;
#[cfg(feature = "ssr")]
mod demo_rates;
#[cfg(feature = "ssr")]
mod demo_reports;
#[cfg(feature = "ssr")]
pub mod firm_data;
#[cfg(feature = "ssr")]
pub mod fresh_cache;
#[cfg(feature = "ssr")]
pub mod load_data;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod migrate;
#[cfg(feature = "ssr")]
pub mod notices_mail;
#[cfg(feature = "ssr")]
pub mod practice;
#[cfg(feature = "ssr")]
pub mod report_mail;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod session_cache;
#[cfg(feature = "ssr")]
pub mod sso;
#[cfg(feature = "ssr")]
pub mod staff;
#[cfg(feature = "ssr")]
pub mod tenancy;
