//! A firm's practice data — clients and engagements so far — read and written
//! only through a [`TenantTx`](crate::db::TenantTx).

mod clients;

pub use clients::{CreateClientError, client_overview, create_client};
