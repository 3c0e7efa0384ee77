//! One invoice (`/invoices/:id`): its header, lines and totals, where its
//! approval stands, and what the viewer may do next — change lines while
//! it is a draft, submit, approve, send, record payments, void. Every form
//! is a plain post, so all of it works before hydration.

use super::invoice_actions::{Actions, InvoiceActions};
use super::invoice_lines::{InvoiceLines, LineActions};
use super::invoices::StatusBadge;
use crate::api::invoices::load_invoice;
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pespro::access::Permission;
use pespro::invoice::views::InvoicePage;

#[component]
pub fn InvoiceDetailPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageInvoices, "Only managers and administrators work with invoices.") {
        return instead;
    }
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default());
    let lines = LineActions::default();
    let actions = Actions::default();
    let page = Resource::new(move || (id(), lines.changes(), actions.changes()), |(id, _, _)| load_invoice(id));
    view! {
        <p><a href="/invoices" class="text-sm text-brand underline">"← All invoices"</a></p>
        <p data-testid="invoice-error" role="alert" class="mt-2 min-h-5 text-sm text-red-700">{move || lines.error().or_else(|| actions.error())}</p>
        <p data-testid="invoice-message" role="status" class="min-h-5 text-sm text-green-700">{move || actions.message()}</p>
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Invoice page lines actions /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Invoice(page: InvoicePage, lines: LineActions, actions: Actions) -> impl IntoView {
    let title = match (&page.number, page.credit_note) {
        (Some(number), false) => format!("Invoice {number}"),
        (Some(number), true) => format!("Credit note {number}"),
        (None, _) => format!("Draft invoice #{}", page.invoice_id),
    };
    let pdf = format!("/invoices/{}/pdf", page.invoice_id);
    let dates = match (page.issued_on, page.due_on) {
        (Some(issued), Some(due)) => {
            format!("Issued {} · due {} · {}", page.formats.date(issued), page.formats.date(due), page.terms)
        }
        _ => format!("Not issued yet · {}", page.terms),
    };
    let left_out = (!page.left_out.is_empty()).then(|| {
        let reasons = page.left_out.clone();
        view! {
            <div data-testid="left-out" class="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
                <p class="font-medium">"Not on this draft:"</p>
                <ul class="list-disc pl-5">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
            </div>
        }
    });
    let approval = page.approval.clone().map(|sentence| view! { <p data-testid="approval-step" class="mt-2 text-sm text-slate-700">{format!("Approval: {sentence}")}</p> });
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-3">
            <h1 data-testid="invoice-title" class="text-2xl font-semibold tracking-tight">{title}</h1>
            <a href=pdf data-testid="invoice-pdf" class="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium" rel="external">"Download PDF"</a>
        </div>
        <p class="mt-1"><StatusBadge status=page.status overdue=page.overdue /></p>
        <div class="mt-3 grid gap-2 text-sm sm:grid-cols-2">
            <div>
                <p class="font-medium">{page.client.clone()}</p>
                <p class="whitespace-pre-line text-slate-600">{page.client_address.clone()}</p>
                {(!page.client_tax_id.is_empty()).then(|| view! { <p class="text-slate-600">{format!("Tax id: {}", page.client_tax_id)}</p> })}
            </div>
            <div class="text-slate-600">
                <p>{format!("Work from {} to {}", page.formats.date(page.period_from), page.formats.date(page.period_to))}</p>
                <p>{dates}</p>
                <p>{format!("Drafted by {}", page.drafted_by)}</p>
            </div>
        </div>
        {approval}
        {left_out}
        <InvoiceLines page=page.clone() actions=lines />
        <Totals page=page.clone() />
        <InvoiceActions page actions />
    }
}

#[component]
fn Totals(page: InvoicePage) -> impl IntoView {
    view! {
        <dl data-testid="invoice-totals" class="ml-auto mt-4 grid max-w-sm grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt>"Subtotal"</dt><dd class="text-right tabular-nums">{page.subtotal}</dd>
            {page.taxes.into_iter().map(|t| view! {
                <dt>{format!("{} on {}", t.label, t.base)}</dt><dd class="text-right tabular-nums">{t.tax}</dd>
            }).collect_view()}
            <dt class="font-semibold">"Total"</dt><dd data-testid="invoice-total" class="text-right font-semibold tabular-nums">{page.total}</dd>
            {page.status.is_final().then(|| view! {
                <dt>"Paid"</dt><dd class="text-right tabular-nums">{page.paid.clone()}</dd>
                <dt class="font-semibold">"Still due"</dt><dd data-testid="invoice-due" class="text-right font-semibold tabular-nums">{page.due.clone()}</dd>
            })}
        </dl>
    }
}
