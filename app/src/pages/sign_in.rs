//! Signing in with email and password. A plain form post: success and
//! failure are both full page loads, so the page (and every other page's
//! idea of who is signed in) starts fresh either way, JavaScript or not.
//! A firm with its own identity provider also gets a "Sign in with …"
//! link; a failed single sign-on comes back here as `?sso=<code>`.

use crate::api::session::SignIn;
use crate::api::sso::sso_provider;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;
use pespro::access::CurrentUser;
use pespro::sso_settings::SsoProblem;

#[component]
pub fn SignInPage() -> impl IntoView {
    if use_context::<Option<CurrentUser>>().flatten().is_some() {
        return view! { <Redirect path="/" /> }.into_any();
    }
    // Reads a refused attempt's message back from the URL after the redirect.
    let attempt = ServerAction::<SignIn>::new();
    let error = move || attempt.value().get().and_then(Result::err).map(|e| e.to_string());
    let was_reset = use_query_map().with_untracked(|q| q.get("reset").as_deref() == Some("done"));
    // Only known codes become text: nothing from the URL is shown as is.
    let sso_problem = use_query_map()
        .with_untracked(|q| q.get("sso").as_deref().and_then(SsoProblem::from_code))
        .map(SsoProblem::message);
    let provider = Resource::new(|| (), |_| sso_provider());
    view! {
        <section class="mx-auto max-w-sm rounded border border-slate-200 bg-white p-6 shadow-sm">
            <h1 class="text-xl font-semibold">"Sign in"</h1>
            {was_reset.then(|| view! {
                <p role="status" class="mt-2 text-sm text-green-700">"Your new password is set. Sign in with it."</p>
            })}
            {sso_problem.map(|message| view! {
                <p id="sso-error" role="alert" class="mt-2 text-sm text-red-700">{message}</p>
            })}
            <Suspense fallback=|| ()>
                {move || provider.get().and_then(Result::ok).flatten().map(|name| view! {
                    // rel=external: a full page load to the server's route,
                    // not a client-side navigation.
                    <a
                        href="/sso/start"
                        rel="external"
                        class="mt-4 block w-full rounded border border-brand px-4 py-2 text-center font-medium text-brand hover:bg-slate-50"
                    >
                        {format!("Sign in with {name}")}
                    </a>
                    <p class="mt-3 text-center text-xs uppercase tracking-wide text-slate-500">"or with your password"</p>
                })}
            </Suspense>
            <form method="post" action={<SignIn as ServerFn>::PATH} class="mt-4 space-y-3">
                <div>
                    <label for="email" class="block text-sm font-medium text-slate-700">"Email"</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        required
                        autocomplete="username"
                        class="mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand"
                    />
                </div>
                <div>
                    <label for="password" class="block text-sm font-medium text-slate-700">"Password"</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        required
                        autocomplete="current-password"
                        class="mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand"
                    />
                </div>
                <p id="sign-in-error" role="alert" class="min-h-5 text-sm text-red-700">{error}</p>
                <button type="submit" class="w-full rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    "Sign in"
                </button>
            </form>
            <p class="mt-4 text-sm"><a class="text-brand underline" href="/forgot-password">"Forgot your password?"</a></p>
        </section>
    }
    .into_any()
}
