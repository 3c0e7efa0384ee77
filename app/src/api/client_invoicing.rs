//! Saving a client's invoicing terms (code, taxes, invoice notes) from its
//! page. Read with the rest of the page (`load_client`); changed, like the
//! client's details, by managers and administrators (ManageClients): which
//! taxes a client pays is part of the client's record, not a firm setting.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::client_invoicing::ClientInvoicingForm;

#[cfg(feature = "ssr")]
fn invoicing_error(error: pespro::practice::ClientInvoicingError) -> AppError {
    use pespro::practice::ClientInvoicingError as E;
    match error {
        E::NotFound => AppError::NotFound,
        E::CodeTaken => AppError::validation("code", "Another client already has this code; choose another."),
        E::UnknownTaxRate => AppError::validation("tax_rates", "Choose rates from the firm's current tax rates."),
        E::Db(db) => db.into(),
    }
}

#[server(endpoint = "save_client_invoicing")]
pub async fn save_client_invoicing(client_id: i64, form: ClientInvoicingForm) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let terms = pespro::client_invoicing::parse_client_invoicing(&form)
        .map_err(|(field, message)| AppError::validation(field, message))?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::save_client_invoicing(&mut tx, client_id, &terms).await.map_err(invoicing_error)?;
    tx.commit().await?;
    Ok(())
}
