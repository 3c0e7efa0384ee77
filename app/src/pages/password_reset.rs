//! Forgotten passwords: ask for an emailed link, then choose a new password
//! with it. Both are forms that work with or without JavaScript.

use crate::api::session::{RequestPasswordReset, ResetPassword};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::person::RESET_LINK_MINUTES;

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";
const BUTTON: &str = "mt-3 w-full rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90";

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let request = ServerAction::<RequestPasswordReset>::new();
    // Asking comes back here with `?sent=1` (see `request_password_reset`),
    // which is all a form posted without JavaScript has to go on.
    let query = use_query_map();
    let sent = move || matches!(request.value().get(), Some(Ok(()))) || query.with(|q| q.get("sent").is_some());
    let error = move || request.value().get().and_then(Result::err).map(|e| e.to_string());
    view! {
        <section class="mx-auto max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
            <h1 class="text-xl font-semibold">"Forgot your password?"</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="mt-2 text-sm text-slate-600">"We'll email you a link to choose a new one."</p>
                    <ActionForm action=request>
                        <label for="reset-email" class="mt-3 block text-sm font-medium text-slate-700">"Email"</label>
                        <input id="reset-email" name="email" type="email" required autocomplete="username" class=INPUT />
                        <p role="alert" class="min-h-5 text-sm text-red-700">{error}</p>
                        <button type="submit" class=BUTTON>"Email me a link"</button>
                    </ActionForm>
                }
            >
                <p role="status" class="mt-3 text-slate-700">
                    {format!(
                        "If an account at this firm uses that email, a link is on its way. It works once, for {RESET_LINK_MINUTES} minutes."
                    )}
                </p>
            </Show>
            <p class="mt-4 text-sm"><a class="text-brand underline" href="/sign-in">"Back to sign in"</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let reset = ServerAction::<ResetPassword>::new();
    let error = move || reset.value().get().and_then(Result::err).map(|e| e.to_string());
    view! {
        <section class="mx-auto max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
            <h1 class="text-xl font-semibold">"Choose a new password"</h1>
            <ActionForm action=reset>
                <input type="hidden" name="token" value=token />
                <label for="new-password" class="mt-3 block text-sm font-medium text-slate-700">"New password"</label>
                <input id="new-password" name="new_password" type="password" required autocomplete="new-password" class=INPUT />
                <p id="reset-error" role="alert" class="min-h-5 text-sm text-red-700">{error}</p>
                <button type="submit" class=BUTTON>"Set password"</button>
            </ActionForm>
        </section>
    }
}
