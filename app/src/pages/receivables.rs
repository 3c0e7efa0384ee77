//! Receivables (`/receivables`): what clients still owe, by how late it is
//! — current, 1–30, 31–60, 61–90 and over 90 days — per client and in
//! total, one table per currency (amounts are never added across
//! currencies). A bar per bucket shows where the money is at a glance.

use crate::api::invoices::load_receivables;
use crate::components::guard::require;
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use pespro::access::Permission;
use pespro::invoice::aging::{AgingReport, AgingRow, Bucket};

#[component]
pub fn ReceivablesPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageInvoices, "Only managers and administrators see receivables.") {
        return instead;
    }
    let data = Resource::new(|| (), |_| load_receivables());
    view! {
        <p><a href="/invoices" class="text-sm text-brand underline">"← Invoices"</a></p>
        <h1 class="text-2xl font-semibold tracking-tight">"Receivables"</h1>
        <p class="text-sm text-slate-600">"Sent invoices not yet fully paid, by days past their due date."</p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(reports) if reports.is_empty() => view! { <p data-testid="receivables-empty" class="mt-4 text-slate-500">"Nothing is owed: every sent invoice is paid."</p> }.into_any(),
                    Ok(reports) => reports.into_iter().map(|report| view! { <Report report /> }).collect_view().into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
pub(super) fn Report(report: AgingReport) -> impl IntoView {
    let currency = report.currency;
    let formats = crate::components::formats::use_formats();
    let biggest = report.total.buckets.iter().copied().max().unwrap_or(0).max(1);
    let cells = move |row: &AgingRow| {
        row.buckets
            .iter()
            .map(|amount| view! { <td class="p-2 text-right tabular-nums">{formats.amount(*amount, currency)}</td> })
            .collect_view()
    };
    let total = report.total.clone();
    view! {
        <section data-testid="receivables" class="mt-6">
            <h2 class="text-lg font-semibold">{format!("In {currency}: {} owed", formats.amount(report.total.total, currency))}</h2>
            <div class="mt-2 space-y-1" aria-hidden="true">
                {Bucket::ALL.iter().zip(total.buckets).map(|(bucket, amount)| {
                    let width = format!("width: {}%", amount.max(0) * 100 / biggest);
                    let colour = if *bucket == Bucket::Current { "bg-chart" } else { "bg-red-500" };
                    view! {
                        <div class="flex items-center gap-2 text-xs">
                            <span class="w-24 shrink-0">{bucket.label()}</span>
                            <div class="h-3 grow rounded bg-slate-100"><div class=format!("h-3 rounded {colour}") style=width></div></div>
                        </div>
                    }
                }).collect_view()}
            </div>
            <ScrollRegion label="Receivables">
            <table class="mt-3 w-full border-collapse bg-white text-sm">
                <thead><tr class="border-b text-left">
                    <th class="p-2">"Client"</th>
                    {Bucket::ALL.iter().map(|b| view! { <th class="p-2 text-right">{b.label()}</th> }).collect_view()}
                    <th class="p-2 text-right">"Total"</th>
                </tr></thead>
                <tbody>
                    {report.clients.iter().map(|(client, row)| view! {
                        <tr class="border-b"><td class="p-2">{client.clone()}</td>{cells(row)}<td class="p-2 text-right font-medium tabular-nums">{formats.amount(row.total, currency)}</td></tr>
                    }).collect_view()}
                    <tr class="font-semibold"><td class="p-2">"All clients"</td>{cells(&report.total)}<td data-testid="receivables-total" class="p-2 text-right tabular-nums">{formats.amount(report.total.total, currency)}</td></tr>
                </tbody>
            </table>
            </ScrollRegion>
        </section>
    }
}
