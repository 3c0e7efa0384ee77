//! The client's view of an invoice (`/i/:token`), reached from the emailed
//! link without signing in: the firm's branding (the page's shell), the
//! invoice's status, lines and what is still due, and its PDF. Nothing on
//! it can change anything.

use super::invoices::StatusBadge;
use crate::api::invoices::client_invoice;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pespro::invoice::views::InvoicePage;

#[component]
pub fn ClientInvoicePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let page = Resource::new(token, client_invoice);
    view! {
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <ClientInvoice page token=token() /> }.into_any(),
                    Err(_) => view! { <LinkNotValid /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ClientInvoice(page: InvoicePage, token: String) -> impl IntoView {
    let title = format!(
        "{} {}",
        if page.credit_note { "Credit note" } else { "Invoice" },
        page.number.clone().unwrap_or_default()
    );
    let pdf = format!("/i/{token}/pdf");
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-3">
            <h1 data-testid="client-invoice-title" class="text-2xl font-semibold tracking-tight">{title}</h1>
            <a href=pdf data-testid="client-invoice-pdf" rel="external" class="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium">"Download PDF"</a>
        </div>
        <p class="mt-1"><StatusBadge status=page.status overdue=page.overdue /></p>
        <p class="mt-2 text-sm">{format!("For {} · issued {} · due {} · {}", page.client,
            page.issued_on.map(|d| page.formats.date(d)).unwrap_or_default(), page.due_on.map(|d| page.formats.date(d)).unwrap_or_default(), page.terms)}</p>
        <table class="mt-4 w-full border-collapse bg-white text-sm">
            <thead><tr class="border-b text-left"><th class="p-2">"Description"</th><th class="p-2 text-right">"Quantity"</th><th class="p-2 text-right">"Amount"</th></tr></thead>
            <tbody>
                {page.lines.into_iter().map(|l| view! {
                    <tr class="border-b"><td class="p-2">{l.description}</td><td class="p-2 text-right">{l.quantity}</td><td class="p-2 text-right tabular-nums">{l.amount}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <dl class="ml-auto mt-4 grid max-w-sm grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt>"Subtotal"</dt><dd class="text-right tabular-nums">{page.subtotal}</dd>
            {page.taxes.into_iter().map(|t| view! { <dt>{t.label}</dt><dd class="text-right tabular-nums">{t.tax}</dd> }).collect_view()}
            <dt class="font-semibold">"Total"</dt><dd class="text-right font-semibold tabular-nums">{page.total}</dd>
            <dt class="font-semibold">"Amount due"</dt><dd data-testid="client-invoice-due" class="text-right font-semibold tabular-nums">{page.due}</dd>
        </dl>
        {(!page.payment_details.is_empty()).then(|| view! {
            <h2 class="mt-6 font-semibold">"How to pay"</h2>
            <p class="whitespace-pre-line text-sm">{page.payment_details}</p>
        })}
    }
}

/// A link that names no invoice (mistyped, replaced by a newer email, or
/// revoked): answered 404, saying what to do.
#[component]
fn LinkNotValid() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <h1 class="text-2xl font-semibold">"This invoice link is not valid"</h1>
        <p role="alert" class="mt-2 text-slate-600">"It may have been replaced by a newer email, or withdrawn. Please ask the sender for a new link."</p>
    }
}
