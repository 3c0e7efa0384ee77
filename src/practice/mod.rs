//! A firm's practice data — clients, engagements, time and expenses — read and
//! written only through a [`TenantTx`](crate::db::TenantTx).

mod clients;
mod expenses;
mod time_entries;

pub use clients::{CreateClientError, client_overview, create_client};
pub use expenses::{
    CreateExpenseError, Receipt, StoredReceipt, create_expense, default_currency, my_expenses, receipt,
};
pub use time_entries::{LogTimeError, NewTimeEntry, log_time, open_engagements, week_entries};
