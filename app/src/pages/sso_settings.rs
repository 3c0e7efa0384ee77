//! Single sign-on settings, for a firm's admins: connect the firm's OpenID
//! Connect provider. The page shows the callback to register at the
//! provider; the client secret is write-only (never shown again). Fields
//! are checked as they are typed by the same rules the server applies; the
//! form also works as a plain post without JavaScript.

use crate::api::sso::{SaveSsoSettings, SsoSettingsView, load_sso_settings};
use crate::components::guard::require;
use leptos::prelude::*;
use pespro::access::{Permission, Role};
use pespro::sso_settings::{check_allowed_domains, check_client_id, check_issuer_url, check_provider_name};

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";

#[component]
pub fn SsoSettingsPage() -> impl IntoView {
    if let Err(refusal) = require(Permission::ManageSso, "Only administrators can change sign-in settings.") {
        return refusal;
    }
    let save = ServerAction::<SaveSsoSettings>::new();
    let settings = Resource::new(move || save.version().get(), |_| load_sso_settings());
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Single sign-on"</h1>
        <p class="mt-1 max-w-2xl text-slate-600">
            "Let people sign in with your firm's identity provider (any OpenID Connect provider: Okta, Microsoft Entra ID, Google Workspace, Keycloak…)."
        </p>
        <Suspense fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || settings.get().map(|loaded| match loaded {
                Ok(view) => view! { <SsoForm view save /> }.into_any(),
                Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
            })}
        </Suspense>
    }
    .into_any()
}

/// A text field whose rule runs as you type (after hydration) and whose
/// server message shows when a save is refused.
#[component]
fn Field(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] kind: &'static str,
    check: fn(&str) -> Option<String>,
    server_error: Signal<Option<String>>,
) -> impl IntoView {
    let typed_error = RwSignal::new(None::<String>);
    let error = move || typed_error.get().or_else(|| server_error.get());
    let id = format!("sso-{name}");
    view! {
        <div>
            <label for=id.clone() class="block text-sm font-medium text-slate-700">{label}</label>
            <input
                id=id.clone()
                name=format!("form[{name}]")
                type=if kind.is_empty() { "text" } else { kind }
                value=value
                autocomplete="off"
                class=INPUT
                on:input=move |ev| typed_error.set(check(&event_target_value(&ev)))
            />
            {(!hint.is_empty()).then(|| view! { <p class="mt-1 text-xs text-slate-500">{hint}</p> })}
            <p id=format!("{id}-error") class="min-h-5 text-sm text-red-700">{error}</p>
        </div>
    }
}

#[component]
fn SsoForm(view: SsoSettingsView, save: ServerAction<SaveSsoSettings>) -> impl IntoView {
    let result = save.value();
    let server_error = move |field: &'static str| {
        Signal::derive(move || result.get().and_then(Result::err).and_then(|e| e.for_field(field)))
    };
    let fields = [
        "provider_name",
        "issuer_url",
        "client_id",
        "client_secret",
        "allowed_domains",
        "default_role",
        "break_glass_email",
    ];
    let other_error = move || {
        result
            .get()
            .and_then(Result::err)
            .filter(|e| fields.iter().all(|f| e.for_field(f).is_none()))
            .map(|e| e.to_string())
    };
    let saved = move || result.get().and_then(Result::ok).map(|_| "Saved. People can now sign in with your provider.");
    let roles = Role::ALL
        .into_iter()
        .map(|r| view! { <option value=r.as_str() selected=r.as_str() == view.default_role>{r.label()}</option> })
        .collect_view();
    let secret_hint =
        if view.secret_stored { "A secret is stored. Leave blank to keep it." } else { "Shown once by your provider." };
    view! {
        <section class="mt-4 max-w-2xl rounded border border-slate-200 bg-white p-4">
            <h2 class="font-semibold">"Register PesPro at your provider"</h2>
            <p class="mt-1 text-sm text-slate-600">"Create a web application (confidential client, authorization code flow) with this redirect URI:"</p>
            <code data-testid="redirect-uri" class="mt-2 block rounded bg-slate-100 px-3 py-2 text-sm break-all">{view.redirect_uri.clone()}</code>
        </section>
        <ActionForm action=save attr:class="mt-4 max-w-2xl space-y-2 rounded border border-slate-200 bg-white p-4">
            <Field name="provider_name" label="Provider name" value=view.provider_name.clone()
                hint="Shown on the sign-in button: “Sign in with …”"
                check=|v| check_provider_name(v).err().map(|p| p.message) server_error=server_error("provider_name") />
            <Field name="issuer_url" label="Issuer URL" value=view.issuer_url.clone() kind="url"
                check=|v| check_issuer_url(v).err().map(|p| p.message) server_error=server_error("issuer_url") />
            <Field name="client_id" label="Client ID" value=view.client_id.clone()
                check=|v| check_client_id(v).err().map(|p| p.message) server_error=server_error("client_id") />
            <Field name="client_secret" label="Client secret" value=String::new() kind="password" hint=secret_hint
                check=|_| None server_error=server_error("client_secret") />
            <Field name="allowed_domains" label="Allowed email domains" value=view.allowed_domains.clone()
                hint="Comma-separated. Only verified addresses in these domains may sign in."
                check=|v| check_allowed_domains(v).err().map(|p| p.message) server_error=server_error("allowed_domains") />
            <div>
                <label for="sso-default_role" class="block text-sm font-medium text-slate-700">"Role for new people"</label>
                <select id="sso-default_role" name="form[default_role]" class=INPUT>{roles}</select>
                <p class="mt-1 text-xs text-slate-500">"People signing in for the first time are added with this role."</p>
            </div>
            <label class="flex items-center gap-2 pt-2">
                <input type="checkbox" name="form[require_sso]" value="true" checked=view.require_sso />
                <span class="text-sm font-medium text-slate-700">"Require single sign-on (password sign-in refused)"</span>
            </label>
            <Field name="break_glass_email" label="Break-glass admin" value=view.break_glass_email.clone() kind="email"
                hint="One admin who may still sign in with a password if the provider is down. Required when SSO is required."
                check=|_| None server_error=server_error("break_glass_email") />
            <p role="alert" class="min-h-5 text-sm text-red-700">{other_error}</p>
            <p role="status" class="text-sm text-green-700">{saved}</p>
            <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                {move || if save.pending().get() { "Checking the provider…" } else { "Save settings" }}
            </button>
        </ActionForm>
    }
}
