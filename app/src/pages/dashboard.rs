//! The firm's home: its clients and their engagements, a filter that narrows
//! the list as you type (or on Enter, without JavaScript), and a form to add
//! a client that works with or without JavaScript.

use crate::api::clients::{CreateClient, list_clients};
use crate::components::guard::require;
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::client_name::ClientName;
use pespro::overview::ClientOverview;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let user = match require(Permission::ViewPractice, "You can't see this firm's clients.") {
        Ok(user) => user,
        Err(instead) => return instead,
    };
    let create = ServerAction::<CreateClient>::new();
    let clients = Resource::new(move || create.version().get(), |_| list_clients());
    let initial_filter = use_query_map().with_untracked(|q| q.get("q").unwrap_or_default());
    let filter = RwSignal::new(initial_filter);

    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Clients & engagements"</h1>
        <FilterBox filter />
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading clients…"</p> }>
            {move || Suspend::new(async move {
                match clients.await {
                    Ok(list) => view! { <ClientList clients=list filter /> }.into_any(),
                    Err(error) => view! {
                        <p role="alert" class="mt-4 text-red-700">{error.to_string()}</p>
                    }
                    .into_any(),
                }
            })}
        </Transition>
        // The server refuses anyone else; hiding the form just spares them the error.
        {user.may(Permission::ManageClients).then(|| view! { <NewClientForm action=create /> })}
    }
    .into_any()
}

/// A plain GET form: typing filters instantly once hydrated; before that (or
/// without JavaScript) Enter reloads the page with `?q=`, filtered on the server.
#[component]
fn FilterBox(filter: RwSignal<String>) -> impl IntoView {
    view! {
        <form method="get" role="search" class="mt-6 flex items-end gap-2">
            <div class="grow">
                <label for="filter" class="block text-sm font-medium text-slate-700">
                    "Filter"
                </label>
                <input
                    id="filter"
                    name="q"
                    type="search"
                    placeholder="Client, engagement code or name"
                    autocomplete="off"
                    class="mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand"
                    value=filter.get_untracked()
                    prop:value=filter
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100">
                "Filter"
            </button>
        </form>
    }
}

#[component]
fn ClientList(clients: Vec<ClientOverview>, filter: RwSignal<String>) -> impl IntoView {
    let total = clients.len();
    let all = StoredValue::new(clients);
    let visible = Memo::new(move |_| {
        let needle = filter.get();
        all.with_value(|list| list.iter().filter(|c| c.matches(&needle)).cloned().collect::<Vec<_>>())
    });
    if total == 0 {
        return view! {
            <p class="mt-6 rounded border border-dashed border-slate-300 p-6 text-slate-600" data-testid="empty-state">
                "No clients yet. Add your first client below."
            </p>
        }
        .into_any();
    }
    view! {
        <p class="mt-4 text-sm text-slate-600" aria-live="polite" data-testid="client-count">
            {move || match visible.read().len() {
                shown if shown == total => format!("{total} clients"),
                shown => format!("Showing {shown} of {total} clients"),
            }}
        </p>
        <Show when=move || visible.read().is_empty()>
            <p class="mt-4 text-slate-600">"No client or engagement matches “" {filter} "”."</p>
        </Show>
        <ul class="mt-2 grid gap-3 sm:grid-cols-2" data-testid="client-list">
            <For each=move || visible.get() key=|client| client.client_id let:client>
                <ClientCard client />
            </For>
        </ul>
    }
    .into_any()
}

#[component]
fn ClientCard(client: ClientOverview) -> impl IntoView {
    let empty = client.engagements.is_empty();
    view! {
        <li class="rounded border border-slate-200 bg-white p-4 shadow-sm">
            <h2 class="font-semibold text-brand">
                <a href=format!("/clients/{}", client.client_id) class="hover:underline">{client.name}</a>
            </h2>
            <Show when=move || empty>
                <p class="mt-1 text-sm text-slate-500">"No engagements yet."</p>
            </Show>
            <ul class="mt-2 space-y-1 text-sm">
                {client
                    .engagements
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li class="flex gap-2">
                                <span class="font-mono text-xs rounded bg-slate-100 px-1.5 py-0.5">{e.code}</span>
                                <a href=format!("/engagements/{}", e.engagement_id) class="hover:underline">{e.name}</a>
                                {(!e.active).then(|| view! { <span class="text-slate-400">"(closed)"</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </li>
    }
}

#[component]
fn NewClientForm(action: ServerAction<CreateClient>) -> impl IntoView {
    let input = NodeRef::<Input>::new();
    // The same rule the server applies, run as the user types.
    let typed_error = RwSignal::new(None::<String>);
    let result = action.value();
    let error = move || {
        typed_error.get().or_else(|| {
            result.get().and_then(Result::err).map(|e| e.for_field("name").unwrap_or_else(|| e.to_string()))
        })
    };
    let added = move || result.get().and_then(Result::ok);
    // Clear the field only on success, so a rejected name is never lost.
    Effect::new(move |_| {
        if let (Some(Ok(_)), Some(field)) = (result.get(), input.get()) {
            field.set_value("");
        }
    });

    view! {
        <section aria-labelledby="new-client-heading" class="mt-10 rounded border border-slate-200 bg-white p-4">
            <h2 id="new-client-heading" class="font-semibold">"Add a client"</h2>
            <ActionForm action>
                <label for="client-name" class="mt-2 block text-sm font-medium text-slate-700">
                    "Client name"
                </label>
                <div class="mt-1 flex gap-2">
                    <input
                        id="client-name"
                        name="name"
                        node_ref=input
                        required
                        maxlength="120"
                        autocomplete="off"
                        aria-describedby="client-name-error"
                        aria-invalid=move || error().is_some().to_string()
                        class="grow rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand"
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            let problem = (!value.is_empty()).then(|| ClientName::parse(&value).err()).flatten();
                            typed_error.set(problem.map(|e| e.to_string()));
                            result.set(None);
                        }
                    />
                    <button
                        type="submit"
                        class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90 disabled:opacity-50"
                        disabled=move || action.pending().get()
                    >
                        {move || if action.pending().get() { "Adding…" } else { "Add client" }}
                    </button>
                </div>
                <p id="client-name-error" role="alert" class="mt-1 min-h-5 text-sm text-red-700">
                    {error}
                </p>
                <p role="status" class="text-sm text-green-700">
                    {move || added().map(|name| format!("Added “{name}”."))}
                </p>
            </ActionForm>
        </section>
    }
}
