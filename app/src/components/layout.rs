//! The frame of every firm page: the firm's logo and name on its brand colour.

use super::logo::Logo;
use leptos::prelude::*;
use pespro::brand::Theme;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let theme = use_context::<Option<Theme>>().flatten();
    let name = theme
        .as_ref()
        .map(|t| t.display_name.to_string())
        .unwrap_or_else(|| "PesPro".into());
    view! {
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
            "Skip to content"
        </a>
        <header class="bg-brand text-on-brand shadow">
            <div class="mx-auto flex max-w-5xl items-center gap-3 px-4 py-3">
                <Logo theme=theme.clone() />
                <span class="text-lg font-semibold tracking-tight" data-testid="firm-name">
                    {name}
                </span>
            </div>
            <div class="h-1 bg-accent"></div>
        </header>
        <main id="main" class="mx-auto max-w-5xl px-4 py-8">
            {children()}
        </main>
    }
}
