//! Quick search over the firm's clients, engagements and (for those who
//! manage people) people.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::search::Found;

/// What `q` finds; nothing when `q` is blank.
#[server(endpoint = "quick_search")]
pub async fn quick_search(q: String) -> Result<Found, AppError> {
    use pespro::access::Permission;

    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(Permission::ViewPractice)?;
    let Some(looked_for) = pespro::search::tidy(&q) else { return Ok(Found::default()) };
    let mut tx = ctx.tenant_tx().await?;
    let found = pespro::practice::search::quick_search(&mut tx, &looked_for, user.may(Permission::ManageUsers)).await?;
    tx.commit().await?;
    Ok(found)
}
