//! Server functions: the browser's (and plain HTML forms') way into the
//! backend. Each is a short adapter — request context, permission check,
//! tenant transaction, domain call, error mapping — and nothing more.

pub mod approvals;
pub mod audit;
pub mod clients;
pub mod context;
pub mod my_week;
pub mod people;
pub mod rates;
pub mod session;
pub mod sso;
pub mod teams;
#[cfg(feature = "ssr")]
mod workflow_trial;
pub mod workflows;
