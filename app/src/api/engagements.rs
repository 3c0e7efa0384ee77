//! A client's page and an engagement's page: reading them, saving their
//! edit forms, and deleting an engagement created by mistake. Anyone in the
//! firm may read; managers and administrators (ManageClients) may change.

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use pespro::audit::AuditAction;
use pespro::engagement::views::{ClientPage, EngagementPage};
use pespro::engagement::{ClientForm, EngagementForm};

#[cfg(feature = "ssr")]
fn details_error(error: pespro::practice::DetailsError, taken_field: &str) -> AppError {
    use pespro::practice::DetailsError as E;
    match error {
        E::NotFound => AppError::NotFound,
        E::Taken => AppError::validation(taken_field, "That is already used by another one; choose another."),
        E::UnknownPerson => {
            AppError::validation("members", "Choose the owner and members from the firm's active people.")
        }
        E::Db(db) => db.into(),
    }
}

#[cfg(feature = "ssr")]
fn field_problem((field, message): pespro::engagement::FieldProblem) -> AppError {
    AppError::validation(field, message)
}

#[server(endpoint = "load_client")]
pub async fn load_client(client_id: i64) -> Result<ClientPage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    // What waits to be invoiced is for those who invoice; the page shows
    // the line by the same permission, so it never says "nothing" instead.
    let with_money = user.may(pespro::access::Permission::ManageInvoices);
    let typed_client = super::refused_form::take(&ctx, CLIENT_FORM).await.and_then(of_client(client_id));
    let typed_contact = super::refused_form::take(&ctx, super::contacts::FORM).await.and_then(of_client(client_id));
    let mut tx = ctx.tenant_tx().await?;
    let page = pespro::practice::client_page(&mut tx, client_id).await.map_err(|e| details_error(e, "name"))?;
    let summary = pespro::practice::client_summary(&mut tx, client_id, with_money).await?;
    tx.commit().await?;
    Ok(ClientPage { form: typed_client.unwrap_or(page.form), typed_contact, summary, ..page })
}

/// A form kept for a client's page, if it is this client's.
#[cfg(feature = "ssr")]
fn of_client<T>(client_id: i64) -> impl Fn((i64, T)) -> Option<T> {
    move |(id, form)| (id == client_id).then_some(form)
}

/// The client's edit form, kept with its client's id when refused.
#[cfg(feature = "ssr")]
const CLIENT_FORM: &str = "client";

#[server(endpoint = "save_client")]
pub async fn save_client(client_id: i64, form: ClientForm) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let saved = async {
        let details = pespro::engagement::parse_client(&form).map_err(field_problem)?;
        let mut tx = ctx.tenant_tx().await?;
        pespro::practice::update_client(&mut tx, client_id, &details).await.map_err(|e| details_error(e, "name"))?;
        ctx.audit(&mut tx, AuditAction::ClientChanged, details.name.as_str(), "details saved").await?;
        Ok(tx.commit().await?)
    };
    let saved = saved.await;
    super::refused_form::kept_if_refused(&ctx, CLIENT_FORM, &(client_id, &form), saved).await
}

/// `archived` is `true` to archive, anything else to restore.
#[server(endpoint = "archive_client")]
pub async fn archive_client(client_id: i64, archived: String) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::set_client_archived(&mut tx, client_id, archived == "true")
        .await
        .map_err(|e| details_error(e, "name"))?;
    let name = pespro::practice::audit_subjects::client_subject(&mut tx, client_id).await?.unwrap_or_default();
    let detail = if archived == "true" { "archived" } else { "restored" };
    ctx.audit(&mut tx, AuditAction::ClientChanged, &name, detail).await?;
    tx.commit().await?;
    Ok(())
}

#[server(endpoint = "create_engagement")]
pub async fn create_engagement(client_id: i64, form: EngagementForm) -> Result<i64, AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let details = pespro::engagement::parse_engagement(&form).map_err(field_problem)?;
    let mut tx = ctx.tenant_tx().await?;
    let id = pespro::practice::create_engagement(&mut tx, client_id, &details)
        .await
        .map_err(|e| details_error(e, "code"))?;
    let subject = pespro::practice::audit_subjects::engagement_subject(&mut tx, id).await?.unwrap_or_default();
    ctx.audit(&mut tx, AuditAction::EngagementAdded, &subject, "").await?;
    tx.commit().await?;
    Ok(id)
}

#[server(endpoint = "load_engagement")]
pub async fn load_engagement(engagement_id: i64) -> Result<EngagementPage, AppError> {
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ViewPractice)?;
    // Colleagues' hours and notes are for those who run the work.
    let with_people = user.may(pespro::access::Permission::ApproveWork);
    let mut tx = ctx.tenant_tx().await?;
    let page = pespro::practice::engagement_page(&mut tx, engagement_id, with_people)
        .await
        .map_err(|e| details_error(e, "code"))?;
    tx.commit().await?;
    Ok(page)
}

#[server(endpoint = "save_engagement")]
pub async fn save_engagement(engagement_id: i64, form: EngagementForm) -> Result<(), AppError> {
    let ctx = super::context::RequestContext::current()?;
    ctx.authorize(pespro::access::Permission::ManageClients)?;
    let details = pespro::engagement::parse_engagement(&form).map_err(field_problem)?;
    let mut tx = ctx.tenant_tx().await?;
    pespro::practice::update_engagement(&mut tx, engagement_id, &details)
        .await
        .map_err(|e| details_error(e, "code"))?;
    let subject =
        pespro::practice::audit_subjects::engagement_subject(&mut tx, engagement_id).await?.unwrap_or_default();
    ctx.audit(&mut tx, AuditAction::EngagementChanged, &subject, "terms saved").await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes an engagement nothing was recorded against (audited), then goes
/// to its client's page.
#[server(endpoint = "delete_engagement")]
pub async fn delete_engagement(engagement_id: i64) -> Result<(), AppError> {
    use pespro::audit::{AuditEntry, record};
    use pespro::practice::RemovalError;
    let ctx = super::context::RequestContext::current()?;
    let user = ctx.authorize(pespro::access::Permission::ManageClients)?;
    let mut tx = ctx.tenant_tx().await?;
    let deleted = pespro::practice::delete_engagement(&mut tx, engagement_id).await.map_err(|e| match e {
        RemovalError::NotFound => AppError::NotFound,
        RemovalError::InUse(_) => AppError::Conflict(super::workflows::capitalised(&e.to_string())),
        RemovalError::Db(db) => db.into(),
    })?;
    let entry = AuditEntry {
        actor_user_id: Some(user.user_id),
        actor_label: &user.audit_label(),
        action: AuditAction::EngagementDeleted,
        subject: &deleted.label,
        detail: "",
        client_address: ctx.client_address,
    };
    record(&mut tx, &entry).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/clients/{}?deleted=engagement", deleted.client_id));
    Ok(())
}
