//! A client's contacts, added, corrected and removed from the client page
//! by managers and administrators.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::contact::ContactForm;

#[cfg(feature = "ssr")]
fn not_found(error: pespro::practice::DetailsError) -> AppError {
    match error {
        pespro::practice::DetailsError::Db(db) => db.into(),
        _ => AppError::NotFound,
    }
}

/// Adds a contact to `client_id`; returns the new contact's id.
#[server(endpoint = "add_client_contact")]
pub async fn add_client_contact(client_id: i64, contact: ContactForm) -> Result<i64, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let added = async {
        let new = contact.parse().map_err(|problem| AppError::validation(problem.field(), capitalised(problem)))?;
        let mut tx = ctx.tenant_tx().await?;
        let id = pespro::practice::add_contact(&mut tx, client_id, &new).await.map_err(not_found)?;
        tx.commit().await?;
        Ok(id)
    };
    let added = added.await;
    super::refused_form::kept_if_refused(&ctx, FORM, &(client_id, &contact), added).await
}

/// The add-contact form, kept with its client's id when refused (read back
/// by `load_client`).
#[cfg(feature = "ssr")]
pub(super) const FORM: &str = "contact";

/// Replaces what is stored of `contact_id`, one of `client_id`'s contacts.
#[server(endpoint = "update_client_contact")]
pub async fn update_client_contact(client_id: i64, contact_id: i64, contact: ContactForm) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let contact = contact.parse().map_err(|problem| AppError::validation(problem.field(), capitalised(problem)))?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::update_contact(&mut tx, client_id, contact_id, &contact).await.map_err(not_found)?;
    tx.commit().await?;
    Ok(())
}

#[server(endpoint = "remove_client_contact")]
pub async fn remove_client_contact(client_id: i64, contact_id: i64) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::remove_contact(&mut tx, client_id, contact_id).await.map_err(not_found)?;
    tx.commit().await?;
    Ok(())
}

#[cfg(feature = "ssr")]
fn capitalised(problem: pespro::contact::ContactProblem) -> String {
    super::workflows::capitalised(&problem.to_string())
}
