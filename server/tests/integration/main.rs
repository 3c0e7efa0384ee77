//! Integration tests against a real PostgreSQL: one private cluster per test
//! run, a fresh database per test, and the application built by the same
//! startup code as `pespro serve`. One binary (this file's modules) so the
//! suite links once.

mod helpers;

mod accounting_batches;
mod accounting_routes;
mod answers;
mod approvals;
mod audit;
mod audit_trail;
mod auth;
mod binary;
mod branding;
mod branding_logo;
mod chaos;
mod client_invoicing;
mod contacts;
mod cross_site;
mod custom_domains;
mod dns_server;
mod domain_proof;
mod engagements;
mod expense_corrections;
mod expenses;
mod firm_backup;
mod firm_data_cache;
mod firm_export;
mod flags;
mod http_hosts;
mod impersonation;
mod impersonation_attribution;
mod import;
mod invitations;
mod invoice_fixture;
mod invoice_logo;
mod invoice_races;
mod invoice_sending;
mod invoice_server_fns;
mod invoices;
mod isolation;
mod mail_sink;
mod migrations;
mod my_week;
mod oidc_provider;
mod password_reset;
mod peers;
mod people;
mod provisioning;
mod quick_search;
mod rates;
mod readiness;
mod refused_forms;
mod reset_links;
mod route_list;
mod server_fns;
mod session_cache;
mod sign_in_limits;
mod sso;
mod sso_forgery;
mod sso_tokens;
mod staff;
mod static_files;
mod submission_races;
mod teams;
mod time_entries;
