//! The branding page's preview: the firm's header, a button, a table and an
//! invoice heading drawn with the colours as typed, before saving. It sets
//! the same CSS custom properties the page's head sets for the whole site
//! (`Theme::css_custom_properties`), only on itself; a colour that does not
//! parse, or is refused, leaves the saved one in place, so the preview
//! never shows what cannot be stored.

use leptos::prelude::*;
use pespro::brand::DisplayName;
use pespro::brand::form::parse_brand_colour;

#[component]
pub fn Preview(name: RwSignal<String>, primary: RwSignal<String>, accent: RwSignal<String>) -> impl IntoView {
    // Only colours that passed the rules reach the style attribute.
    let style = move || {
        let mut style = String::new();
        if let Ok(colour) = parse_brand_colour(&primary.get()) {
            style.push_str(&format!("--brand-primary:{colour};--brand-on-primary:{};", colour.readable_text()));
        }
        if let Ok(colour) = parse_brand_colour(&accent.get()) {
            style.push_str(&format!("--brand-accent:{colour};--brand-on-accent:{};", colour.readable_text()));
        }
        style
    };
    let shown_name =
        move || DisplayName::parse(&name.get()).map(|n| n.to_string()).unwrap_or_else(|_| "Your firm".into());
    let initials = move || DisplayName::parse(&name.get()).map(|n| n.initials()).unwrap_or_default();
    view! {
        <section aria-labelledby="preview-title" class="self-start overflow-hidden rounded border border-slate-200 bg-slate-50" style=style data-testid="branding-preview">
            <h2 id="preview-title" class="px-4 pt-3 text-sm font-medium text-slate-600">"Preview"</h2>
            <div class="mt-2 bg-brand text-on-brand" data-testid="preview-header">
                <div class="flex items-center gap-3 px-4 py-3">
                    <span aria-hidden="true" class="flex h-10 w-10 items-center justify-center rounded bg-accent text-sm font-bold text-on-accent">{initials}</span>
                    <span class="text-lg font-semibold tracking-tight">{shown_name}</span>
                    <span class="ml-auto text-sm underline">"My week"</span>
                </div>
                <div class="h-1 bg-accent"></div>
            </div>
            <div class="space-y-4 p-4">
                <span class="inline-block rounded bg-brand px-4 py-2 font-medium text-on-brand" data-testid="preview-button">"Save"</span>
                <table class="w-full border-collapse bg-white text-sm">
                    <thead><tr class="border-b text-left"><th class="p-2">"Client"</th><th class="p-2 text-right">"Hours"</th></tr></thead>
                    <tbody>
                        <tr class="border-b"><td class="p-2">"Northwind Traders"</td><td class="p-2 text-right">"12.5"</td></tr>
                        <tr><td class="p-2">"Contoso Legal"</td><td class="p-2 text-right">"4.0"</td></tr>
                    </tbody>
                </table>
                <div class="rounded bg-white p-3">
                    <p class="border-b-4 border-brand pb-1 text-xl font-semibold">{shown_name}</p>
                    <p class="mt-1 text-sm text-slate-600">"Invoice INV-2026-0042"</p>
                </div>
            </div>
        </section>
    }
}
