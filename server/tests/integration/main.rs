//! Integration tests against a real PostgreSQL: one private cluster per test
//! run, a fresh database per test, and the application built by the same
//! startup code as `pespro serve`. One binary (this file's modules) so the
//! suite links once.

mod helpers;

mod approvals;
mod audit;
mod auth;
mod binary;
mod contacts;
mod engagements;
mod expense_corrections;
mod expenses;
mod flags;
mod http_hosts;
mod impersonation;
mod import;
mod isolation;
mod mail_sink;
mod migrations;
mod my_week;
mod oidc_provider;
mod password_reset;
mod peers;
mod people;
mod provisioning;
mod rates;
mod route_list;
mod server_fns;
mod sso;
mod sso_tokens;
mod staff;
mod submission_races;
mod teams;
mod time_entries;
