//! Features (`/settings/features`): what the firm has and why, for its
//! administrators, with a way to narrow what the plan gives — switch a
//! feature off, lower the seat limit — or reset it. Plain forms, so it
//! works before hydration.

use crate::api::features::{FeatureRow, SetFeature, load_features};
use crate::components::guard::require;
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use pespro::access::Permission;

const INPUT: &str = "w-28 rounded border border-slate-300 px-2 py-1 focus:outline-2 focus:outline-brand";
const BUTTON: &str = "rounded border border-brand px-3 py-1 text-sm font-medium text-brand hover:bg-slate-50";

#[component]
pub fn FeaturesPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageFirmSettings, "Only administrators can change the firm's features.")
    {
        return instead;
    }
    let change = ServerAction::<SetFeature>::new();
    let features = Resource::new(move || change.version().get(), |_| load_features());
    let result = change.value();
    let problem = move || result.get().and_then(Result::err).map(|e| e.to_string());
    let saved = move || result.get().and_then(Result::ok).map(|feature| format!("Saved: {feature}."));
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Features"</h1>
        <p role="alert" data-testid="feature-error" class="min-h-5 text-sm text-red-700">{problem}</p>
        <p role="status" class="min-h-5 text-sm text-green-700">{saved}</p>
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading the firm's features…"</p> }>
            {move || Suspend::new(async move {
                match features.await {
                    Ok((plan, rows)) => view! { <Features plan rows change /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Features(plan: String, rows: Vec<FeatureRow>, change: ServerAction<SetFeature>) -> impl IntoView {
    view! {
        <p class="mt-2 text-slate-600">
            "This firm is on the " <strong data-testid="plan">{plan}</strong>
            " plan. You can switch off what the plan includes, or lower the limit of people; PesPro changes the plan."
        </p>
        <ScrollRegion label="Features">
        <table class="mt-4 w-full border-collapse text-left text-sm">
            <thead>
                <tr class="border-b border-slate-300 text-slate-600">
                    <th scope="col" class="py-2 pr-4">"Feature"</th>
                    <th scope="col" class="py-2 pr-4">"Now"</th>
                    <th scope="col" class="py-2 pr-4">"Change"</th>
                </tr>
            </thead>
            <tbody>{rows.into_iter().map(|row| view! { <Feature row change /> }).collect_view()}</tbody>
        </table>
        </ScrollRegion>
    }
}

#[component]
fn Feature(row: FeatureRow, change: ServerAction<SetFeature>) -> impl IntoView {
    let controls = if !row.adjustable {
        view! { <span class="text-slate-500">"Set by PesPro"</span> }.into_any()
    } else {
        view! { <Controls row=row.clone() change /> }.into_any()
    };
    let testid = format!("feature-{}", row.key);
    view! {
        <tr class="border-t border-slate-100 align-top" data-testid=testid>
            <th scope="row" class="py-2 pr-4 font-medium">
                {row.description}
            </th>
            <td class="py-2 pr-4">
                <strong>{row.value}</strong>
                <span class="block text-slate-600" data-testid="why">{row.why}</span>
                {row.setting_refused.then(|| view! {
                    <span class="block text-amber-700">"Your setting is kept, but not used."</span>
                })}
            </td>
            <td class="py-2 pr-4">{controls}</td>
        </tr>
    }
}

/// The forms of an adjustable flag: switch off (when on) or set a lower
/// limit, and reset when the firm has a setting.
#[component]
fn Controls(row: FeatureRow, change: ServerAction<SetFeature>) -> impl IntoView {
    let has_setting = row.firm_setting.is_some();
    let (key, reset_key) = (row.key.clone(), row.key.clone());
    let narrow = if row.is_limit {
        let id = format!("limit-{key}");
        let current = row.firm_setting.unwrap_or_default();
        Some(
            view! {
                <ActionForm action=change attr:class="flex items-center gap-2">
                    <input type="hidden" name="form[flag]" value=key />
                    <input type="hidden" name="form[action]" value="set" />
                    <label for=id.clone() class="text-slate-700">"At most"</label>
                    <input id=id name="form[value]" inputmode="numeric" required class=INPUT
                        value=current />
                    <button type="submit" class=BUTTON>"Set limit"</button>
                </ActionForm>
            }
            .into_any(),
        )
    } else {
        (row.value == "On").then(|| {
            view! {
                <ActionForm action=change>
                    <input type="hidden" name="form[flag]" value=key />
                    <input type="hidden" name="form[action]" value="set" />
                    <input type="hidden" name="form[value]" value="off" />
                    <button type="submit" class=BUTTON>"Switch off"</button>
                </ActionForm>
            }
            .into_any()
        })
    };
    let reset = has_setting.then(|| {
        view! {
            <ActionForm action=change attr:class="mt-2">
                <input type="hidden" name="form[flag]" value=reset_key />
                <input type="hidden" name="form[action]" value="reset" />
                <button type="submit" class=BUTTON>"Reset to the plan"</button>
            </ActionForm>
        }
    });
    view! { {narrow} {reset} }
}
