//! The signed-in person's own account: their name, their time zone, how
//! notifications reach them by email, and their password.

use super::account_choices::{EmailChoiceForm, TimeZoneForm};
use crate::api::profile::ChangeMyName;
use crate::api::session::ChangePassword;
use crate::components::guard::require;
use crate::components::saved_form::cleared_when_saved;
use leptos::prelude::*;
use pespro::access::Permission;
use pespro::person::check_new_password;

#[component]
pub fn AccountPage() -> impl IntoView {
    let me = match require(Permission::ViewPractice, "Sign in to see your account.") {
        Ok(me) => me,
        Err(instead) => return instead,
    };
    let change = ServerAction::<ChangePassword>::new();
    // The rule the server applies, as the new password is typed.
    let typed_error = RwSignal::new(None::<String>);
    let result = change.value();
    let form = cleared_when_saved(move || change.version().get(), move || matches!(result.get(), Some(Ok(()))));
    let refused = move || result.get().and_then(Result::err);
    // Anything not about the new password is shown by the current one.
    let current_error = move || {
        refused()
            .filter(|e| e.for_field("new_password").is_none())
            .map(|e| e.for_field("current_password").unwrap_or_else(|| e.to_string()))
    };
    let new_error = move || typed_error.get().or_else(|| refused().and_then(|e| e.for_field("new_password")));
    let impersonated = me.is_impersonated();
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Your account"</h1>
        <p class="mt-1 text-slate-600">{me.display_name.clone()} " · " {me.email.clone()}</p>
        <NameForm name=me.display_name.clone() impersonated />
        <TimeZoneForm impersonated />
        <EmailChoiceForm impersonated />
        <section aria-labelledby="password-heading" class="mt-6 max-w-md rounded border border-slate-200 bg-white p-4">
            <h2 id="password-heading" class="font-semibold">"Change your password"</h2>
            <ActionForm action=change node_ref=form>
                <label for="current-password" class="mt-3 block text-sm font-medium text-slate-700">"Current password"</label>
                <input id="current-password" name="current_password" type="password" required autocomplete="current-password"
                    class="mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand" />
                <p id="current-password-error" role="alert" class="min-h-5 text-sm text-red-700">{current_error}</p>
                <label for="new-password" class="mt-2 block text-sm font-medium text-slate-700">"New password"</label>
                <input id="new-password" name="new_password" type="password" required autocomplete="new-password"
                    aria-describedby="new-password-error"
                    class="mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand"
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        typed_error.set((!value.is_empty()).then(|| check_new_password(&value).err()).flatten().map(|e| e.to_string()));
                    } />
                <p id="new-password-error" role="alert" class="min-h-5 text-sm text-red-700">{new_error}</p>
                <button type="submit" class="mt-2 rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    "Change password"
                </button>
                <p role="status" class="mt-2 text-sm text-green-700">
                    {move || matches!(result.get(), Some(Ok(()))).then_some("Your password was changed. You stay signed in here; other devices were signed out.")}
                </p>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// The name the firm shows for them, changed by themselves.
#[component]
fn NameForm(name: String, impersonated: bool) -> impl IntoView {
    let rename = ServerAction::<ChangeMyName>::new();
    // The header's name comes from the server: once saved, load the page
    // afresh (without JavaScript the browser does so by itself).
    crate::components::saved_form::on_new_answer(
        move || rename.version().get(),
        move || {
            if matches!(rename.value().get_untracked(), Some(Ok(()))) {
                let _ = window().location().set_href("/account?renamed=1");
            }
        },
    );
    let query = leptos_router::hooks::use_query_map();
    let renamed = move || query.with(|q| q.get("renamed").is_some()).then_some("Your name was changed.");
    let refused = move || {
        rename.value().get().and_then(Result::err).map(|e| e.for_field("display_name").unwrap_or_else(|| e.to_string()))
    };
    view! {
        <section aria-labelledby="name-heading" class="mt-6 max-w-md rounded border border-slate-200 bg-white p-4">
            <h2 id="name-heading" class="font-semibold">"Your name"</h2>
            <ActionForm action=rename>
                <label for="display-name" class="mt-3 block text-sm font-medium text-slate-700">"Name as the firm shows it"</label>
                <input id="display-name" name="display_name" value=name required autocomplete="name" disabled=impersonated
                    aria-describedby="display-name-error"
                    class="mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand" />
                <p id="display-name-error" role="alert" class="min-h-5 text-sm text-red-700">{refused}</p>
                <button type="submit" disabled=impersonated class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    "Change name"
                </button>
                <p role="status" class="mt-2 min-h-5 text-sm text-green-700">{renamed}</p>
            </ActionForm>
        </section>
    }
}
