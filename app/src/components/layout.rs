//! The frame of every firm page: the firm's logo and name on its brand colour,
//! and — when a platform staff member is acting as the signed-in person — a
//! banner that says so on every page, with the way out.

use super::logo::Logo;
use super::navigation::MainNav;
use crate::api::session::SignOut;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use pespro::access::CurrentUser;
use pespro::brand::Theme;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let theme = use_context::<Option<Theme>>().flatten();
    let name = theme.as_ref().map(|t| t.display_name.to_string()).unwrap_or_else(|| "PesPro".into());
    view! {
        <a
            href="#main"
            class="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
            "Skip to content"
        </a>
        <header class="bg-brand text-on-brand shadow">
            <div class="mx-auto flex max-w-5xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-3">
                <div class="flex items-center gap-3">
                    <Logo theme=theme.clone() />
                    <span class="text-lg font-semibold tracking-tight" data-testid="firm-name">
                        {name}
                    </span>
                </div>
                <SignedInAs />
            </div>
            <div class="h-1 bg-accent"></div>
        </header>
        <ImpersonationBanner />
        <main id="main" class="mx-auto max-w-5xl px-4 py-8">
            {children()}
        </main>
    }
}

/// Who is signed in, and the way out. Signing out is a plain form post, like
/// signing in, so the next page starts from a clean slate.
#[component]
fn SignedInAs() -> impl IntoView {
    let user = use_context::<Option<CurrentUser>>().flatten()?;
    let impersonated = user.is_impersonated();
    Some(view! {
        <MainNav user=user.clone() />
        <div class="ml-auto flex flex-wrap items-center gap-3 text-sm">
            <QuickSearch />
            <NoticesLink unread=user.unread_notices />
            <a href="/account" class="hover:underline" data-testid="signed-in-as">
                {user.display_name} <span class="sr-only">" · " {user.role.label()}</span>
            </a>
            // An impersonation ends through the banner's button, which
            // records the end in both audit trails; plain signing out would not.
            {(!impersonated).then(|| view! {
                <form method="post" action={<SignOut as ServerFn>::PATH}>
                    <button type="submit" class="rounded border border-current px-2 py-1 hover:opacity-80">
                        "Sign out"
                    </button>
                </form>
            })}
        </div>
    })
}

/// The way to one's notifications, with how many are unread (counted on
/// the server for every page: `pespro::firm_data`).
#[component]
fn NoticesLink(unread: u32) -> impl IntoView {
    // Read out as "Notifications 2 unread": the visible words and number,
    // in that order, then what the number means.
    let label = (unread > 0).then(|| format!("Notifications {unread} unread"));
    view! {
        <a href="/notifications" class="hover:underline" aria-label=label data-testid="notifications-link">
            "Notifications "
            {(unread > 0).then(|| view! {
                <span class="rounded-full bg-accent px-1.5 text-xs font-semibold text-on-accent" data-testid="unread-count">
                    {unread}
                </span>
            })}
        </a>
    }
}

/// The header's search box: a GET to `/search`, so it works without
/// JavaScript; once hydrated, `/` pressed outside a field puts the cursor
/// in it (as on most sites people know).
#[component]
fn QuickSearch() -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            let typing = document().active_element().is_some_and(|e| {
                matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || e.has_attribute("contenteditable")
            });
            if ev.key() == "/" && !typing && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() {
                if let Some(input) = input.get_untracked() {
                    ev.prevent_default();
                    let _ = input.focus();
                }
            }
        });
        on_cleanup(move || handle.remove());
    });
    view! {
        <form method="get" action="/search" role="search">
            <label for="quick-search" class="sr-only">"Search clients, engagements and people"</label>
            <input id="quick-search" node_ref=input name="q" type="search" autocomplete="off" placeholder="Search  /"
                class="w-32 rounded border border-current bg-transparent px-2 py-1 text-on-brand placeholder:text-current placeholder:opacity-75 focus:w-48" />
        </form>
    }
}

/// Where the banner's button posts: a plain handler of the server's (see
/// `server/src/impersonation.rs`), since it must reach the platform's trail
/// and send the staff member back to the admin host.
pub const END_IMPERSONATION_PATH: &str = "/impersonate/end";

/// Impossible to miss: who is really acting, for whom, until when.
#[component]
fn ImpersonationBanner() -> impl IntoView {
    let user = use_context::<Option<CurrentUser>>().flatten()?;
    let by = user.impersonated_by?;
    Some(view! {
        <div role="alert" class="bg-amber-300 text-slate-900" data-testid="impersonation-banner">
            <div class="mx-auto flex max-w-5xl flex-wrap items-center gap-3 px-4 py-2 text-sm font-medium">
                <span>
                    "You are signed in as " {user.display_name} " by " {by.staff_name} " for support — ends "
                    {by.ends_at}
                </span>
                <form method="post" action=END_IMPERSONATION_PATH class="ml-auto">
                    <button type="submit" class="rounded border border-slate-900 px-2 py-1 hover:bg-amber-200">
                        "End impersonation"
                    </button>
                </form>
            </div>
        </div>
    })
}
