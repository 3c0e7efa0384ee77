//! A person's notifications (`/notifications`). Written by the approval
//! engine's adapters in the same transaction as what they tell of; read and
//! marked here. Support acting as someone reads their list but leaves it
//! as it was: marking read is the person's own.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::notice::Notice;

#[server(endpoint = "load_notices")]
pub async fn load_notices() -> Result<Vec<Notice>, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let mut tx = ctx.tenant_tx().await?;
    let notices =
        pespro::practice::notices::my_notices(&mut tx, user.user_id, pespro::practice::time_zones::Reader::of(user))
            .await?;
    tx.commit().await?;
    Ok(notices)
}

/// Marks the notice read and goes where it points: a plain form post, so
/// it works the same before the page is interactive.
#[server(endpoint = "open_notice")]
pub async fn open_notice(notification_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    let mut tx = ctx.tenant_tx().await?;
    let link = if user.is_impersonated() {
        pespro::practice::notices::my_notices(&mut tx, user.user_id, pespro::practice::time_zones::Reader::of(user))
            .await?
            .into_iter()
            .find(|n| n.notification_id == notification_id)
            .map(|n| n.link)
    } else {
        pespro::practice::notices::open_notice(&mut tx, user.user_id, notification_id).await?
    };
    tx.commit().await?;
    leptos_axum::redirect(&link.ok_or(AppError::NotFound)?);
    Ok(())
}

/// Marks all of the person's notices read and goes back to the list,
/// which says how many were unread (a plain form post, like opening one).
#[server(endpoint = "mark_notices_read")]
pub async fn mark_notices_read() -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    if user.is_impersonated() {
        return Err(AppError::Forbidden);
    }
    let mut tx = ctx.tenant_tx().await?;
    let marked = pespro::practice::notices::mark_all_read(&mut tx, user.user_id).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/notifications?marked={marked}"));
    Ok(())
}
