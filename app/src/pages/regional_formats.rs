//! The firm's date and number formats, on `/settings/regional`: each
//! choice shown as it writes the same day and amount, so nobody has to
//! decode "dd.mm.yyyy".

use crate::api::firm_formats::SetFirmFormats;
use crate::components::formats::use_formats;
use leptos::prelude::*;
use pespro::formats::{DateStyle, Formats, NumberStyle, SAMPLE_DAY};

const SELECT: &str = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";

#[component]
pub fn FormatsForm() -> impl IntoView {
    let save = ServerAction::<SetFirmFormats>::new();
    // Every page carries the formats from the server: once saved, load
    // this one afresh (without JavaScript the browser does so by itself).
    crate::components::saved_form::on_new_answer(
        move || save.version().get(),
        move || {
            if matches!(save.value().get_untracked(), Some(Ok(()))) {
                let _ = window().location().set_href("/settings/regional?formats=saved");
            }
        },
    );
    let current = use_formats();
    let query = leptos_router::hooks::use_query_map();
    let saved = move || {
        query
            .with(|q| q.get("formats").is_some())
            .then(|| format!("Saved: dates and numbers now read {}.", current.example()))
    };
    let refused = move |field: &'static str| {
        move || save.value().get().and_then(Result::err).map(|e| e.for_field(field).unwrap_or_else(|| e.to_string()))
    };
    let dates = DateStyle::ALL.map(|style| {
        let shown = Formats { date: style, ..current }.date(SAMPLE_DAY);
        view! { <option value=style.key() selected=style == current.date>{shown}</option> }
    });
    let numbers = NumberStyle::ALL.map(|style| {
        let shown = Formats { number: style, ..current }.decimal(123_450, 2);
        view! { <option value=style.key() selected=style == current.number>{shown}</option> }
    });
    view! {
        <section aria-labelledby="formats-heading" class="mt-6 max-w-md rounded border border-slate-200 bg-white p-4">
            <h2 id="formats-heading" class="font-semibold">"Dates and numbers"</h2>
            <p class="mt-1 text-sm text-slate-600">"How lists, forms, emails and exports write dates and amounts."</p>
            <ActionForm action=save>
                <label for="date-format" class="mt-3 block text-sm font-medium text-slate-700">"Dates"</label>
                <select id="date-format" name="date_format" aria-describedby="date-format-error" class=SELECT>{dates.to_vec()}</select>
                <p id="date-format-error" role="alert" class="min-h-5 text-sm text-red-700">{refused("date_format")}</p>
                <label for="number-format" class="block text-sm font-medium text-slate-700">"Numbers and amounts"</label>
                <select id="number-format" name="number_format" aria-describedby="number-format-error" class=SELECT>{numbers.to_vec()}</select>
                <p id="number-format-error" role="alert" class="min-h-5 text-sm text-red-700">{refused("number_format")}</p>
                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    "Save formats"
                </button>
            </ActionForm>
            <p role="status" data-testid="formats-saved" class="mt-2 min-h-5 text-sm text-green-700">{saved}</p>
        </section>
    }
}
