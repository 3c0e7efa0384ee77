//! Correcting and removing one's own time entries while their week is open.
//! Submitted and approved entries are refused here: changing them means an
//! administrator unlocks the week first, which sends it back to draft.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn change_error(e: pespro::practice::EntryChangeError) -> AppError {
    use pespro::practice::EntryChangeError;
    match e {
        EntryChangeError::NotFound => AppError::NotFound,
        EntryChangeError::Locked => AppError::Conflict(e.to_string()),
        EntryChangeError::Db(db) => db.into(),
    }
}

/// Changes the duration, billable flag and notes of one of the signed-in
/// person's own draft entries.
#[server(endpoint = "edit_time_entry")]
pub async fn edit_time_entry(
    time_entry_id: i64,
    duration: String,
    billable: Option<String>,
    notes: String,
) -> Result<(), AppError> {
    use pespro::my_week::{check_minutes, check_notes};

    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let minutes = pespro::money::Minutes::parse(&duration)
        .map_err(|e| e.to_string())
        .and_then(|m| check_minutes(m).map_err(|e| e.to_string()))
        .map_err(|e| AppError::validation("duration", e))?;
    let notes = check_notes(&notes).map_err(|e| AppError::validation("notes", e))?;
    let change = pespro::practice::EntryChange { minutes, billable: billable.is_some(), notes };
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::edit_time_entry(&mut tx, user.user_id, time_entry_id, &change).await.map_err(change_error)?;
    tx.commit().await?;
    Ok(())
}

/// Removes one of the signed-in person's own draft entries.
#[server(endpoint = "delete_time_entry")]
pub async fn delete_time_entry(time_entry_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::delete_time_entry(&mut tx, user.user_id, time_entry_id).await.map_err(change_error)?;
    tx.commit().await?;
    Ok(())
}
