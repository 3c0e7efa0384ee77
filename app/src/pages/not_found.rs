//! A path that is no page of this firm's site.

use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1 class="text-2xl font-semibold">"Page not found"</h1>
        <p class="mt-2 text-slate-600">
            "There is nothing at this address. " <a class="text-brand underline" href="/">
                "Go to the dashboard"
            </a>
        </p>
    }
}
