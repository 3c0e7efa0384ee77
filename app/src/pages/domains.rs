//! Custom domains (`/settings/domains`), for administrators: the firm's own
//! addresses, each with the DNS records that prove and point it, what the
//! last check found, and "Check now" (the background check looks again on
//! its own, less and less often). Every form works without JavaScript.
//! One domain's row is `domains_row`.

use super::domains_row::DomainRow;
use super::invoices::INPUT;
use crate::api::domains::{AddDomain, CheckDomain, DomainsData, MakePrimaryDomain, RemoveDomain, load_domains};
use crate::components::guard::require;
use leptos::prelude::*;
use pespro::access::Permission;
use pespro::domains::MOST_PER_FIRM;

/// The page's four actions, shared by every row.
#[derive(Clone, Copy)]
pub(crate) struct DomainActions {
    pub add: ServerAction<AddDomain>,
    pub check: ServerAction<CheckDomain>,
    pub remove: ServerAction<RemoveDomain>,
    pub primary: ServerAction<MakePrimaryDomain>,
}

#[component]
pub fn DomainsPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageFirmSettings, "Only the firm's administrators manage its domains.")
    {
        return instead;
    }
    let actions = DomainActions {
        add: ServerAction::new(),
        check: ServerAction::new(),
        remove: ServerAction::new(),
        primary: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            actions.add.version().get()
                + actions.check.version().get()
                + actions.remove.version().get()
                + actions.primary.version().get()
        },
        |_| load_domains(),
    );
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Custom domains"</h1>
        <p class="mt-1 max-w-3xl text-sm text-slate-600">
            "Your firm's own address, like time.your-firm.com. Add it here, create the two DNS records shown at your DNS provider, "
            "and PesPro serves your firm on it, over HTTPS, once DNS proves the domain is yours."
        </p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Domains data actions /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Domains(data: DomainsData, actions: DomainActions) -> impl IntoView {
    let DomainsData { domains, platform_host, typed } = data;
    let primary = domains.iter().find(|(d, _)| d.primary && d.status.serves()).map(|(d, _)| d.hostname.clone());
    let full = domains.len() >= MOST_PER_FIRM;
    let again = format!("Use {platform_host} again");
    let add_problem = move || actions.add.value().get().and_then(Result::err).and_then(|e| e.for_field("hostname"));
    let outcome = move || {
        let checked = actions.check.value().get().map(|r| r.map(|status| format!("Checked: {}.", status.label())));
        let others = [actions.remove.value().get(), actions.primary.value().get()];
        let failed = others
            .into_iter()
            .flatten()
            .find_map(Result::err)
            .or_else(|| actions.add.value().get().and_then(Result::err).filter(|e| !e.is_validation()));
        match (checked, failed) {
            (_, Some(error)) | (Some(Err(error)), None) => Err(error.to_string()),
            (Some(Ok(done)), None) => Ok(done),
            (None, None) => Ok(String::new()),
        }
    };
    view! {
        <p role="status" data-testid="domains-outcome" class="mt-2 min-h-5 text-sm text-green-700">{move || outcome().ok()}</p>
        <p role="alert" class="min-h-5 text-sm text-red-700">{move || outcome().err()}</p>
        <section class="mt-2 rounded border border-slate-200 bg-white p-4" aria-labelledby="links-heading">
            <h2 id="links-heading" class="font-medium">"Your firm's address"</h2>
            <p class="mt-1 text-sm text-slate-600" data-testid="primary-address">
                "Emails and invoices link to "
                <span class="font-mono">{primary.clone().unwrap_or_else(|| platform_host.clone())}</span>
                ". "
                {if primary.is_some() { "Your other addresses lead there." } else { "Make a verified domain the primary to use it instead." }}
            </p>
            {primary.is_some().then(|| view! {
                <ActionForm action=actions.primary attr:class="mt-2">
                    <input type="hidden" name="hostname" value="" />
                    <button type="submit" class="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
                        {again}
                    </button>
                </ActionForm>
            })}
        </section>
        <section class="mt-4" aria-labelledby="list-heading">
            <h2 id="list-heading" class="sr-only">"Domains"</h2>
            {if domains.is_empty() {
                view! {
                    <p class="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600" data-testid="no-domains">
                        "No custom domains yet. Your firm is always at " <span class="font-mono">{platform_host.clone()}</span> "."
                    </p>
                }.into_any()
            } else {
                view! {
                    <ul class="grid gap-3" data-testid="domain-list">
                        {domains.into_iter().map(|(domain, records)| view! { <DomainRow domain records actions /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <ActionForm action=actions.add attr:class="mt-4 grid max-w-xl gap-2 rounded border border-slate-200 bg-white p-4" attr:data-testid="add-domain">
            <label for="hostname" class="text-sm font-medium text-slate-700">"Add a domain"</label>
            <div class="flex gap-2">
                <input id="hostname" name="hostname" required placeholder="time.your-firm.com" autocomplete="off" spellcheck="false"
                    autocapitalize="none" value=typed aria-describedby="hostname-problem" class=INPUT disabled=full />
                <button type="submit" disabled=full class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Add"</button>
            </div>
            <p id="hostname-problem" data-testid="hostname-problem" class="min-h-5 text-sm text-red-700">{add_problem}</p>
            {full.then(|| view! { <p class="text-sm text-slate-600">{format!("A firm can have {MOST_PER_FIRM} domains; remove one to add another.")}</p> })}
        </ActionForm>
    }
}
