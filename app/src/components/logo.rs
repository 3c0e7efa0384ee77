//! A firm's logo, or — when it has none — a monogram of its initials in the
//! accent colour, so every firm looks like itself from the first day.

use leptos::prelude::*;
use pespro::brand::Theme;

#[component]
pub fn Logo(theme: Option<Theme>) -> impl IntoView {
    let Some(theme) = theme else {
        return view! { <span class="sr-only">"PesPro"</span> }.into_any();
    };
    let alt = format!("{} logo", theme.display_name);
    match theme.logo {
        Some(url) => view! {
            <img src=url.as_str().to_owned() alt=alt class="h-10 w-auto max-w-40 rounded bg-white object-contain p-1" />
        }
        .into_any(),
        None => view! {
            <span
                role="img"
                aria-label=alt
                class="flex h-10 w-10 items-center justify-center rounded bg-accent text-sm font-bold text-on-accent"
            >
                {theme.display_name.initials()}
            </span>
        }
        .into_any(),
    }
}
