//! What can be done with an invoice next, as plain forms: submit it under
//! the firm's policy, approve or send it back, send it to the client,
//! record a payment, void it, or delete a draft. Only what the invoice's
//! status and the viewer allow is shown; the server checks again.

use super::approvals::DecisionFields;
use super::invoices::INPUT;
use crate::api::invoice_actions::{
    CreditInvoice, DecideInvoice, DeleteInvoice, RecordInvoicePayment, RevokeInvoiceLink, SendInvoice, SubmitInvoice,
    VoidInvoice,
};
use crate::error::AppError;
use leptos::prelude::*;
use pespro::invoice::views::InvoicePage;

const METHODS: [(&str, &str); 5] =
    [("bank_transfer", "Bank transfer"), ("card", "Card"), ("cheque", "Cheque"), ("cash", "Cash"), ("other", "Other")];

#[derive(Clone, Copy)]
pub struct Actions {
    submit: ServerAction<SubmitInvoice>,
    decide: ServerAction<DecideInvoice>,
    send: ServerAction<SendInvoice>,
    pay: ServerAction<RecordInvoicePayment>,
    void: ServerAction<VoidInvoice>,
    delete: ServerAction<DeleteInvoice>,
    revoke: ServerAction<RevokeInvoiceLink>,
    credit: ServerAction<CreditInvoice>,
}

impl Default for Actions {
    fn default() -> Self {
        Self {
            submit: ServerAction::new(),
            decide: ServerAction::new(),
            send: ServerAction::new(),
            pay: ServerAction::new(),
            void: ServerAction::new(),
            delete: ServerAction::new(),
            revoke: ServerAction::new(),
            credit: ServerAction::new(),
        }
    }
}

type Answer = Option<Result<String, AppError>>;

impl Actions {
    pub fn changes(self) -> [usize; 6] {
        [
            self.submit.version().get(),
            self.decide.version().get(),
            self.send.version().get(),
            self.pay.version().get(),
            self.void.version().get(),
            self.revoke.version().get(),
        ]
    }

    fn answers(self) -> [Answer; 6] {
        [
            self.submit.value().get(),
            self.decide.value().get(),
            self.send.value().get(),
            self.pay.value().get(),
            self.void.value().get(),
            self.revoke.value().get(),
        ]
    }

    /// The latest answer's sentence.
    pub fn message(self) -> Option<String> {
        self.answers().into_iter().flatten().find_map(Result::ok)
    }

    /// Refusals that are not about a field of these forms.
    pub fn error(self) -> Option<String> {
        let deleted = self.delete.value().get().and_then(Result::err).map(|e| e.to_string());
        let deleted = deleted.or_else(|| self.credit.value().get().and_then(Result::err).map(|e| e.to_string()));
        let fields = ["amount", "paid_on", "method", "reference", "reason", "comment"];
        self.answers()
            .into_iter()
            .flatten()
            .filter_map(Result::err)
            .find(|e| !fields.iter().any(|f| e.for_field(f).is_some()))
            .map(|e| e.to_string())
            .or(deleted)
    }

    fn field(self, field: &'static str) -> Option<String> {
        let pay = self.pay.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
        let void = self.void.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
        pay.or(void).or_else(|| self.decide.value().get().and_then(Result::err).and_then(|e| e.for_field(field)))
    }
}

#[component]
pub fn InvoiceActions(page: InvoicePage, actions: Actions) -> impl IntoView {
    let id = page.invoice_id;
    let has_link = page.client_link.is_some();
    let due = amount_only(&page.due);
    let allowed = page.allowed;
    let problem =
        move |field: &'static str| view! { <p class="min-h-5 text-sm text-red-700">{move || actions.field(field)}</p> };
    let button = "rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90";
    let quiet = "rounded border border-slate-300 px-4 py-2 font-medium";
    view! {
        <section aria-label="What to do next" class="mt-6 flex flex-wrap gap-3">
            {allowed.submit.then(|| view! {
                <ActionForm action=actions.submit>
                    <input type="hidden" name="invoice_id" value=id.to_string() />
                    <button type="submit" class=button>"Submit for approval"</button>
                </ActionForm>
            })}
            {allowed.send.then(|| view! {
                <ActionForm action=actions.send>
                    <input type="hidden" name="invoice_id" value=id.to_string() />
                    <button type="submit" class=button>{if has_link { "Send again" } else { "Send to client" }}</button>
                </ActionForm>
            })}
            {has_link.then(|| view! {
                <ActionForm action=actions.revoke>
                    <input type="hidden" name="invoice_id" value=id.to_string() />
                    <button type="submit" class=quiet>"Revoke the client's link"</button>
                </ActionForm>
            })}
            {allowed.credit.then(|| view! {
                <ActionForm action=actions.credit>
                    <input type="hidden" name="invoice_id" value=id.to_string() />
                    <button type="submit" class=quiet>"Issue a credit note"</button>
                </ActionForm>
            })}
            {allowed.delete.then(|| view! {
                <ActionForm action=actions.delete>
                    <input type="hidden" name="invoice_id" value=id.to_string() />
                    <button type="submit" class="rounded border border-red-300 px-4 py-2 text-red-700">"Delete draft"</button>
                </ActionForm>
            })}
        </section>
        {allowed.decide.then(|| view! {
            <h2 class="mt-6 text-lg font-semibold">"Your approval"</h2>
            <ActionForm action=actions.decide attr:class="mt-2 flex flex-wrap items-end gap-3" attr:data-testid="invoice-decision">
                <input type="hidden" name="invoice_id" value=id.to_string() />
                <DecisionFields comment_id="invoice-comment".to_owned() />
            </ActionForm>
            {problem("comment")}
        })}
        {allowed.pay.then(|| view! {
            <h2 class="mt-6 text-lg font-semibold">"Record a payment"</h2>
            <ActionForm action=actions.pay attr:class="mt-2 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-5" attr:data-testid="payment-form">
                <input type="hidden" name="invoice_id" value=id.to_string() />
                <div><label for="paid-on" class="block text-sm font-medium text-slate-700">"Paid on"</label>
                    <input id="paid-on" name="paid_on" type="date" required class=INPUT />{problem("paid_on")}</div>
                <div><label for="paid-amount" class="block text-sm font-medium text-slate-700">"Amount"</label>
                    <input id="paid-amount" name="amount" inputmode="decimal" required autocomplete="off" value=due.clone() class=INPUT />{problem("amount")}</div>
                <div><label for="paid-method" class="block text-sm font-medium text-slate-700">"Method"</label>
                    <select id="paid-method" name="method" class=INPUT>
                        {METHODS.into_iter().map(|(k, l)| view! { <option value=k>{l}</option> }).collect_view()}
                    </select>{problem("method")}</div>
                <div><label for="paid-reference" class="block text-sm font-medium text-slate-700">"Reference"</label>
                    <input id="paid-reference" name="reference" autocomplete="off" class=INPUT />{problem("reference")}</div>
                <div class="self-center"><button type="submit" class=button>"Record payment"</button></div>
            </ActionForm>
        })}
        <Payments page=page.clone() />
        {allowed.void.then(|| view! {
            <details class="mt-6">
                <summary class="cursor-pointer text-red-700 underline">"Void this invoice"</summary>
                <ActionForm action=actions.void attr:class="mt-2 flex flex-wrap items-end gap-3">
                    <input type="hidden" name="invoice_id" value=id.to_string() />
                    <div class="min-w-64 grow"><label for="void-reason" class="block text-sm font-medium text-slate-700">"Why is it void?"</label>
                        <input id="void-reason" name="reason" required autocomplete="off" class=INPUT />{problem("reason")}</div>
                    <button type="submit" class="rounded border border-red-300 px-4 py-2 text-red-700">"Void invoice"</button>
                </ActionForm>
            </details>
        })}
    }
}

/// "1 234,00 EUR" → "1 234,00", the payment form's starting amount (a
/// plain space before the code; thousands are marked with no-break ones).
fn amount_only(money: &str) -> String {
    money.rsplit_once(' ').map_or(money, |(amount, _)| amount).to_owned()
}

#[component]
fn Payments(page: InvoicePage) -> impl IntoView {
    (!page.payments.is_empty()).then(|| view! {
        <h2 class="mt-6 text-lg font-semibold">"Payments"</h2>
        <ul data-testid="payments" class="mt-1 text-sm">
            {page.payments.into_iter().map(|p| view! {
                <li>{format!("{} · {} · {}{} · recorded by {}", page.formats.date(p.paid_on), p.amount, p.method,
                    if p.reference.is_empty() { String::new() } else { format!(" ({})", p.reference) }, p.recorded_by)}</li>
            }).collect_view()}
        </ul>
    })
}
