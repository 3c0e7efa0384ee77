//! `/settings/reports`: what the firm's reports count, in words, with the
//! choices the firm may make — the utilization formula, the usual week's
//! hours, and each person's own week (a part-timer's 20 hours). Every
//! report shows the chosen definition under its chart.

use crate::api::report_settings::{SaveCapacity, SaveReportDefinitions, load_report_definitions};
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::reports::definitions::{ReportDefinitions, capacity_text};
use pespro::reports::utilization::UtilizationBasis;

const INPUT: &str = "mt-1 block w-28 rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";
const BUTTON: &str = "rounded bg-brand px-3 py-1.5 font-medium text-on-brand hover:opacity-90";

fn reload_when_saved(version: impl Fn() -> usize + 'static, saved: impl Fn() -> bool + 'static, to: &'static str) {
    crate::components::saved_form::on_new_answer(version, move || {
        if saved() {
            let _ = window().location().set_href(to);
        }
    });
}

#[component]
pub fn ReportSettingsPage() -> impl IntoView {
    if let Err(instead) =
        require(Permission::ManageFirmSettings, "Only the firm's administrators set what reports count.")
    {
        return instead;
    }
    let definitions = Resource::new(|| (), |_| load_report_definitions());
    let query = use_query_map();
    let saved = move || {
        query.with(|q| match q.get("saved").as_deref() {
            Some("firm") => Some("Saved: the reports count the new way from now on."),
            Some("person") => Some("Saved: that person's week."),
            _ => None,
        })
    };
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Report definitions"</h1>
        <p class="mt-1 max-w-2xl text-sm text-slate-600">
            "What each number on " <a class="text-brand underline" href="/reports">"the reports"</a>
            " means, and the choices the firm makes about them."
        </p>
        <p role="status" data-testid="report-settings-saved" class="mt-2 min-h-5 text-sm text-green-700">{saved}</p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match definitions.await {
                    Ok(definitions) => view! {
                        <FirmForm definitions=definitions.clone() />
                        <FixedDefinitions />
                        <People definitions />
                    }
                    .into_any(),
                    Err(error) => view! { <p role="alert" class="mt-4 text-red-700">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn FirmForm(definitions: ReportDefinitions) -> impl IntoView {
    let save = ServerAction::<SaveReportDefinitions>::new();
    let done = move || matches!(save.value().get_untracked(), Some(Ok(())));
    reload_when_saved(move || save.version().get(), done, "/settings/reports?saved=firm");
    let refused = move |field: &'static str| save.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let formulas = UtilizationBasis::ALL
        .into_iter()
        .map(|basis| {
            let (id, label_for) = (format!("basis-{}", basis.key()), format!("basis-{}", basis.key()));
            view! {
                <label for=label_for class="mt-2 flex gap-2 text-sm">
                    <input id=id type="radio" name="basis" value=basis.key() checked=basis == definitions.basis class="mt-1 accent-brand" />
                    <span>{basis.definition()}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="utilization-heading" class="mt-4 max-w-2xl rounded border border-slate-200 bg-white p-4">
            <h2 id="utilization-heading" class="font-semibold">"Utilization"</h2>
            <ActionForm action=save>
                <fieldset class="mt-2">
                    <legend class="text-sm text-slate-700">"What counts as used time"</legend>
                    {formulas}
                </fieldset>
                <p class="min-h-5 text-sm text-red-700" role="alert">{move || refused("basis")}</p>
                <label class="mt-2 block text-sm">"Hours in the firm's usual week"
                    <input name="capacity" value=capacity_text(definitions.weekly_capacity) inputmode="decimal"
                        aria-describedby="capacity-error" class=INPUT data-testid="firm-capacity" />
                </label>
                <p id="capacity-error" class="min-h-5 text-sm text-red-700" role="alert">{move || refused("capacity")}</p>
                <button type="submit" class=BUTTON>"Save definitions"</button>
            </ActionForm>
        </section>
    }
}

/// The reports whose definitions have no choice yet, in words.
#[component]
fn FixedDefinitions() -> impl IntoView {
    view! {
        <section aria-labelledby="fixed-heading" class="mt-4 max-w-2xl rounded border border-slate-200 bg-white p-4 text-sm">
            <h2 id="fixed-heading" class="font-semibold">"Realization, budget burn, unbilled work, receivables and hours"</h2>
            <p class="mt-2">
                "Realization = billed ÷ worked value: what invoices issued in the period charged for their time "
                "and expenses, less credit notes, against what that work was worth at the rates it was recorded at."
            </p>
            <p class="mt-2">
                "Budget used = time recorded on an engagement up to today, in hours, or for a budget in money its "
                "value at the rates it was recorded at. The forecast runs at the pace of the last 28 days."
            </p>
            <p class="mt-2">
                "Unbilled work = approved, billable time and expenses no invoice has taken yet, valued as a draft "
                "invoice would value them, aged by the day the work was done."
            </p>
            <p class="mt-2">
                "Receivables = the totals of sent invoices less the payments and credit notes applied to them, at the "
                "end of each week or month of the period; overdue = owed past its due date on that day."
            </p>
            <p class="mt-2">
                "Hours = all time recorded in the period, whatever its approval state, grouped as the reader chooses; "
                "billable = the part recorded as billable."
            </p>
        </section>
    }
}

#[component]
fn People(definitions: ReportDefinitions) -> impl IntoView {
    let firm = capacity_text(definitions.weekly_capacity);
    let rows = definitions
        .people
        .into_iter()
        .map(|(user_id, name, own)| view! { <PersonRow user_id name own firm=firm.clone() /> })
        .collect_view();
    view! {
        <section aria-labelledby="people-heading" class="mt-4 max-w-2xl rounded border border-slate-200 bg-white p-4">
            <h2 id="people-heading" class="font-semibold">"People's own weeks"</h2>
            <p class="mt-1 text-sm text-slate-600">"Leave empty for the firm's usual week."</p>
            <ul class="mt-2 divide-y divide-slate-200" data-testid="people-capacity">{rows}</ul>
        </section>
    }
}

#[component]
fn PersonRow(user_id: i64, name: String, own: Option<pespro::money::Minutes>, firm: String) -> impl IntoView {
    let save = ServerAction::<SaveCapacity>::new();
    let done = move || matches!(save.value().get_untracked(), Some(Ok(())));
    reload_when_saved(move || save.version().get(), done, "/settings/reports?saved=person");
    let refused = move || {
        save.value().get().and_then(Result::err).map(|e| e.for_field("capacity").unwrap_or_else(|| e.to_string()))
    };
    let (field, label_for) = (format!("capacity-{user_id}"), format!("capacity-{user_id}"));
    let (error, described_by) = (format!("capacity-{user_id}-error"), format!("capacity-{user_id}-error"));
    view! {
        <li class="py-2">
            <ActionForm action=save attr:class="flex flex-wrap items-center gap-x-3">
                <input type="hidden" name="user_id" value=user_id />
                <label for=label_for class="w-48 text-sm">{name}</label>
                <input id=field name="capacity" value=own.map(capacity_text).unwrap_or_default() placeholder=firm
                    inputmode="decimal" aria-describedby=described_by class=INPUT />
                <button type="submit" class=BUTTON>"Save"</button>
                <p id=error role="alert" class="w-full text-sm text-red-700">{refused}</p>
            </ActionForm>
        </li>
    }
}
