//! The client page's "Invoicing" section: the client's code in invoice
//! numbers, how taxes apply (the firm's default rates, its own, or exempt)
//! and the notes printed on its invoices. A form of its own beside the
//! details form, so posting the details (as older pages and callers do)
//! can never reset a client's tax choice. Managers and administrators
//! edit; everyone else reads. A plain form post that works without
//! JavaScript; with it, the browser runs the server's own checks
//! (`pespro::client_invoicing`) as fields change.

use crate::api::client_invoicing::SaveClientInvoicing;
use leptos::prelude::*;
use pespro::client_invoicing::{
    ClientCode, ClientInvoicingView, INVOICE_NOTES_MAX_CHARS, TaxMode, parse_invoice_notes, parse_taxes, tax_rate_key,
};

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";
const LABEL: &str = "block text-sm font-medium text-slate-700";

#[component]
pub fn ClientInvoicing(
    client_id: i64,
    terms: ClientInvoicingView,
    may_edit: bool,
    save: ServerAction<SaveClientInvoicing>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="invoicing-heading" class="mt-6">
            <h2 id="invoicing-heading" class="text-lg font-semibold">"Invoicing"</h2>
            {if may_edit {
                view! { <InvoicingForm client_id terms save /> }.into_any()
            } else {
                view! { <InvoicingSummary terms /> }.into_any()
            }}
        </section>
    }
}

/// What people who may not edit see: the same facts, as text.
#[component]
fn InvoicingSummary(terms: ClientInvoicingView) -> impl IntoView {
    let mode = TaxMode::parse(&terms.form.tax_mode);
    let applying = terms.applying();
    let taxes = match mode {
        Some(TaxMode::Exempt) | None => mode.map_or("—", TaxMode::label).to_owned(),
        Some(mode) if applying.is_empty() => format!("{}: none yet", mode.label()),
        Some(mode) => format!("{}: {}", mode.label(), applying.join(", ")),
    };
    let notes = terms.form.invoice_notes;
    let notes = if notes.is_empty() { "—".to_owned() } else { notes };
    view! {
        <dl data-testid="client-invoicing" class="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt class="font-medium text-slate-700">"Code"</dt>
            <dd>{terms.form.code}</dd>
            <dt class="font-medium text-slate-700">"Taxes"</dt>
            <dd>{taxes}</dd>
            <dt class="font-medium text-slate-700">"Notes on invoices"</dt>
            <dd class="whitespace-pre-line">{notes}</dd>
        </dl>
    }
}

#[component]
fn InvoicingForm(client_id: i64, terms: ClientInvoicingView, save: ServerAction<SaveClientInvoicing>) -> impl IntoView {
    let ClientInvoicingView { form, rates } = terms;
    let result = save.value();
    let server = move |field: &'static str| result.get().and_then(Result::err).and_then(|e| e.for_field(field));
    // The browser's own findings, from the functions the server calls.
    let code_error = RwSignal::new(None::<String>);
    let notes_error = RwSignal::new(None::<String>);
    let mode = RwSignal::new(form.tax_mode.clone());
    let ticked = RwSignal::new(form.tax_rates.clone());
    let taxes_error = move || parse_taxes(&mode.get(), &ticked.get()).err().map(|(_, message)| message);
    let saved = move || result.get().and_then(Result::ok).map(|()| "Saved.");
    let modes = TaxMode::ALL.map(|m| {
        let checked = form.tax_mode == m.as_str();
        view! {
            <label class="mr-4 inline-flex items-center gap-1 text-sm">
                <input type="radio" name="form[tax_mode]" value=m.as_str() checked=checked
                    on:change=move |_| { mode.set(m.as_str().to_owned()); result.set(None); } />
                {m.label()}
            </label>
        }
    });
    let defaults: Vec<String> = rates.iter().filter(|r| r.is_default).map(|r| r.label.clone()).collect();
    let defaults = if defaults.is_empty() { "none yet".to_owned() } else { defaults.join(", ") };
    let no_rates = rates.is_empty();
    let boxes = rates
        .into_iter()
        .map(|rate| {
            let key = tax_rate_key(rate.tax_rate_id);
            let checked = form.tax_rates.contains_key(&key);
            view! {
                <label class="mr-4 inline-flex items-center gap-1 text-sm">
                    <input type="checkbox" name=format!("form[tax_rates][{key}]") checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            ticked.update(|t| { if on { t.insert(key.clone(), "on".into()); } else { t.remove(&key); } });
                            result.set(None);
                        } />
                    {rate.label}
                </label>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=save attr:class="mt-2 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-3">
            <input type="hidden" name="client_id" value=client_id.to_string() />
            <div>
                <label for="invoicing-code" class=LABEL>"Code (in invoice numbers)"</label>
                <input id="invoicing-code" name="form[code]" value=form.code autocomplete="off"
                    class=format!("{INPUT} uppercase") aria-describedby="invoicing-code-error"
                    on:input=move |ev| {
                        code_error.set(ClientCode::parse(&event_target_value(&ev)).err().map(|e| e.to_string()));
                        result.set(None);
                    } />
                <p id="invoicing-code-error" class="min-h-5 text-sm text-red-700">
                    {move || code_error.get().or_else(|| server("code"))}
                </p>
            </div>
            <fieldset class="sm:col-span-3">
                <legend class=LABEL>"How taxes apply"</legend>
                <div class="mt-1">{modes}</div>
                <p class="text-xs text-slate-500">{format!("The firm's default rates: {defaults}.")}</p>
                <p class="mt-2 text-sm text-slate-700">"Its own rates (used when “Its own rates” is chosen):"</p>
                {if no_rates {
                    view! { <p class="text-sm text-slate-500">"The firm has no tax rates yet; an administrator adds them in the invoicing settings."</p> }.into_any()
                } else {
                    view! { <div>{boxes}</div> }.into_any()
                }}
                <p class="min-h-5 text-sm text-red-700">
                    {move || taxes_error().or_else(|| server("tax_mode")).or_else(|| server("tax_rates"))}
                </p>
            </fieldset>
            <div class="sm:col-span-3">
                <label for="invoicing-notes" class=LABEL>{format!("Notes printed on its invoices (up to {INVOICE_NOTES_MAX_CHARS} characters)")}</label>
                <textarea id="invoicing-notes" name="form[invoice_notes]" rows="3" class=INPUT
                    on:input=move |ev| {
                        notes_error.set(parse_invoice_notes(&event_target_value(&ev)).err().map(|(_, m)| m));
                        result.set(None);
                    }>{form.invoice_notes}</textarea>
                <p class="min-h-5 text-sm text-red-700">{move || notes_error.get().or_else(|| server("invoice_notes"))}</p>
            </div>
            <div class="flex items-center gap-3">
                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Save invoicing"</button>
                <p role="status" class="text-sm text-green-700">{saved}</p>
            </div>
        </ActionForm>
    }
}
