//! The branding page's tab-icon section: the icon browsers show in the
//! tab and bookmarks (the logo when none is uploaded, the platform's when
//! the firm has neither). Plain multipart forms like the logo's
//! (`branding_logo`), answered with `?icon=saved` or `?icon_problem=…`.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::brand::logo_problem::LogoProblem;

/// Where the upload form posts (served by `server/src/logo_routes.rs`).
pub const ICON_UPLOAD_PATH: &str = "/settings/branding/icon";
/// Where "Use the logo" posts.
pub const ICON_REMOVE_PATH: &str = "/settings/branding/icon/remove";

#[component]
pub fn IconSection(icon: Option<String>, logo: Option<String>) -> impl IntoView {
    let query = use_query_map();
    let done = move || match query.read().get("icon").as_deref() {
        Some("saved") => Some("Tab icon saved."),
        Some("removed") => Some("Tab icon removed: tabs show the logo."),
        _ => None,
    };
    let problem = move || {
        query.read().get("icon_problem").and_then(|code| LogoProblem::from_code(&code)).map(LogoProblem::sentence)
    };
    let has_icon = icon.is_some();
    let shown = icon.or(logo).unwrap_or_else(|| "/favicon.svg".to_owned());
    view! {
        <section aria-labelledby="icon-title" class="mt-6 rounded border border-slate-200 bg-white p-4" data-testid="icon-section">
            <h2 id="icon-title" class="text-lg font-semibold">"Tab icon"</h2>
            <p class="text-sm text-slate-600">"Shown in browser tabs and bookmarks. Without one, your logo is used."</p>
            <p role="status" class="min-h-5 text-sm text-green-700" data-testid="icon-saved">{done}</p>
            <div class="mt-2 flex flex-wrap items-center gap-4">
                <img src=shown alt="Your firm's tab icon" class="h-8 w-8 rounded border border-slate-200 object-contain" data-testid="current-icon" />
                <form method="post" action=ICON_UPLOAD_PATH enctype="multipart/form-data" class="flex flex-wrap items-end gap-2">
                    <div>
                        <label for="icon-file" class="block text-sm font-medium text-slate-700">"Upload a tab icon"</label>
                        <input id="icon-file" type="file" name="icon" required accept="image/png,image/jpeg,image/webp,image/svg+xml"
                            aria-describedby="icon-help" class="mt-1 block text-sm" />
                    </div>
                    <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Upload icon"</button>
                </form>
                {has_icon.then(|| view! {
                    <form method="post" action=ICON_REMOVE_PATH>
                        <button type="submit" class="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">"Use the logo instead"</button>
                    </form>
                })}
            </div>
            <p id="icon-help" class="mt-1 text-xs text-slate-500">"Square (or nearly), 16 to 2048 pixels; PNG, JPEG, WebP or SVG, at most 512 KB."</p>
            <p role="alert" class="min-h-5 text-sm text-red-700" data-testid="icon-problem">{problem}</p>
        </section>
    }
}
