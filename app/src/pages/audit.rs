//! The audit log page: who did what, when, from where — newest first, fifty
//! to a page, paged with plain links so it works without JavaScript.

use crate::api::audit::load_audit_log;
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::audit::AuditPage as Page;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ReadAuditLog, "Only the firm's administrators can read the audit log.") {
        return instead;
    }
    let query = use_query_map();
    let older_than = Memo::new(move |_| query.read().get("older_than").and_then(|v| v.parse::<i64>().ok()));
    let page = Resource::new(move || older_than.get(), load_audit_log);
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Audit log"</h1>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <EventTable page first=older_than.get_untracked().is_none() /> }.into_any(),
                    Err(error) => view! { <p role="alert" class="mt-4 text-red-700">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn EventTable(page: Page, first: bool) -> impl IntoView {
    if page.events.is_empty() {
        return view! { <p class="mt-6 text-slate-600" data-testid="audit-empty">"Nothing recorded yet."</p> }
            .into_any();
    }
    let rows = page
        .events
        .into_iter()
        .map(|event| {
            view! {
                <tr class="border-t border-slate-200">
                    <td class="py-2 pr-4 font-mono text-xs">{event.occurred_at}</td>
                    <td class="py-2 pr-4">{event.actor}</td>
                    <td class="py-2 pr-4">
                        {event.action.label()}
                        {(!event.subject.is_empty()).then(|| format!(": {}", event.subject))}
                        {(!event.detail.is_empty()).then(|| format!(" ({})", event.detail))}
                    </td>
                    <td class="py-2 font-mono text-xs">{event.client_address.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="mt-6 w-full text-left text-sm" data-testid="audit-events">
            <thead>
                <tr class="text-slate-600">
                    <th scope="col" class="py-2 pr-4 font-medium">"When (UTC)"</th>
                    <th scope="col" class="py-2 pr-4 font-medium">"Who"</th>
                    <th scope="col" class="py-2 pr-4 font-medium">"What"</th>
                    <th scope="col" class="py-2 font-medium">"From"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <nav class="mt-4 flex gap-4 text-sm" aria-label="Audit log pages">
            {(!first).then(|| view! { <a class="text-brand underline" href="/audit">"Newest"</a> })}
            {page.older_than.map(|id| view! {
                <a class="text-brand underline" href=format!("/audit?older_than={id}")>"Older events"</a>
            })}
        </nav>
    }
    .into_any()
}
