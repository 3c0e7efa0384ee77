//! A firm's practice data — clients, engagements and time — read and
//! written only through a [`TenantTx`](crate::db::TenantTx).

mod clients;
pub mod import;
mod time_entries;

pub use clients::{CreateClientError, client_overview, create_client};
pub use time_entries::{LogTimeError, NewTimeEntry, log_time, open_engagements, week_entries};
