//! A form refused without JavaScript comes back as it was typed.
//!
//! Without JavaScript a refused post is answered with a redirect to its
//! page, the error in the address (the server's `server_fn_answers`), and
//! the page is drawn afresh from what is saved: what was typed would be
//! lost. So a server function that refuses a form keeps it in the person's
//! session under the form's name, and the page's loader takes it back,
//! using it only when the page was reached by that redirect: `__err` in the
//! address, which the server lets through only for an error it issued to
//! this browser. The next load takes it either way, so it never lingers.
//! With JavaScript the browser keeps what was typed on its own.
//!
//! The session is stored in the database: never keep a form that carries a
//! password or a secret.

use super::context::RequestContext;

fn session_key(form: &'static str) -> String {
    format!("refused_form:{form}")
}

/// Keeps a refused form for the page's next load. Best effort: should the
/// session not take it, the person sees the saved values and the error.
pub async fn keep(ctx: &RequestContext, form: &'static str, typed: &impl serde::Serialize) {
    let Ok(session) = ctx.session() else { return };
    if let Err(error) = session.insert(&session_key(form), typed).await {
        tracing::warn!(%error, form, "could not keep a refused form");
    }
}

/// Passes `result` on, keeping `typed` first when it refuses what was typed
/// (a field's error; not a conflict or an outage, where the page's own
/// answer is the better start).
pub async fn kept_if_refused<T>(
    ctx: &RequestContext,
    form: &'static str,
    typed: &impl serde::Serialize,
    result: Result<T, crate::error::AppError>,
) -> Result<T, crate::error::AppError> {
    if matches!(&result, Err(error) if error.is_validation()) {
        keep(ctx, form, typed).await;
    }
    result
}

/// The form as it was refused, when this page load follows the refusal.
pub async fn take<T: serde::de::DeserializeOwned>(ctx: &RequestContext, form: &'static str) -> Option<T> {
    let session = ctx.session().ok()?;
    let key = session_key(form);
    // A removal counts as a change to the session (a write, and a word to
    // every process's cache) even when nothing was there: look first.
    session.get_value(&key).await.ok().flatten()?;
    let kept: Option<T> = session.remove(&key).await.ok().flatten();
    kept.filter(|_| after_refusal())
}

fn after_refusal() -> bool {
    let parts = leptos::prelude::use_context::<http::request::Parts>();
    let query = parts.as_ref().and_then(|p| p.uri.query()).unwrap_or_default();
    query.split('&').any(|pair| pair.starts_with("__err="))
}
