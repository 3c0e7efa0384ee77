//! The header's navigation. The pages people open every day are links; the
//! firm's administration sits behind one "Firm" menu, so the header keeps
//! to one line at a laptop's width; on a phone everything is behind a
//! "Menu" button. Menus are `<details>`: opened by keyboard or touch, and
//! working before (or without) the WebAssembly.

use leptos::prelude::*;
use pespro::access::{CurrentUser, Permission};
use pespro::flags::Feature;

/// A page the header links to: its address and its name.
type Destination = (&'static str, &'static str);

/// What people open every day, in the order of a working week.
fn everyday(user: &CurrentUser) -> Vec<Destination> {
    let mut links = vec![("/", "Clients"), ("/time", "My week")];
    links.extend(user.may(Permission::ApproveWork).then_some(("/approvals", "Approvals")));
    links.extend(user.has(Feature::Expenses).then_some(("/expenses", "Expenses")));
    links.extend(user.may(Permission::ManageInvoices).then_some(("/invoices", "Invoices")));
    links.push(("/reports", "Reports"));
    links
}

/// The firm's administration: who works here, how work flows, how the firm
/// looks and what leaves it. Empty for people who administer nothing.
fn administration(user: &CurrentUser) -> Vec<Destination> {
    let people = user.may(Permission::ManageUsers);
    let settings = user.may(Permission::ManageFirmSettings);
    [
        (people, ("/people", "People")),
        (people, ("/teams", "Teams")),
        (user.may(Permission::ReadAuditLog), ("/audit", "Audit log")),
        (settings, ("/settings/workflows", "Workflows")),
        (settings, ("/import", "Import")),
        (settings, ("/settings/rates", "Rates")),
        (user.may(Permission::ChangeMoneyRules), ("/settings/invoicing", "Invoicing")),
        (user.may(Permission::ManageSso), ("/settings/sign-in", "Sign-in settings")),
        (settings, ("/settings/branding", "Branding")),
        (settings, ("/settings/domains", "Domains")),
        (settings, ("/settings/features", "Features")),
        (settings, ("/settings/regional", "Dates and times")),
        (settings, ("/settings/reports", "Report definitions")),
        (user.may(Permission::ExportFirmData), ("/settings/export", "Export")),
    ]
    .into_iter()
    .filter_map(|(allowed, link)| allowed.then_some(link))
    .collect()
}

#[component]
pub fn MainNav(user: CurrentUser) -> impl IntoView {
    let everyday = everyday(&user);
    let administration = administration(&user);
    let all: Vec<Destination> = everyday.iter().chain(&administration).copied().collect();
    view! {
        <nav class="hidden items-center gap-4 text-sm md:flex" aria-label="Main" data-testid="main-nav">
            {everyday.into_iter().map(|(href, label)| view! { <a href=href class="hover:underline">{label}</a> }).collect_view()}
            {(!administration.is_empty()).then(|| view! { <Menu label="Firm" links=administration opens_left=false /> })}
        </nav>
        <nav class="text-sm md:hidden" aria-label="Main" data-testid="phone-nav">
            // At a phone's right edge: the list opens towards the screen.
            <Menu label="Menu" links=all opens_left=true />
        </nav>
    }
}

/// A button that opens a list of links over the page. A link followed
/// inside the app changes the page without reloading the header, so the
/// menu closes itself when one of its links is used, and on Escape.
#[component]
fn Menu(label: &'static str, links: Vec<Destination>, opens_left: bool) -> impl IntoView {
    let side = if opens_left { "right-0" } else { "left-0" };
    let menu = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(menu) = menu.get_untracked() {
            let _ = menu.remove_attribute("open");
        }
    };
    view! {
        <details
            node_ref=menu
            class="group relative"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    close();
                }
            }
        >
            <summary class="flex cursor-pointer list-none items-center gap-1 rounded px-1 hover:underline">
                {label} <span aria-hidden="true" class="text-xs group-open:rotate-180">"▾"</span>
            </summary>
            <ul
                class=format!("absolute {side} z-20 mt-2 min-w-48 rounded-md border border-slate-200 bg-white py-1 text-slate-900 shadow-lg")
                on:click=move |_| close()
            >
                {links
                    .into_iter()
                    .map(|(href, label)| view! {
                        <li><a href=href class="block px-4 py-2 hover:bg-slate-100">{label}</a></li>
                    })
                    .collect_view()}
            </ul>
        </details>
    }
}
