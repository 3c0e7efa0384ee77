//! The firm's tax rates, on the invoice settings page: the rates its
//! invoices may carry and which of them apply by default.

use super::invoices::INPUT;
use crate::api::invoice_settings::{AddTaxRate, ArchiveTaxRate};
use leptos::prelude::*;
use pespro::invoice::views::TaxRateView;

#[component]
pub fn TaxRates(
    taxes: Vec<TaxRateView>,
    add: ServerAction<AddTaxRate>,
    archive: ServerAction<ArchiveTaxRate>,
) -> impl IntoView {
    let problem =
        move |field: &'static str| move || add.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let list = if taxes.is_empty() {
        view! { <p class="text-sm text-slate-500">"No tax rates yet: invoices carry no tax until you add one."</p> }
            .into_any()
    } else {
        view! {
            <ul data-testid="tax-rates" class="mt-1 space-y-1 text-sm">
                {taxes.into_iter().map(|t| view! {
                    <li class="flex items-center gap-3">
                        <span>{t.label.clone()}</span>
                        {t.is_default.then(|| view! { <span class="rounded bg-slate-100 px-2 text-xs">"applies by default"</span> })}
                        <ActionForm action=archive>
                            <input type="hidden" name="tax_rate_id" value=t.tax_rate_id.to_string() />
                            <button type="submit" aria-label=format!("Remove {}", t.label) class="text-red-700 underline">"Remove"</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2 class="mt-8 text-lg font-semibold">"Tax rates"</h2>
        <p class="text-sm text-slate-600">"Several rates may apply together (GST and QST). Tax is computed once per rate on the invoice's taxable total and rounded to the cent, half away from zero."</p>
        {list}
        <ActionForm action=add attr:class="mt-2 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-4">
            <div>
                <label for="tax-name" class="block text-sm font-medium text-slate-700">"Name"</label>
                <input id="tax-name" name="name" placeholder="VAT" autocomplete="off" class=INPUT />
                <p class="min-h-5 text-sm text-red-700">{problem("name")}</p>
            </div>
            <div>
                <label for="tax-rate" class="block text-sm font-medium text-slate-700">"Rate (%)"</label>
                <input id="tax-rate" name="rate" placeholder="20" inputmode="decimal" autocomplete="off" class=INPUT />
                <p class="min-h-5 text-sm text-red-700">{problem("rate")}</p>
            </div>
            <label class="flex items-center gap-2 self-center text-sm"><input type="checkbox" name="is_default" checked=true />"Applies by default"</label>
            <div class="self-center"><button type="submit" class="rounded border border-slate-300 px-4 py-2 font-medium">"Add rate"</button></div>
        </ActionForm>
    }
}
