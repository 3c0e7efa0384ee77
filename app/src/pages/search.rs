//! The quick search's results page (`/search?q=…`): clients, engagements
//! and — for those who manage people — people whose name, code or email
//! contains what was typed. The box in the header (or `/` pressed anywhere
//! outside a field) leads here with a plain GET, so it works without
//! JavaScript; once hydrated, this page's own box answers as it is typed.

use crate::api::search::quick_search;
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::search::Found;

#[component]
pub fn SearchPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ViewPractice, "Sign in to search the firm's clients and engagements.") {
        return instead;
    }
    let first = use_query_map().with_untracked(|q| q.get("q")).unwrap_or_default();
    let typed = RwSignal::new(first.clone());
    let found = Resource::new(move || typed.get(), quick_search);
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Search"</h1>
        <form method="get" action="/search" role="search" class="mt-4 flex gap-2">
            <label for="search-page-q" class="sr-only">"Search clients, engagements and people"</label>
            <input id="search-page-q" name="q" type="search" value=first autocomplete="off"
                placeholder="A client's or engagement's name or code"
                class="w-full max-w-xl rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand"
                on:input=move |ev| typed.set(event_target_value(&ev)) />
            <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Search"</button>
        </form>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Searching…"</p> }>
            {move || Suspend::new(async move {
                match found.await {
                    Ok(found) => view! { <Results found /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Results(found: Found) -> impl IntoView {
    if found.looked_for.is_empty() {
        return view! { <p class="mt-4 text-slate-600">"Type part of a client's or engagement's name or code."</p> }
            .into_any();
    }
    if found.is_empty() {
        let said = format!("Nothing found for \u{201c}{}\u{201d}.", found.looked_for);
        return view! { <p class="mt-4 text-slate-600" data-testid="search-nothing">{said}</p> }.into_any();
    }
    let Found { clients, engagements, people, .. } = found;
    let section = |title: &'static str, items: AnyView, shown: bool| {
        shown.then(|| {
            view! {
                <section class="mt-6">
                    <h2 class="font-semibold">{title}</h2>
                    <ul class="mt-1 space-y-1">{items}</ul>
                </section>
            }
        })
    };
    let (has_clients, has_engagements, has_people) = (!clients.is_empty(), !engagements.is_empty(), !people.is_empty());
    let clients = clients
        .into_iter()
        .map(|c| {
            view! {
                <li><a class="text-brand underline" href=format!("/clients/{}", c.client_id)>{c.name}</a>
                    {c.archived.then_some(" (archived)")}</li>
            }
        })
        .collect_view()
        .into_any();
    let engagements = engagements
        .into_iter()
        .map(|e| {
            view! {
                <li><a class="text-brand underline" href=format!("/engagements/{}", e.engagement_id)>{format!("{} {}", e.code, e.name)}</a>
                    <span class="text-slate-600">{format!(" · {}", e.client_name)}</span></li>
            }
        })
        .collect_view()
        .into_any();
    let people = people
        .into_iter()
        .map(|p| view! { <li><a class="text-brand underline" href="/people">{p.display_name}</a> <span class="text-slate-600">{p.email}</span></li> })
        .collect_view()
        .into_any();
    view! {
        <div data-testid="search-results">
            {section("Clients", clients, has_clients)}
            {section("Engagements", engagements, has_engagements)}
            {section("People", people, has_people)}
        </div>
    }
    .into_any()
}
