//! A client's contacts as stored: listed on the client page, added,
//! corrected and removed there. A contact id is only ever used together with its client's
//! id, so a stray id from another page (or another firm) finds nothing.

use super::DetailsError;
use crate::contact::{ContactView, NewContact};
use crate::db::TenantTx;

/// `client_id`'s contacts, by name.
pub async fn client_contacts(tx: &mut TenantTx, client_id: i64) -> Result<Vec<ContactView>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "select client_contact_id, name, email, phone, role from client_contacts
         where client_id = $1 order by lower(name), client_contact_id",
    )
    .bind(client_id)
    .fetch_all(tx.conn())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(contact_id, name, email, phone, role)| ContactView { contact_id, name, email, phone, role })
        .collect())
}

/// Adds a contact to `client_id`; returns its id.
pub async fn add_contact(tx: &mut TenantTx, client_id: i64, contact: &NewContact) -> Result<i64, DetailsError> {
    let id: Option<i64> = sqlx::query_scalar(
        "insert into client_contacts (client_id, name, email, phone, role)
         select client_id, $2, $3, $4, $5 from clients where client_id = $1
         returning client_contact_id",
    )
    .bind(client_id)
    .bind(&contact.name)
    .bind(email_text(contact))
    .bind(&contact.phone)
    .bind(&contact.role)
    .fetch_optional(tx.conn())
    .await?;
    id.ok_or(DetailsError::NotFound)
}

/// Replaces what is stored of `contact_id`, one of `client_id`'s contacts.
pub async fn update_contact(
    tx: &mut TenantTx,
    client_id: i64,
    contact_id: i64,
    contact: &NewContact,
) -> Result<(), DetailsError> {
    let updated = sqlx::query(
        "update client_contacts set name = $3, email = $4, phone = $5, role = $6
         where client_contact_id = $1 and client_id = $2",
    )
    .bind(contact_id)
    .bind(client_id)
    .bind(&contact.name)
    .bind(email_text(contact))
    .bind(&contact.phone)
    .bind(&contact.role)
    .execute(tx.conn())
    .await?;
    if updated.rows_affected() == 0 { Err(DetailsError::NotFound) } else { Ok(()) }
}

/// Removes `contact_id` from `client_id`.
pub async fn remove_contact(tx: &mut TenantTx, client_id: i64, contact_id: i64) -> Result<(), DetailsError> {
    let removed = sqlx::query("delete from client_contacts where client_contact_id = $1 and client_id = $2")
        .bind(contact_id)
        .bind(client_id)
        .execute(tx.conn())
        .await?;
    if removed.rows_affected() == 0 { Err(DetailsError::NotFound) } else { Ok(()) }
}

/// Stored as text, empty when there is none (the column is not null).
fn email_text(contact: &NewContact) -> String {
    contact.email.as_ref().map(|e| e.to_string()).unwrap_or_default()
}
