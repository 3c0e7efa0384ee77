//! The audit log page: who did what, when, from where — newest first, fifty
//! to a page, narrowed by person, action and dates, and downloadable as
//! CSV. The filter is a GET form and paging plain links, so it all works
//! without JavaScript and every view has an address to share.

use crate::api::audit::load_audit_log;
use crate::components::guard::require;
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::audit::{AuditAction, AuditFilter, AuditPage as Page};

/// Where the filtered trail downloads as CSV (served by the server crate).
pub const AUDIT_CSV_PATH: &str = "/audit/export.csv";

const INPUT: &str = "mt-1 block rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";

#[component]
pub fn AuditLogPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ReadAuditLog, "Only the firm's administrators can read the audit log.") {
        return instead;
    }
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|q| {
            let older_than = q.get("older_than").and_then(|v| v.parse::<i64>().ok());
            (older_than, q.get("who"), q.get("action"), q.get("from"), q.get("to"))
        })
    });
    let page = Resource::new(
        move || asked.get(),
        |(older_than, who, action, from, to)| load_audit_log(older_than, who, action, from, to),
    );
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Audit log"</h1>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let first = asked.get_untracked().0.is_none();
                        let zone = page.time_zone.clone();
                        view! {
                            <p class="mt-1 text-sm text-slate-600" data-testid="audit-zone">
                                "Times are in " {zone} " (" <a href="/account" class="text-brand underline">"your time zone"</a> ")."
                            </p>
                            <FilterForm filter=page.filter.clone() />
                            <EventTable page first />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <p role="alert" class="mt-4 text-red-700">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn FilterForm(filter: AuditFilter) -> impl IntoView {
    let chosen = filter.action;
    let actions = AuditAction::ALL
        .into_iter()
        .map(|a| view! { <option value=a.as_str() selected=Some(a) == chosen>{a.label()}</option> })
        .collect_view();
    let csv = match filter.to_query().as_str() {
        "" => AUDIT_CSV_PATH.to_owned(),
        query => format!("{AUDIT_CSV_PATH}?{query}"),
    };
    view! {
        <form method="get" action="/audit" class="mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" data-testid="audit-filter">
            <label class="text-sm">"Person or subject"
                <input name="who" value=filter.who.unwrap_or_default() placeholder="email or name" class=INPUT />
            </label>
            // Actions' names are long: the list narrows to a phone's width.
            <label class="max-w-full text-sm">"Action"
                <select name="action" class=format!("{INPUT} max-w-full")>
                    <option value="">"Any action"</option>
                    {actions}
                </select>
            </label>
            <label class="text-sm">"From"
                <input name="from" type="date" value=filter.from.map(|d| d.to_string()).unwrap_or_default() class=INPUT />
            </label>
            <label class="text-sm">"To"
                <input name="to" type="date" value=filter.to.map(|d| d.to_string()).unwrap_or_default() class=INPUT />
            </label>
            <button type="submit" class="rounded bg-brand px-3 py-1.5 font-medium text-on-brand hover:opacity-90">"Show"</button>
            <a class="py-1.5 text-sm text-brand underline" href="/audit">"Clear"</a>
            <a class="ml-auto py-1.5 text-sm text-brand underline" href=csv rel="external" download>"Download CSV"</a>
        </form>
    }
}

#[component]
fn EventTable(page: Page, first: bool) -> impl IntoView {
    if page.events.is_empty() {
        let said = if page.filter == AuditFilter::default() {
            "Nothing recorded yet."
        } else {
            "Nothing matches this filter."
        };
        return view! { <p class="mt-6 text-slate-600" data-testid="audit-empty">{said}</p> }.into_any();
    }
    let query = page.filter.to_query();
    let rows = page
        .events
        .into_iter()
        .map(|event| {
            view! {
                <tr class="border-t border-slate-200">
                    <td class="whitespace-nowrap py-2 pr-4" title=event.occurred_at>{event.when}</td>
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
    let newest = if query.is_empty() { "/audit".to_owned() } else { format!("/audit?{query}") };
    let older = move |id: i64| match query.as_str() {
        "" => format!("/audit?older_than={id}"),
        query => format!("/audit?{query}&older_than={id}"),
    };
    view! {
        <ScrollRegion label="Audit events">
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
        </ScrollRegion>
        <nav class="mt-4 flex gap-4 text-sm" aria-label="Audit log pages">
            {(!first).then(|| view! { <a class="text-brand underline" href=newest>"Newest"</a> })}
            {page.older_than.map(|id| view! {
                <a class="text-brand underline" href=older(id)>"Older events"</a>
            })}
        </nav>
    }
    .into_any()
}
