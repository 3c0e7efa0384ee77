//! Invoice settings (`/settings/invoicing`), for administrators: the number
//! format with a live preview of the next number (the same
//! `NumberPattern` rules run in the browser as on the server), when the
//! counter restarts, default grouping, payment terms, the texts printed on
//! every invoice, the design, and the firm's tax rates.

use super::invoices::INPUT;
use crate::api::invoice_settings::{
    AddTaxRate, ArchiveTaxRate, InvoiceSettingsData, SaveInvoiceSettings, load_invoice_settings,
};
use crate::components::guard::require;
use leptos::prelude::*;
use pespro::access::Permission;
use pespro::invoice::grouping::{ExpenseGrouping, Grouping};
use pespro::invoice::{Design, NumberPattern, Restart};

#[component]
pub fn InvoiceSettingsPage() -> impl IntoView {
    if let Err(instead) =
        require(Permission::ChangeMoneyRules, "Only the firm's administrators change invoice settings.")
    {
        return instead;
    }
    let save = ServerAction::<SaveInvoiceSettings>::new();
    let add = ServerAction::<AddTaxRate>::new();
    let archive = ServerAction::<ArchiveTaxRate>::new();
    let data = Resource::new(
        move || (save.version().get(), add.version().get(), archive.version().get()),
        |_| load_invoice_settings(),
    );
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Invoice settings"</h1>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Settings data save add archive /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Settings(
    data: InvoiceSettingsData,
    save: ServerAction<SaveInvoiceSettings>,
    add: ServerAction<AddTaxRate>,
    archive: ServerAction<ArchiveTaxRate>,
) -> impl IntoView {
    let InvoiceSettingsData { form, taxes, next_number, next_counter, today } = data;
    let problem =
        move |field: &'static str| move || save.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let saved = move || save.value().get().and_then(Result::ok).map(|()| "Saved. New drafts use these settings.");
    let pattern = RwSignal::new(form.number_pattern.clone());
    let restart = RwSignal::new(form.restart.clone());
    // The browser's own check and preview; before hydration the server's.
    let preview = move || {
        let restart = Restart::parse(&restart.get()).unwrap_or(Restart::Never);
        match NumberPattern::parse(&pattern.get(), restart) {
            Ok(p) => Ok(p.render(today, "ACME", next_counter)),
            Err(e) => Err(e.to_string()),
        }
    };
    let select = |name: &'static str, id: &'static str, options: Vec<(&'static str, &'static str)>, current: String| {
        view! {
            <select id=id name=format!("settings[{name}]") class=INPUT>
                {options.into_iter().map(|(value, label)| view! { <option value=value selected=current == value>{label}</option> }).collect_view()}
            </select>
        }
    };
    let checkbox = |name: &'static str, label: &'static str, on: bool| {
        view! {
            <label class="flex items-center gap-2 text-sm"><input type="checkbox" name=format!("settings[{name}]") checked=on />{label}</label>
        }
    };
    let field_error = move |field: &'static str| view! { <p class="min-h-5 text-sm text-red-700">{problem(field)}</p> };
    view! {
        <p role="status" class="mt-2 min-h-5 text-sm text-green-700">{saved}</p>
        <ActionForm action=save attr:class="mt-2 grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2" attr:data-testid="invoice-settings">
            <div>
                <label for="number-pattern" class="block text-sm font-medium text-slate-700">"Invoice numbers"</label>
                <input id="number-pattern" name="settings[number_pattern]" value=form.number_pattern.clone() autocomplete="off"
                    on:input=move |ev| pattern.set(event_target_value(&ev)) class=INPUT aria-describedby="number-help" />
                <p id="number-help" class="text-xs text-slate-500">"Tokens: {YYYY} {YY} {MM} {seq:4} (firm counter, 4 digits) {cseq:3} (counter per client) {client} (client code)."</p>
                <p data-testid="number-preview" class="text-sm" aria-live="polite">
                    {move || match preview() {
                        Ok(number) => view! { <span>"Next number: "<strong>{number}</strong></span> }.into_any(),
                        Err(problem) => view! { <span class="text-red-700">{problem}</span> }.into_any(),
                    }}
                </p>
                <noscript><p class="text-sm">{format!("Next number with the saved format: {next_number}")}</p></noscript>
                <p data-testid="number-error" class="min-h-5 text-sm text-red-700">{problem("number_pattern")}</p>
            </div>
            <div>
                <label for="counter-restart" class="block text-sm font-medium text-slate-700">"The counter restarts"</label>
                <select id="counter-restart" name="settings[restart]" class=INPUT on:change=move |ev| restart.set(event_target_value(&ev))>
                    {Restart::ALL.into_iter().map(|r| view! { <option value=r.as_str() selected=form.restart == r.as_str()>{r.label()}</option> }).collect_view()}
                </select>
                {field_error("restart")}
            </div>
            <div>
                <label for="credit-pattern" class="block text-sm font-medium text-slate-700">"Credit note numbers"</label>
                <input id="credit-pattern" name="settings[credit_pattern]" value=form.credit_pattern.clone() autocomplete="off" class=INPUT />
                {field_error("credit_pattern")}
            </div>
            <div>
                <label for="design" class="block text-sm font-medium text-slate-700">"Design"</label>
                {select("design", "design", Design::ALL.map(|d| (d.as_str(), d.label())).to_vec(), form.design.clone())}
                {field_error("design")}
            </div>
            <div>
                <label for="grouping" class="block text-sm font-medium text-slate-700">"Time lines, by default"</label>
                {select("grouping", "grouping", Grouping::ALL.map(|g| (g.as_str(), g.label())).to_vec(), form.grouping.clone())}
            </div>
            <div>
                <label for="expense-grouping" class="block text-sm font-medium text-slate-700">"Expense lines, by default"</label>
                {select("expense_grouping", "expense-grouping", ExpenseGrouping::ALL.map(|g| (g.as_str(), g.label())).to_vec(), form.expense_grouping.clone())}
            </div>
            <div>
                <label for="terms-kind" class="block text-sm font-medium text-slate-700">"Payment terms"</label>
                {select("terms_kind", "terms-kind", vec![("days", "Due a number of days after issue"), ("end_of_month", "Due days after the end of the month"), ("receipt", "Due on receipt")], form.terms_kind.clone())}
                <label for="terms-days" class="mt-2 block text-sm font-medium text-slate-700">"Days"</label>
                <input id="terms-days" name="settings[terms_days]" inputmode="numeric" value=form.terms_days.clone() class=INPUT />
                {field_error("terms_days")}
            </div>
            <div class="space-y-1">
                {checkbox("show_hours", "Show hours on invoices", form.show_hours.is_some())}
                {checkbox("show_rates", "Show rates on invoices", form.show_rates.is_some())}
                {checkbox("show_people", "Name the people who did the work in line details", form.show_people.is_some())}
                {checkbox("attach_receipts", "Attach receipts to emailed invoices", form.attach_receipts.is_some())}
            </div>
            <div>
                <label for="payment-details" class="block text-sm font-medium text-slate-700">"Bank and payment details"</label>
                <textarea id="payment-details" name="settings[payment_details]" rows="3" class=INPUT>{form.payment_details.clone()}</textarea>
                {field_error("payment_details")}
            </div>
            <div>
                <label for="footer" class="block text-sm font-medium text-slate-700">"Footer"</label>
                <textarea id="footer" name="settings[footer]" rows="3" class=INPUT>{form.footer.clone()}</textarea>
                {field_error("footer")}
            </div>
            <div class="sm:col-span-2"><button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Save settings"</button></div>
        </ActionForm>
        <super::invoice_taxes::TaxRates taxes add archive />
    }
}
