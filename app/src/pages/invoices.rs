//! Invoices (`/invoices`): the firm's invoices with status filters, and the
//! form that builds a draft from a client's approved, unbilled work.
//! Filters are links and the form a plain post, so the page works before
//! hydration; with JavaScript the form is checked as it is typed.

use crate::api::invoices::{CreateInvoice, InvoicesData, load_invoices};
use crate::components::guard::require;
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::invoice::grouping::{ExpenseGrouping, Grouping};
use pespro::invoice::views::InvoiceRow;
use pespro::invoice::views::STATUS_FILTERS;

pub(crate) const INPUT: &str =
    "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";

#[component]
pub fn InvoicesPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageInvoices, "Only managers and administrators work with invoices.") {
        return instead;
    }
    let query = use_query_map();
    let status = move || query.with(|q| q.get("status").unwrap_or_default());
    let create = ServerAction::<CreateInvoice>::new();
    let data = Resource::new(move || (status(), create.version().get()), |(status, _)| load_invoices(status));
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-2">
            <h1 class="text-2xl font-semibold tracking-tight">"Invoices"</h1>
            <span class="flex gap-4"><a href="/receivables" class="text-brand underline">"Receivables by age"</a><a href="/accounting" class="text-brand underline">"Export to accounting"</a></span>
        </div>
        <nav aria-label="Filter invoices" class="mt-3 flex flex-wrap gap-2 text-sm">
            {STATUS_FILTERS.iter().map(|(key, label)| {
                let href = format!("/invoices?status={key}");
                let current = move || (status() == *key || (status().is_empty() && *key == "all")).then_some("page");
                view! { <a href=href aria-current=current class="rounded-full border border-slate-300 px-3 py-1 aria-[current=page]:bg-brand aria-[current=page]:text-on-brand">{*label}</a> }
            }).collect_view()}
        </nav>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Invoices data create /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Invoices(data: InvoicesData, create: ServerAction<CreateInvoice>) -> impl IntoView {
    let InvoicesData { rows, clients, default_grouping, period } = data;
    let table = if rows.is_empty() {
        view! { <p data-testid="invoices-empty" class="mt-4 text-slate-500">"No invoices here yet. Build one from a client's approved time below."</p> }.into_any()
    } else {
        view! {
            <ScrollRegion label="Invoices">
            <table data-testid="invoices" class="mt-4 w-full border-collapse bg-white text-sm">
                <thead><tr class="border-b text-left">
                    <th class="p-2">"Number"</th><th class="p-2">"Client"</th><th class="p-2">"Status"</th>
                    <th class="p-2">"Issued"</th><th class="p-2">"Due"</th><th class="p-2 text-right">"Total"</th><th class="p-2 text-right">"Still due"</th>
                </tr></thead>
                <tbody>{rows.into_iter().map(|row| view! { <Row row /> }).collect_view()}</tbody>
            </table>
            </ScrollRegion>
        }
        .into_any()
    };
    view! {
        {table}
        <NewInvoiceForm clients default_grouping period create />
    }
}

#[component]
fn Row(row: InvoiceRow) -> impl IntoView {
    let formats = crate::components::formats::use_formats();
    let href = format!("/invoices/{}", row.invoice_id);
    let number = row.number.clone().unwrap_or_else(|| format!("Draft #{}", row.invoice_id));
    let number = if row.credit_note { format!("{number} (credit note)") } else { number };
    view! {
        <tr data-testid="invoice-row" class="border-b">
            <td class="p-2"><a class="text-brand underline" href=href>{number}</a></td>
            <td class="p-2">{row.client}</td>
            <td class="p-2"><StatusBadge status=row.status overdue=row.overdue /></td>
            <td class="p-2">{row.issued_on.map(|d| formats.date(d))}</td>
            <td class="p-2">{row.due_on.map(|d| formats.date(d))}</td>
            <td class="p-2 text-right tabular-nums">{row.total}</td>
            <td class="p-2 text-right tabular-nums">{row.due}</td>
        </tr>
    }
}

#[component]
pub(crate) fn StatusBadge(status: pespro::invoice::InvoiceStatus, overdue: bool) -> impl IntoView {
    use pespro::invoice::InvoiceStatus as S;
    let colour = match status {
        S::Paid => "bg-green-100 text-green-800",
        S::Void => "bg-slate-200 text-slate-600 line-through",
        S::Draft | S::AwaitingApproval => "bg-amber-100 text-amber-800",
        _ => "bg-sky-100 text-sky-800",
    };
    view! {
        <span data-testid="invoice-status" class=format!("rounded px-2 py-0.5 text-xs font-medium {colour}")>{status.label()}</span>
        {overdue.then(|| view! { <span class="ml-1 rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">"overdue"</span> })}
    }
}

#[component]
fn NewInvoiceForm(
    clients: Vec<(i64, String, String)>,
    default_grouping: String,
    period: (time::Date, time::Date),
    create: ServerAction<CreateInvoice>,
) -> impl IntoView {
    let problem =
        move |field: &'static str| move || create.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let general = move || {
        create
            .value()
            .get()
            .and_then(Result::err)
            .filter(|e| !matches!(e, crate::error::AppError::Validation { .. }))
            .map(|e| e.to_string())
    };
    let field_error = move |field: &'static str| view! { <p class="min-h-5 text-sm text-red-700">{problem(field)}</p> };
    if clients.is_empty() {
        return view! { <p class="mt-6 text-slate-500">"Add a client first: invoices are built from a client's approved time."</p> }.into_any();
    }
    view! {
        <h2 class="mt-8 text-lg font-semibold">"New invoice"</h2>
        <p class="text-sm text-slate-600">"A draft is built from the client's approved, billable time and expenses in the period that are not on another invoice. You can change its lines before submitting it."</p>
        <p role="alert" class="min-h-5 text-sm text-red-700">{general}</p>
        <ActionForm action=create attr:class="mt-2 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-3" attr:data-testid="new-invoice">
            <div>
                <label for="invoice-client" class="block text-sm font-medium text-slate-700">"Client"</label>
                <select id="invoice-client" name="form[client_id]" class=INPUT>
                    {clients.into_iter().map(|(id, name, currency)| view! { <option value=id.to_string()>{format!("{name} ({currency})")}</option> }).collect_view()}
                </select>
                {field_error("client_id")}
            </div>
            <div>
                <label for="invoice-from" class="block text-sm font-medium text-slate-700">"From"</label>
                <input id="invoice-from" name="form[from]" type="date" required value=period.0.to_string() class=INPUT />
                {field_error("from")}
            </div>
            <div>
                <label for="invoice-to" class="block text-sm font-medium text-slate-700">"To"</label>
                <input id="invoice-to" name="form[to]" type="date" required value=period.1.to_string() class=INPUT />
                {field_error("to")}
            </div>
            <div>
                <label for="invoice-grouping" class="block text-sm font-medium text-slate-700">"Time lines"</label>
                <select id="invoice-grouping" name="form[grouping]" class=INPUT>
                    <option value="default">{format!("Firm default ({default_grouping})")}</option>
                    {Grouping::ALL.into_iter().map(|g| view! { <option value=g.as_str()>{g.label()}</option> }).collect_view()}
                </select>
                {field_error("grouping")}
            </div>
            <div>
                <label for="invoice-expenses" class="block text-sm font-medium text-slate-700">"Expense lines"</label>
                <select id="invoice-expenses" name="form[expense_grouping]" class=INPUT>
                    <option value="default">"Firm default"</option>
                    {ExpenseGrouping::ALL.into_iter().map(|g| view! { <option value=g.as_str()>{g.label()}</option> }).collect_view()}
                </select>
                {field_error("expense_grouping")}
            </div>
            <fieldset class="sm:col-span-1">
                <legend class="block text-sm font-medium text-slate-700">"Fixed-fee engagements"</legend>
                <select id="invoice-instalment" name="form[instalment]" aria-label="How much of a fixed fee" class=INPUT>
                    <option value="none">"No instalment this time"</option>
                    <option value="percent">"A percentage of the fee"</option>
                    <option value="amount">"An amount"</option>
                    <option value="rest">"Whatever is left of the fee"</option>
                </select>
                <label for="invoice-instalment-value" class="sr-only">"Percentage or amount"</label>
                <input id="invoice-instalment-value" name="form[instalment_value]" placeholder="e.g. 25 or 1500.00" autocomplete="off" class=INPUT />
                {field_error("instalment_value")}
            </fieldset>
            <div class="sm:col-span-3">
                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Build draft"</button>
            </div>
        </ActionForm>
    }
    .into_any()
}
