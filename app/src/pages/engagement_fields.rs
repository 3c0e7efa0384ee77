//! The engagement form's fields, shared by "new engagement" on the client
//! page and the engagement page's edit form. Field names are
//! `form[...]`, as the server functions take one form struct. A retainer's
//! included hours are checked as typed, by the rule the server applies.

use crate::error::AppError;
use leptos::prelude::*;
use pespro::engagement::retainer::parse_retainer_hours;
use pespro::engagement::{BillingModel, EngagementForm, RETAINER_PERIODS};

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";

#[component]
pub fn EngagementFields(
    form: EngagementForm,
    people: Vec<(i64, String)>,
    error: Signal<Option<AppError>>,
    /// Distinguishes the ids of two forms on one page.
    prefix: &'static str,
) -> impl IntoView {
    let problem = move |field: &'static str| move || error.get().and_then(|e| e.for_field(field));
    let typed_hours = RwSignal::new(None::<String>);
    let check_hours = move |raw: String| typed_hours.set(parse_retainer_hours(&raw).err().map(|(_, message)| message));
    let id = move |field: &str| format!("{prefix}-{field}");
    let models = BillingModel::ALL
        .map(|m| view! { <option value=m.as_str() selected=form.billing_model == m.as_str()>{m.label()}</option> })
        .collect_view();
    let periods = RETAINER_PERIODS
        .map(|p| view! { <option value=p selected=form.retainer_period == p>{format!("per {p}")}</option> })
        .collect_view();
    // The new-engagement form leaves staffing to the engagement's own page.
    let staffing = !people.is_empty();
    let owners = people
        .iter()
        .map(|(user, name)| {
            view! { <option value=user.to_string() selected=form.owner_id == user.to_string()>{name.clone()}</option> }
        })
        .collect_view();
    let members = people
        .into_iter()
        .map(|(user, name)| {
            let checked = form.members.contains_key(&pespro::engagement::member_key(user));
            view! {
                <label class="mr-4 inline-flex items-center gap-1 text-sm">
                    <input type="checkbox" name=format!("form[members][{}]", pespro::engagement::member_key(user)) checked=checked />
                    {name}
                </label>
            }
        })
        .collect_view();
    let field = move |name: &'static str, label: &'static str, value: String, kind: &'static str| {
        view! {
            <div>
                <label for=id(name) class="block text-sm font-medium text-slate-700">{label}</label>
                <input id=id(name) name=format!("form[{name}]") type=kind value=value class=INPUT autocomplete="off" />
                <p class="min-h-5 text-sm text-red-700">{problem(name)}</p>
            </div>
        }
    };
    view! {
        <div class="grid gap-3 sm:grid-cols-4">
            {field("code", "Code", form.code.clone(), "text")}
            <div class="sm:col-span-3">{field("name", "Name", form.name.clone(), "text")}</div>
            <div>
                <label for=id("billing_model") class="block text-sm font-medium text-slate-700">"Billing"</label>
                <select id=id("billing_model") name="form[billing_model]" class=INPUT>{models}</select>
                <p class="min-h-5 text-sm text-red-700">{problem("billing_model")}</p>
            </div>
            {field("fee", "Fee (fixed fee or retainer)", form.fee.clone(), "text")}
            <div>
                <label for=id("retainer_period") class="block text-sm font-medium text-slate-700">"Retainer period"</label>
                <select id=id("retainer_period") name="form[retainer_period]" class=INPUT>
                    <option value="">"—"</option>
                    {periods}
                </select>
                <p class="min-h-5 text-sm text-red-700">{problem("retainer_period")}</p>
            </div>
            <div>
                <label for=id("retainer_hours") class="block text-sm font-medium text-slate-700">"Hours included per period"</label>
                <input id=id("retainer_hours") name="form[retainer_hours]" value=form.retainer_hours.clone() class=INPUT
                    placeholder="20 or 20:00" autocomplete="off" on:input=move |ev| check_hours(event_target_value(&ev)) />
                <p class="min-h-5 text-sm text-red-700">{move || typed_hours.get().or_else(problem("retainer_hours"))}</p>
            </div>
            <div class="self-center">
                <label class="flex items-center gap-2 text-sm font-medium text-slate-700">
                    <input type="checkbox" name="form[bill_overage]" checked=form.bill_overage.is_some() />
                    "Bill time beyond the included hours"
                </label>
                <p class="min-h-5 text-sm text-red-700">{problem("bill_overage")}</p>
            </div>
            {field("currency", "Currency (blank: the client's)", form.currency.clone(), "text")}
            <div>
                <label for=id("budget_kind") class="block text-sm font-medium text-slate-700">"Budget in"</label>
                <select id=id("budget_kind") name="form[budget_kind]" class=INPUT>
                    <option value="" selected=form.budget_kind.is_empty()>"No budget"</option>
                    <option value="hours" selected=form.budget_kind == "hours">"Hours"</option>
                    <option value="money" selected=form.budget_kind == "money">"Money"</option>
                </select>
                <p class="min-h-5 text-sm text-red-700">{problem("budget_kind")}</p>
            </div>
            {field("budget", "Budget", form.budget.clone(), "text")}
            {field("starts_on", "Starts", form.starts_on.clone(), "date")}
            {field("ends_on", "Ends", form.ends_on.clone(), "date")}
            {staffing.then(|| view! {
                <div>
                    <label for=id("owner_id") class="block text-sm font-medium text-slate-700">"Owner"</label>
                    <select id=id("owner_id") name="form[owner_id]" class=INPUT>
                        <option value="">"—"</option>
                        {owners}
                    </select>
                </div>
            })}
            <label class="flex items-center gap-2 self-center text-sm font-medium text-slate-700">
                <input type="checkbox" name="form[active]" checked=form.active.is_some() />
                "Open for time"
            </label>
            {staffing.then(|| view! {
                <fieldset class="sm:col-span-4">
                    <legend class="text-sm font-medium text-slate-700">"Members"</legend>
                    {members}
                    <p class="min-h-5 text-sm text-red-700">{problem("members")}</p>
                </fieldset>
            })}
        </div>
    }
}
