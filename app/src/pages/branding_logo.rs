//! The branding page's logo section: the logo in use (or the monogram shown
//! instead), a plain multipart form to upload another and one to go back to
//! the monogram. Both are ordinary form posts to the server's own handlers
//! (`server/src/logo_routes.rs`: server functions take no files), so they
//! work the same with and without JavaScript; the handler answers with a
//! redirect back here naming what happened, in a code (`?logo=saved`,
//! `?logo_problem=type`) that this page turns into its sentence.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::brand::logo_problem::LogoProblem;

/// Where the upload form posts (served by `server/src/logo_routes.rs`).
pub const LOGO_UPLOAD_PATH: &str = "/settings/branding/logo";
/// Where "Use the monogram" posts.
pub const LOGO_REMOVE_PATH: &str = "/settings/branding/logo/remove";

#[component]
pub fn LogoSection(logo: Option<String>, initials: String) -> impl IntoView {
    let query = use_query_map();
    let done = move || match query.read().get("logo").as_deref() {
        Some("saved") => Some("Logo saved. Every page now shows it."),
        Some("removed") => Some("Logo removed: pages show the monogram."),
        _ => None,
    };
    let problem = move || {
        query.read().get("logo_problem").and_then(|code| LogoProblem::from_code(&code)).map(LogoProblem::sentence)
    };
    let has_logo = logo.is_some();
    view! {
        <section aria-labelledby="logo-title" class="mt-6 rounded border border-slate-200 bg-white p-4" data-testid="logo-section">
            <h2 id="logo-title" class="text-lg font-semibold">"Logo"</h2>
            <p role="status" class="min-h-5 text-sm text-green-700" data-testid="logo-saved">{done}</p>
            <div class="mt-2 flex flex-wrap items-center gap-4">
                {match logo {
                    Some(url) => view! { <img src=url alt="Your firm's logo" class="h-16 w-auto max-w-64 rounded border border-slate-200 object-contain p-1" data-testid="current-logo" /> }.into_any(),
                    None => view! {
                        <span class="flex h-16 w-16 items-center justify-center rounded bg-accent text-lg font-bold text-on-accent" data-testid="current-monogram">{initials}</span>
                    }.into_any(),
                }}
                <form method="post" action=LOGO_UPLOAD_PATH enctype="multipart/form-data" class="flex flex-wrap items-end gap-2">
                    <div>
                        <label for="logo-file" class="block text-sm font-medium text-slate-700">"Upload a logo"</label>
                        <input id="logo-file" type="file" name="logo" required accept="image/png,image/jpeg,image/webp,image/svg+xml"
                            aria-describedby="logo-help" class="mt-1 block text-sm" />
                    </div>
                    <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Upload logo"</button>
                </form>
                {has_logo.then(|| view! {
                    <form method="post" action=LOGO_REMOVE_PATH>
                        <button type="submit" class="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">"Use the monogram instead"</button>
                    </form>
                })}
            </div>
            <p id="logo-help" class="mt-1 text-xs text-slate-500">
                "PNG, JPEG, WebP or SVG; at most 512 KB, 16 to 2048 pixels a side. An SVG must be a plain drawing (no scripts or links), and text in it is not drawn: use outlines."
            </p>
            <p role="alert" class="min-h-5 text-sm text-red-700" data-testid="logo-problem">{problem}</p>
        </section>
    }
}
