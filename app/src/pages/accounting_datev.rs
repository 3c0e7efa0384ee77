//! The accounting settings' last part: the tracking category and DATEV's
//! header numbers (only DATEV files use them).

use super::invoices::INPUT;
use crate::api::accounting::SaveAccountingSettings;
use leptos::prelude::*;
use pespro::accounting::form::MappingForm;

const LABEL: &str = "block text-sm font-medium text-slate-700";

#[component]
pub fn TrackingAndDatev(form: MappingForm, problem: ServerAction<SaveAccountingSettings>) -> impl IntoView {
    let error = move |field: &'static str| {
        view! { <p class="min-h-5 text-sm text-red-700">{move || problem.value().get().and_then(Result::err).and_then(|e| e.for_field(field))}</p> }
    };
    let number = move |id: &'static str, label: &'static str, value: String| {
        view! {
            <div>
                <label for=id class=LABEL>{label}</label>
                <input id=id name=format!("mapping[{id}]") value=value inputmode="numeric" autocomplete="off" class=INPUT />
                {error(id)}
            </div>
        }
    };
    view! {
        <section class="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2">
            <h2 class="text-lg font-semibold sm:col-span-2">"Tracking"</h2>
            <div>
                <label for="tracking" class=LABEL>"Tag each line with"</label>
                <select id="tracking" name="mapping[tracking]" class=INPUT>
                    <option value="none" selected=form.tracking == "none" || form.tracking.is_empty()>"Nothing"</option>
                    <option value="engagement" selected=form.tracking == "engagement">"Its engagement"</option>
                    <option value="client" selected=form.tracking == "client">"Its client's code"</option>
                </select>
            </div>
            <div>
                <label for="tracking_name" class=LABEL>"Tracking category's name there (e.g. Project)"</label>
                <input id="tracking_name" name="mapping[tracking_name]" value=form.tracking_name autocomplete="off" class=INPUT />
                {error("tracking_name")}
            </div>
        </section>
        <section class="grid gap-4 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2">
            <h2 class="text-lg font-semibold sm:col-span-2">"DATEV only"</h2>
            {number("datev_consultant", "Beraternummer (tax adviser)", form.datev_consultant)}
            {number("datev_client", "Mandantennummer (this firm)", form.datev_client)}
            {number("datev_fiscal_year_start_month", "Fiscal year starts in month (1–12)", form.datev_fiscal_year_start_month)}
            {number("datev_account_length", "Length of account numbers (4–8)", form.datev_account_length)}
        </section>
    }
}
