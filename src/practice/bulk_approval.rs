//! Approving several weeks at once from the inbox. Each week goes through
//! the firm's policy exactly as if it were approved alone; a week the policy
//! refuses (approved by someone else meanwhile, or waiting for a different
//! approver) is reported in words and the others still go through. The
//! engine refuses before anything is written, so one transaction holds them
//! all. Weeks are locked in id order, so two approvers approving
//! overlapping selections wait for each other instead of deadlocking.

use super::TimesheetError;
use super::timesheets::decide_timesheet;
use crate::access::Role;
use crate::db::TenantTx;
use crate::workflow::State;

/// At most this many weeks in one request: a page of the inbox, not the
/// whole firm's history.
pub const MOST_AT_ONCE: usize = 100;

/// Each requested week (deduplicated, by id) with its new state, or the
/// reason it was not approved. A database failure ends the whole request.
pub async fn approve_weeks(
    tx: &mut TenantTx,
    approver: (i64, Role),
    timesheet_ids: &[i64],
    comment: &str,
) -> Result<Vec<(i64, Result<State, String>)>, sqlx::Error> {
    let mut ids = timesheet_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut outcomes = Vec::with_capacity(ids.len());
    for id in ids {
        let outcome = match decide_timesheet(tx, approver, id, true, comment).await {
            Ok(state) => Ok(state),
            Err(TimesheetError::Db(e)) => return Err(e),
            Err(refused) => Err(refused.to_string()),
        };
        outcomes.push((id, outcome));
    }
    Ok(outcomes)
}
