//! Branding (`/settings/branding`), for administrators: the firm's name,
//! its logo (`branding_logo`) and its two colours, each colour's readability shown as it is typed, and a
//! preview of the header, a button, a table and an invoice heading that
//! follows the form before anything is saved. Without JavaScript the form
//! still saves (and a refusal comes back as typed); the next page shows the
//! new look.

use super::branding_icon::IconSection;
use super::branding_logo::LogoSection;
use super::branding_preview::Preview;
use super::invoices::INPUT;
use crate::api::branding::{BrandingData, SaveBranding, load_branding};
use crate::components::guard::require;
use leptos::prelude::*;
use pespro::access::Permission;
use pespro::brand::Theme;
use pespro::brand::form::{Branding, BrandingForm, Readability, parse_brand_colour};
use pespro::colour::{AA_BODY_TEXT, HexColour};

#[component]
pub fn BrandingPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageFirmSettings, "Only the firm's administrators change its branding.")
    {
        return instead;
    }
    let save = ServerAction::<SaveBranding>::new();
    let data = Resource::new(move || save.version().get(), |_| load_branding());
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Branding"</h1>
        <p class="mt-1 text-sm text-slate-600">
            "How your firm looks to its people: on every page, the sign-in page, emails and invoices."
        </p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Editor data save /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Editor(data: BrandingData, save: ServerAction<SaveBranding>) -> impl IntoView {
    let BrandingData { form, saved, logo, icon, initials } = data;
    // Each input also carries its value as an attribute: `prop:` alone is
    // not in the server's HTML, and the page must work before hydration.
    let name = RwSignal::new(form.display_name);
    let primary = RwSignal::new(form.primary);
    let accent = RwSignal::new(form.accent);
    // This page's head and header were drawn before the save: once stored,
    // the new look shows here too, without a reload (every other page
    // loads it from the server).
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            let typed = BrandingForm {
                display_name: name.get_untracked(),
                primary: primary.get_untracked(),
                accent: accent.get_untracked(),
            };
            if let Ok(saved) = typed.check() {
                show_saved_look(saved);
            }
        }
    });
    let problem =
        move |field: &'static str| move || save.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let done = move || save.value().get().and_then(Result::ok).map(|()| "Saved. Every page now shows the new look.");
    let other_error =
        move || save.value().get().and_then(Result::err).filter(|e| !e.is_validation()).map(|e| e.to_string());
    view! {
        <p role="status" data-testid="branding-saved" class="mt-2 min-h-5 text-sm text-green-700">{done}</p>
        <p role="alert" class="min-h-5 text-sm text-red-700">{other_error}</p>
        <div class="mt-2 grid gap-6 lg:grid-cols-2">
            <ActionForm action=save attr:class="grid gap-4 self-start rounded border border-slate-200 bg-white p-4" attr:data-testid="branding-form">
                <div>
                    <label for="display-name" class="block text-sm font-medium text-slate-700">"Firm name"</label>
                    <input id="display-name" name="branding[display_name]" autocomplete="organization" maxlength="80"
                        value=name.get_untracked() prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) class=INPUT />
                    <p class="min-h-5 text-sm text-red-700">{problem("display_name")}</p>
                </div>
                <ColourField id="primary" label="Brand colour" help="The header and buttons." value=primary />
                <ColourField id="accent" label="Accent colour" help="The stripe under the header and the monogram." value=accent />
                <div class="flex gap-3">
                    <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Save branding"</button>
                    <button type="button" class="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100"
                        on:click=move |_| { name.set(saved.display_name.clone()); primary.set(saved.primary.clone()); accent.set(saved.accent.clone()); }>
                        "Undo changes"
                    </button>
                </div>
            </ActionForm>
            <Preview name primary accent />
        </div>
        <LogoSection logo=logo.clone() initials />
        <IconSection icon logo />
    }
}

/// Puts the saved colours into the page's own `<style id="brand">` (the
/// shell's, outside this component) and the name into its header.
fn show_saved_look(saved: Branding) {
    let theme = Theme { display_name: saved.display_name, primary: saved.primary, accent: saved.accent, logo: None };
    let page = document();
    if let Some(style) = page.get_element_by_id("brand") {
        style.set_text_content(Some(&theme.css_custom_properties()));
    }
    if let Ok(Some(header_name)) = page.query_selector("[data-testid=firm-name]") {
        header_name.set_text_content(Some(theme.display_name.as_str()));
    }
}

/// A colour typed as `#rrggbb`, a picker once the page is interactive (a
/// picker without JavaScript would change nothing that is sent), and what
/// text on the colour will read like — or why it is refused and the
/// nearest colour that is not, one click away. The server's refusal is the
/// same rule on the same text (a refused form comes back as typed), so this
/// line is where it shows, with or without JavaScript.
#[component]
fn ColourField(id: &'static str, label: &'static str, help: &'static str, value: RwSignal<String>) -> impl IntoView {
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    let checked = move || parse_brand_colour(&value.get());
    let suggestion = move || {
        HexColour::parse(&value.get())
            .ok()
            .filter(|c| !Readability::of(*c).passes())
            .map(|c| c.nearest_with_text_contrast(AA_BODY_TEXT).to_string())
    };
    let help_id = format!("{id}-help");
    view! {
        <div>
            <label for=id class="block text-sm font-medium text-slate-700">{label}</label>
            <div class="mt-1 flex items-center gap-2">
                <input id=id name=format!("branding[{id}]") autocomplete="off" spellcheck="false" aria-describedby=help_id.clone()
                    value=value.get_untracked() prop:value=value on:input=move |ev| value.set(event_target_value(&ev))
                    class="w-32 rounded border border-slate-300 px-3 py-2 font-mono focus:outline-2 focus:outline-brand" />
                <Show when=move || interactive.get()>
                    <input type="color" aria-label=format!("Pick the {}", label.to_lowercase())
                        prop:value=move || checked().map(|c| c.to_string()).unwrap_or_else(|_| "#000000".into())
                        on:input=move |ev| value.set(event_target_value(&ev))
                        class="h-10 w-12 cursor-pointer rounded border border-slate-300" />
                </Show>
            </div>
            <p id=help_id class="text-xs text-slate-500">{help}</p>
            <p data-testid=format!("{id}-readability") class="min-h-5 text-sm" aria-live="polite">
                {move || match checked() {
                    Ok(colour) => view! { <span class="text-green-800">"Readable: " {Readability::of(colour).describe()} " (at least 4.5:1 needed)"</span> }.into_any(),
                    Err(problem) => view! { <span class="text-red-700">{problem}</span> }.into_any(),
                }}
            </p>
            {move || suggestion().map(|colour| view! {
                <button type="button" class="mt-1 rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100"
                    on:click={let colour = colour.clone(); move |_| value.set(colour.clone())}>
                    "Use " <span class="font-mono">{colour.clone()}</span>
                </button>
            })}
        </div>
    }
}
