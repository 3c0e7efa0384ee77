//! A person's notifications (`/notifications`): newest first, unread ones
//! marked, each opened through a plain form post that marks it read and
//! goes where it points; "Mark all as read" likewise. Plain posts reload
//! the page, so the header's unread count is right afterwards, with or
//! without JavaScript.

use crate::api::notices::{MarkNoticesRead, OpenNotice, load_notices};
use crate::components::guard::require;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::notice::Notice;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let me = match require(Permission::ViewPractice, "Sign in to see your notifications.") {
        Ok(me) => me,
        Err(instead) => return instead,
    };
    let query = use_query_map();
    let marked = move || {
        query.with(|q| q.get("marked")).and_then(|n| n.parse::<u64>().ok()).map(|n| match n {
            0 => "Nothing was unread.".to_owned(),
            1 => "Marked 1 notification as read.".to_owned(),
            n => format!("Marked {n} notifications as read."),
        })
    };
    let notices = Resource::new(|| (), |_| load_notices());
    let unread = me.unread_notices;
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-3">
            <h1 class="text-2xl font-semibold tracking-tight">"Notifications"</h1>
            {(unread > 0 && !me.is_impersonated()).then(|| view! {
                <form method="post" action={<MarkNoticesRead as ServerFn>::PATH}>
                    <button type="submit" class="rounded border border-brand px-3 py-1 text-sm text-brand hover:bg-slate-50">
                        "Mark all as read"
                    </button>
                </form>
            })}
        </div>
        <p class="mt-1 text-sm text-slate-600">
            "What waits for you and what happened to what you sent. How they reach you by email is on "
            <a href="/account" class="text-brand underline">"your account page"</a> "."
        </p>
        <p role="status" class="mt-2 min-h-5 text-sm text-green-700">{marked}</p>
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match notices.await {
                    Ok(list) if list.is_empty() => view! { <Empty /> }.into_any(),
                    Ok(list) => view! {
                        <ul class="mt-2 divide-y divide-slate-200 rounded border border-slate-200 bg-white" data-testid="notices">
                            {list.into_iter().map(|notice| view! { <NoticeLine notice /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn NoticeLine(notice: Notice) -> impl IntoView {
    let sentence = notice.sentence();
    let (weight, state) = if notice.read { ("", "") } else { ("font-semibold", "New") };
    view! {
        <li class="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" data-testid="notice" data-read=notice.read.to_string()>
            {(!notice.read).then(|| view! {
                <span class="rounded bg-accent px-1.5 text-xs font-medium text-on-accent">{state}</span>
            })}
            <span class=format!("min-w-0 flex-1 {weight}")>{sentence}</span>
            <span class="text-xs text-slate-600">{notice.at}</span>
            <form method="post" action={<OpenNotice as ServerFn>::PATH}>
                <input type="hidden" name="notification_id" value=notice.notification_id.to_string() />
                <button type="submit" class="text-sm text-brand underline">"Open"</button>
            </form>
        </li>
    }
}

#[component]
fn Empty() -> impl IntoView {
    view! {
        <p class="mt-2 rounded border border-dashed border-slate-300 p-4 text-slate-600" data-testid="no-notices">
            "Nothing yet. You will be told here when a week or an expense waits for your approval, when yours is "
            "approved or sent back, and when someone you invited joins."
        </p>
    }
}
