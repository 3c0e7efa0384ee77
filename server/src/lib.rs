//! The `pespro` server: configuration, startup, the HTTP router and its
//! middleware, and the operator CLI. `main.rs` only wires these together, so
//! integration tests build the very same application through [`startup`].

mod accounting_files;
mod audit_export;
pub mod cli;
pub mod config;
mod console;
mod csv_download;
mod expenses;
mod firm_export;
mod health;
mod host_middleware;
mod impersonation;
mod import_upload;
mod invoice_pdf;
mod logo_routes;
mod plain_pages;
mod report_export;
mod request_metrics;
mod security_headers;
mod server_fn_answers;
mod session_middleware;
pub mod sso_routes;
pub mod startup;
mod static_files;
pub mod telemetry;
mod tls_ask;
mod zip_stream;
