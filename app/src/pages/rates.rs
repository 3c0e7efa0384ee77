//! Rates (`/settings/rates`), for administrators: the firm's rate rules,
//! recent entries with the rate they got and why, and adding a rule — a
//! plain GET form to the preview (`/settings/rates/preview`), which shows
//! what the rule would re-price before "Confirm" saves it. Works before
//! hydration: the preview is a page, the confirmation a plain post.

use crate::api::rates::{AddRate, RatesPage as RatesData, load_rates, preview_rate};
use crate::components::guard::require;
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::{Permission, Role};
use pespro::rates::{RateForm, RateKind, RepricePreview};

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";
const LABEL: &str = "block text-sm font-medium text-slate-700";
const FIELDS: [&str; 9] =
    ["kind", "scope", "role", "user_id", "client_id", "engagement_id", "amount", "currency", "effective_from"];

fn kind_label(kind: RateKind) -> &'static str {
    match kind {
        RateKind::Billable => "Billable",
        RateKind::Cost => "Cost",
    }
}

#[component]
pub fn RatesPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageFirmSettings, "Only the firm's administrators manage rates.") {
        return instead;
    }
    let repriced = use_query_map().with_untracked(|q| q.get("repriced"));
    let data = Resource::new(|| (), |_| load_rates());
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Rates"</h1>
        <p class="text-sm text-slate-600">"The most specific rule prices an entry: engagement + person, engagement, person, client, role, then the firm default."</p>
        {repriced.map(|n| view! { <p role="status" data-testid="rate-added" class="mt-3 rounded bg-green-50 p-3 text-green-800">{format!("Rate added; {n} open entries re-priced.")}</p> })}
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <Rates data /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

fn options(choices: Vec<(i64, String)>) -> impl IntoView {
    view! {
        <option value="">"—"</option>
        {choices.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
    }
}

#[component]
fn Rates(data: RatesData) -> impl IntoView {
    let RatesData { rules, recent, people, clients, engagements, currency } = data;
    let formats = crate::components::formats::use_formats();
    let rules_view = if rules.is_empty() {
        view! { <p data-testid="rates-empty" class="mt-4 text-slate-500">"No rates yet: entries stay unpriced until a firm default is added below."</p> }.into_any()
    } else {
        view! {
            <ScrollRegion label="Rates">
            <table data-testid="rates" class="mt-4 w-full text-left text-sm">
                <thead><tr><th>"Kind"</th><th>"For"</th><th>"Per hour"</th><th>"Effective from"</th></tr></thead>
                <tbody>
                    {rules.into_iter().map(|r| view! {
                        <tr class="border-t border-slate-200">
                            <td>{kind_label(r.kind)}</td><td>{r.scope}</td><td>{formats.amount(r.hourly.minor, r.hourly.currency)}</td><td>{formats.date(r.effective_from)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </ScrollRegion>
        }
        .into_any()
    };
    view! {
        {rules_view}
        <h2 class="mt-6 text-lg font-semibold">"Add a rate"</h2>
        <form method="get" action="/settings/rates/preview" class="mt-2 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-3">
            <div><label for="rate-kind" class=LABEL>"Kind"</label>
                <select id="rate-kind" name="kind" class=INPUT><option value="billable">"Billable"</option><option value="cost">"Cost"</option></select></div>
            <div><label for="rate-scope" class=LABEL>"For"</label>
                <select id="rate-scope" name="scope" class=INPUT>
                    <option value="firm">"Firm default"</option><option value="role">"A role"</option><option value="person">"A person"</option>
                    <option value="client">"A client"</option><option value="engagement">"An engagement"</option>
                    <option value="engagement_person">"A person on an engagement"</option>
                </select></div>
            <div><label for="rate-role" class=LABEL>"Role"</label>
                <select id="rate-role" name="role" class=INPUT><option value="">"—"</option>
                    {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                </select></div>
            <div><label for="rate-person" class=LABEL>"Person"</label><select id="rate-person" name="user_id" class=INPUT>{options(people)}</select></div>
            <div><label for="rate-client" class=LABEL>"Client"</label><select id="rate-client" name="client_id" class=INPUT>{options(clients)}</select></div>
            <div><label for="rate-engagement" class=LABEL>"Engagement"</label><select id="rate-engagement" name="engagement_id" class=INPUT>{options(engagements)}</select></div>
            <div><label for="rate-amount" class=LABEL>"Per hour"</label><input id="rate-amount" name="amount" required placeholder=format!("180{}50", formats.number.decimal_mark()) class=INPUT /></div>
            <div><label for="rate-currency" class=LABEL>"Currency"</label><input id="rate-currency" name="currency" value=currency class=INPUT /></div>
            <div><label for="rate-from" class=LABEL>"Effective from"</label><input id="rate-from" name="effective_from" type="date" required class=INPUT /></div>
            <div><button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Preview"</button></div>
        </form>
        <h2 class="mt-6 text-lg font-semibold">"Why this rate: recent entries"</h2>
        <ScrollRegion label="Rates on recent entries">
        <table data-testid="stamped" class="mt-2 w-full text-left text-sm">
            <thead><tr><th>"Date"</th><th>"Person"</th><th>"Engagement"</th><th>"Status"</th><th>"Billable rate"</th><th>"Why"</th></tr></thead>
            <tbody>
                {recent.into_iter().map(|e| view! {
                    <tr class="border-t border-slate-200">
                        <td class="whitespace-nowrap">{formats.date(e.work_date)}</td><td>{e.person}</td><td>{e.engagement_code}</td><td>{e.status}</td>
                        <td>{e.billable.map_or_else(|| "—".to_owned(), |m| formats.amount(m.minor, m.currency))}</td>
                        <td>{e.explanation.unwrap_or_else(|| "No rate applies".to_owned())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </ScrollRegion>
    }
}

/// The form as the GET query carried it.
fn form_from_query() -> RateForm {
    use_query_map().with_untracked(|q| {
        let get = |name: &str| q.get(name).unwrap_or_default();
        RateForm {
            kind: get("kind"),
            scope: get("scope"),
            role: get("role"),
            user_id: get("user_id"),
            client_id: get("client_id"),
            engagement_id: get("engagement_id"),
            amount: get("amount"),
            currency: get("currency"),
            effective_from: get("effective_from"),
        }
    })
}

#[component]
pub fn RatePreviewPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageFirmSettings, "Only the firm's administrators manage rates.") {
        return instead;
    }
    let form = form_from_query();
    let preview = Resource::new(move || form.clone(), preview_rate);
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Preview the new rate"</h1>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(result) => view! { <Preview result form=form_from_query() /> }.into_any(),
                    Err(e) => view! {
                        <p role="alert" data-testid="preview-error" class="mt-4 text-red-700">{e.to_string()}</p>
                        <a href="/settings/rates" class="underline">"Back to rates"</a>
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Preview(result: RepricePreview, form: RateForm) -> impl IntoView {
    let add = ServerAction::<AddRate>::new();
    let error = move || add.value().get().and_then(Result::err).map(|e| e.to_string());
    // Per-hour rates and amounts without their currency, which the
    // summary names once; written in the firm's number format.
    let formats = crate::components::formats::use_formats();
    let money = move |minor: i64| formats.decimal(minor, 2);
    let total = money(result.total_delta_minor());
    let values = [
        &form.kind,
        &form.scope,
        &form.role,
        &form.user_id,
        &form.client_id,
        &form.engagement_id,
        &form.amount,
        &form.currency,
        &form.effective_from,
    ]
    .map(ToOwned::to_owned);
    view! {
        <p data-testid="preview-summary" class="mt-3">
            {format!("{} open entries would be re-priced (total change {total} {}); {} approved entries stay as they are.",
                result.changes.len(), form.currency.trim().to_uppercase(), result.skipped_locked)}
        </p>
        <ScrollRegion label="Changes">
        <table data-testid="preview-changes" class="mt-2 w-full text-left text-sm">
            <thead><tr><th>"Entry"</th><th>"Per hour"</th><th>"Amount"</th><th>"Why"</th></tr></thead>
            <tbody>
                {result.changes.into_iter().map(|c| view! {
                    <tr class="border-t border-slate-200">
                        <td>{format!("#{}", c.entry_id)}</td>
                        <td>{format!("{} → {}", money(c.from_hourly_minor), c.to_hourly_minor.map_or_else(|| "—".to_owned(), money))}</td>
                        <td>{format!("{} → {}", money(c.from_amount_minor), c.to_amount_minor.map_or_else(|| "—".to_owned(), money))}</td>
                        <td>{c.explanation}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </ScrollRegion>
        <ActionForm action=add attr:class="mt-4 flex items-center gap-3">
            {FIELDS.into_iter().zip(values).map(|(name, value)| view! {
                <input type="hidden" name=format!("form[{name}]") value=value />
            }).collect_view()}
            <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Confirm"</button>
            <a href="/settings/rates" class="underline">"Cancel"</a>
        </ActionForm>
        <p role="alert" class="min-h-5 text-sm text-red-700">{error}</p>
    }
}
