//! Accounting settings (`/settings/accounting`), for administrators: the
//! system the firm imports into and, in its words, the account (or product)
//! for each kind of income, the receivables and bank accounts, the code for
//! each tax, the name each client goes by and the tracking category. Codes
//! may stay empty: an export lists what it lacks and links here, to the
//! field (each has the id the export's list points at).

use super::invoices::INPUT;
use crate::api::accounting::{AccountingSettingsData, SaveAccountingSettings, load_accounting_settings};
use crate::components::guard::require;
use leptos::prelude::*;
use pespro::access::Permission;
use pespro::accounting::{Income, Target};

#[component]
pub fn AccountingSettingsPage() -> impl IntoView {
    if let Err(instead) =
        require(Permission::ChangeMoneyRules, "Only the firm's administrators change the accounting settings.")
    {
        return instead;
    }
    let save = ServerAction::<SaveAccountingSettings>::new();
    let data = Resource::new(move || save.version().get(), |_| load_accounting_settings());
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Accounting settings"</h1>
        <p class="mt-1 text-sm text-slate-600">
            "Where invoices, credit notes and payments go when you export them, and what each is called there. "
            <a href="/accounting" class="underline">"Export to accounting"</a>
        </p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <MappingForm data save /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

const LABEL: &str = "block text-sm font-medium text-slate-700";

#[component]
fn MappingForm(data: AccountingSettingsData, save: ServerAction<SaveAccountingSettings>) -> impl IntoView {
    let AccountingSettingsData { form, clients, saved } = data;
    let target = RwSignal::new(Target::parse(&form.target).unwrap_or_default());
    let problem =
        move |field: &'static str| move || save.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let done = move || save.value().get().and_then(Result::ok).map(|()| "Saved. The next export uses these settings.");
    let field_error = move |field: &'static str| view! { <p class="min-h-5 text-sm text-red-700">{problem(field)}</p> };
    let income_inputs = Income::ALL
        .into_iter()
        .map(|income| {
            let value = match income {
                Income::Hourly => form.hourly.clone(),
                Income::FixedFee => form.fixed_fee.clone(),
                Income::Retainer => form.retainer.clone(),
                Income::Other => form.other.clone(),
                Income::ExpenseRebill => form.expense_rebill.clone(),
            };
            let name = income.field().trim_start_matches("income-");
            let what = move || if target.get().income_is_item() { "Product or service" } else { "Account" };
            view! {
                <div>
                    <label for=income.field() class=LABEL>{what}" for "{income.label().to_lowercase()}</label>
                    <input id=income.field() name=format!("mapping[{name}]") value=value autocomplete="off" class=INPUT />
                    {field_error(match income {
                        Income::Hourly => "hourly",
                        Income::FixedFee => "fixed_fee",
                        Income::Retainer => "retainer",
                        Income::Other => "other",
                        Income::ExpenseRebill => "expense_rebill",
                    })}
                </div>
            }
        })
        .collect_view();
    let taxes = form
        .tax_keys
        .iter()
        .zip(&form.tax_codes)
        .enumerate()
        .map(|(i, (key, code))| {
            view! {
                <tr class="border-t border-slate-100">
                    <td class="py-1 pr-4 text-sm"><label for=format!("tax-{i}")>{key.clone()}</label></td>
                    <td class="py-1">
                        <input type="hidden" name=format!("mapping[tax_keys][{i}]") value=key.clone() />
                        <input id=format!("tax-{i}") name=format!("mapping[tax_codes][{i}]") value=code.clone() autocomplete="off" class=INPUT />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let customers = clients
        .iter()
        .zip(&form.customers)
        .enumerate()
        .map(|(i, ((code, name), customer))| {
            view! {
                <tr class="border-t border-slate-100">
                    <td class="py-1 pr-4 text-sm"><label for=format!("customer-{i}")>{name.clone()}" ("{code.clone()}")"</label></td>
                    <td class="py-1">
                        <input type="hidden" name=format!("mapping[client_codes][{i}]") value=code.clone() />
                        <input id=format!("customer-{i}") name=format!("mapping[customers][{i}]") value=customer.clone()
                            placeholder=name.clone() autocomplete="off" class=INPUT />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let tax_heading = move || target.get().tax_code_label();
    let customer_heading = move || {
        if target.get() == Target::Datev {
            "Debtor account (empty: the receivables account)"
        } else {
            "Name in the books (empty: as here)"
        }
    };
    view! {
        <p role="status" class="mt-2 min-h-5 text-sm text-green-700">{done}</p>
        {(!saved).then(|| view! { <p class="text-sm text-amber-800">"Not set up yet: choose a system and save to start exporting."</p> })}
        <ActionForm action=save attr:class="mt-2 space-y-6" attr:data-testid="accounting-settings">
            <section class="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2">
                <div>
                    <label for="target" class=LABEL>"Accounting system"</label>
                    <select id="target" name="mapping[target]" class=INPUT on:change=move |ev| {
                        target.set(Target::parse(&event_target_value(&ev)).unwrap_or_default())
                    }>
                        {Target::ALL.into_iter().map(|t| view! { <option value=t.as_str() selected=form.target == t.as_str()>{t.label()}</option> }).collect_view()}
                    </select>
                    {field_error("target")}
                </div>
                <div>
                    <label for="day-order" class=LABEL>"Dates in its files"</label>
                    <select id="day-order" name="mapping[day_order]" class=INPUT>
                        <option value="day_first" selected=form.day_order != "month_first">"31/12/2026 (day first)"</option>
                        <option value="month_first" selected=form.day_order == "month_first">"12/31/2026 (month first, US)"</option>
                    </select>
                </div>
            </section>
            <section class="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2">
                <h2 class="text-lg font-semibold sm:col-span-2">"Income"</h2>
                {income_inputs}
                <div>
                    <label for="receivables_account" class=LABEL>"Receivables account"</label>
                    <input id="receivables_account" name="mapping[receivables_account]" value=form.receivables_account.clone() autocomplete="off" class=INPUT />
                    {field_error("receivables_account")}
                </div>
                <div>
                    <label for="bank_account" class=LABEL>"Account payments are received into"</label>
                    <input id="bank_account" name="mapping[bank_account]" value=form.bank_account.clone() autocomplete="off" class=INPUT />
                    {field_error("bank_account")}
                </div>
            </section>
            <section id="tax_codes" class="rounded border border-slate-200 bg-white p-4">
                <h2 class="text-lg font-semibold">"Taxes"</h2>
                <table class="mt-2 w-full"><thead><tr class="text-left text-sm text-slate-500"><th class="font-normal">"Rates on an invoice"</th><th class="font-normal">{tax_heading}</th></tr></thead>
                <tbody>{taxes}</tbody></table>
                {field_error("tax_codes")}
            </section>
            <section id="customers" class="rounded border border-slate-200 bg-white p-4">
                <h2 class="text-lg font-semibold">"Clients"</h2>
                {clients.is_empty().then(|| view! { <p class="text-sm text-slate-500">"No clients yet."</p> })}
                <table class="mt-2 w-full"><thead><tr class="text-left text-sm text-slate-500"><th class="font-normal">"Client"</th><th class="font-normal">{customer_heading}</th></tr></thead>
                <tbody>{customers}</tbody></table>
                {field_error("customers")}
            </section>
            <super::accounting_datev::TrackingAndDatev form=form.clone() problem=save />
            <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Save accounting settings"</button>
        </ActionForm>
    }
}
