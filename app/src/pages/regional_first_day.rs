//! The first day of the firm's weeks, on `/settings/regional`: the first
//! column of every week grid and where each submitted week starts. Once a
//! week was submitted the choice is shown with the reason it is fixed,
//! rather than offered and then refused.

use crate::api::first_day::{SetFirstDay, WeekRule, load_week_rule};
use leptos::prelude::*;
use pespro::first_day::FirstDay;

#[component]
pub fn FirstDayForm() -> impl IntoView {
    let save = ServerAction::<SetFirstDay>::new();
    // Every page carries the first day from the server: once saved, load
    // this one afresh (without JavaScript the browser does so by itself).
    crate::components::saved_form::on_new_answer(
        move || save.version().get(),
        move || {
            if matches!(save.value().get_untracked(), Some(Ok(()))) {
                let _ = window().location().set_href("/settings/regional?first_day=saved");
            }
        },
    );
    let rule = Resource::new(|| (), |_| load_week_rule());
    let query = leptos_router::hooks::use_query_map();
    let saved = move || query.with(|q| q.get("first_day").is_some());
    let refused = move || {
        save.value().get().and_then(Result::err).map(|e| e.for_field("first_day").unwrap_or_else(|| e.to_string()))
    };
    view! {
        <section aria-labelledby="first-day-heading" class="mt-6 max-w-md rounded border border-slate-200 bg-white p-4">
            <h2 id="first-day-heading" class="font-semibold">"Weeks start on"</h2>
            <p class="mt-1 text-sm text-slate-600">
                "The first column of every week, and the seven days each submitted week holds. "
                "It can change until the first week is submitted."
            </p>
            <Transition fallback=|| view! { <p class="mt-3 text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match rule.await {
                        Ok(rule) => {
                            let message = saved()
                                .then(|| format!("Saved: weeks start on {}.", rule.first_day.name()));
                            view! {
                                <Choice rule=rule save=save />
                                <p role="status" data-testid="first-day-saved" class="mt-2 min-h-5 text-sm text-green-700">{message}</p>
                            }
                                .into_any()
                        }
                        Err(e) => view! { <p role="alert" class="mt-3 text-red-700">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <p id="first-day-error" role="alert" class="min-h-5 text-sm text-red-700">{refused}</p>
        </section>
    }
}

/// The three days as radio buttons, or the day and why it is fixed.
#[component]
fn Choice(rule: WeekRule, save: ServerAction<SetFirstDay>) -> impl IntoView {
    if let Some(reason) = rule.fixed {
        return view! { <p data-testid="first-day-fixed" class="mt-3 text-sm text-slate-700">{reason}</p> }.into_any();
    }
    let days = FirstDay::ALL.map(|day| {
        let (id, label_for) = (format!("first-day-{}", day.key()), format!("first-day-{}", day.key()));
        view! {
            <label for=label_for class="mr-4 inline-flex items-center gap-1.5 text-sm">
                <input id=id type="radio" name="first_day" value=day.key() checked=day == rule.first_day
                    aria-describedby="first-day-error" class="accent-brand" />
                {day.name()}
            </label>
        }
    });
    view! {
        <ActionForm action=save>
            <fieldset class="mt-3">
                <legend class="sr-only">"First day of the week"</legend>
                {days.to_vec()}
            </fieldset>
            <button type="submit" class="mt-3 rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                "Save first day"
            </button>
        </ActionForm>
    }
    .into_any()
}
