//! Export to accounting (`/accounting`), for managers and administrators:
//! what the next batch would carry (for a period, or everything not yet
//! exported), every missing mapping before anything is written — by
//! document and line, each linking to the field that fixes it — the export
//! itself, the month-end pack (accounting_packs.rs), and the batches
//! written so far (accounting_batches.rs).

use super::invoices::INPUT;
use crate::api::accounting::{ExportBatch, ExportsData, load_exports};
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::accounting::views::PreviewView;

#[component]
pub fn AccountingPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageInvoices, "Only managers and administrators export to accounting.")
    {
        return instead;
    }
    let query = use_query_map();
    let asked = move || query.with(|q| (q.get("from").unwrap_or_default(), q.get("to").unwrap_or_default()));
    let export = ServerAction::<ExportBatch>::new();
    let reexport = ServerAction::<crate::api::accounting::ReexportBatch>::new();
    let data = Resource::new(
        move || (asked(), export.version().get(), reexport.version().get()),
        |((from, to), _, _)| load_exports(from, to),
    );
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Export to accounting"</h1>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! {
                        <Exports data=data.clone() export />
                        <super::accounting_batches::Batches batches=data.batches reexport />
                    }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Exports(data: ExportsData, export: ServerAction<ExportBatch>) -> impl IntoView {
    let ExportsData { preview, from, to, .. } = data;
    let PreviewView { target, documents, payments, gaps, totals, warnings } = preview;
    let answer = move || match export.value().get() {
        Some(Ok(message)) => view! { <p role="status" class="text-green-700">{message}</p> }.into_any(),
        Some(Err(e)) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
        None => ().into_any(),
    };
    let Some(target) = target else {
        return view! {
            <p class="mt-4 rounded border border-amber-300 bg-amber-50 p-3">
                "Choose your accounting system and its accounts first: "
                <a href="/settings/accounting" class="underline">"accounting settings"</a>"."
            </p>
        }
        .into_any();
    };
    let (pack_from, pack_to) = (from.clone(), to.clone());
    let nothing = documents.is_empty() && payments == 0;
    let blocked = !gaps.is_empty();
    view! {
        <p class="mt-1 text-sm text-slate-600">"Exports for "<strong>{target}</strong>". "
            <a href="/settings/accounting" class="underline">"Change the settings"</a></p>
        <form method="get" action="/accounting" class="mt-4 flex flex-wrap items-end gap-3" aria-label="Period">
            <div><label for="from" class="block text-sm text-slate-700">"From"</label>
                <input id="from" name="from" type="date" value=from.clone() class=INPUT /></div>
            <div><label for="to" class="block text-sm text-slate-700">"To"</label>
                <input id="to" name="to" type="date" value=to.clone() class=INPUT /></div>
            <button type="submit" class="rounded border border-slate-300 px-3 py-2">"Show this period"</button>
            <a href="/accounting" class="py-2 text-sm underline">"Everything not yet exported"</a>
        </form>
        {blocked.then(|| view! {
            <section class="mt-4 rounded border border-red-300 bg-red-50 p-3" data-testid="export-gaps">
                <h2 class="font-semibold text-red-800">"Map these before exporting"</h2>
                <ul class="mt-1 list-disc pl-5 text-sm">
                    {gaps.into_iter().map(|g| view! {
                        <li>{g.place}": "{g.missing}" — "<a href=format!("/settings/accounting#{}", g.field) class="underline">"fix"</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!warnings.is_empty()).then(|| view! {
            <section class="mt-4 rounded border border-amber-300 bg-amber-50 p-3" data-testid="export-warnings">
                <h2 class="font-semibold text-amber-900">"Written with “?” in this system's files (its encoding, Windows-1252, cannot hold these characters)"</h2>
                <ul class="mt-1 list-disc pl-5 text-sm">{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            </section>
        })}
        <section class="mt-4 rounded border border-slate-200 bg-white p-4" data-testid="export-preview">
            <h2 class="text-lg font-semibold">"Next batch"</h2>
            {nothing.then(|| view! { <p class="text-slate-600">"Nothing new to export: every finalized document and payment has gone out already."</p> })}
            {(!documents.is_empty()).then(|| view! {
                <div class="overflow-x-auto"><table class="mt-2 w-full text-sm">
                    <thead><tr class="text-left text-slate-500"><th>"Number"</th><th>"Client"</th><th>"What"</th><th>"Date"</th><th class="text-right">"Total"</th></tr></thead>
                    <tbody>{documents.into_iter().map(|d| view! {
                        <tr class="border-t border-slate-100"><td>{d.number}</td><td>{d.client}</td><td>{d.what}</td><td>{d.dated}</td><td class="text-right tabular-nums">{d.total}</td></tr>
                    }).collect_view()}</tbody>
                </table></div>
                <p class="mt-2 text-sm">"Totals: "{totals.join(" · ")}</p>
            })}
            {(payments > 0).then(|| view! { <p class="mt-1 text-sm">{format!("And {payments} payment{} received.", if payments == 1 { "" } else { "s" })}</p> })}
            <ActionForm action=export attr:class="mt-3 flex flex-wrap items-center gap-3">
                <input type="hidden" name="from" value=from.clone() />
                <input type="hidden" name="to" value=to.clone() />
                <button type="submit" disabled=nothing || blocked class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90 disabled:opacity-50">"Export this batch"</button>
            </ActionForm>
            <div class="mt-2 min-h-5">{answer}</div>
        </section>
        <super::accounting_packs::Packs from=pack_from to=pack_to />
    }
    .into_any()
}
