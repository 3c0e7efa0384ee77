//! The door of every page that needs someone signed in: the signed-in person
//! when they may do what the page is for; otherwise what to show instead —
//! a redirect to sign in, or a refusal (answered with 403 on the server).
//! The server functions behind the page check again; this only decides what
//! the page shows.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use pespro::access::{CurrentUser, Permission};

pub fn require(permission: Permission, refusal: &'static str) -> Result<CurrentUser, AnyView> {
    let Some(user) = use_context::<Option<CurrentUser>>().flatten() else {
        return Err(view! { <Redirect path="/sign-in" /> }.into_any());
    };
    if user.may(permission) {
        return Ok(user);
    }
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    Err(view! { <p role="alert">{refusal}</p> }.into_any())
}
