//! An engagement's page (`/engagements/:id`). It opens on how much of the
//! budget is used and its summary (`engagement_summary`: the burn chart,
//! its people, time by person and the latest entries), and keeps its terms
//! (billing model, fee, a retainer's included hours, budget, dates, owner,
//! members) behind "Edit engagement". Managers and administrators edit, and
//! may delete an engagement created by mistake; everyone in the firm may
//! read.

use super::engagement_fields::EngagementFields;
use super::engagement_summary::EngagementSummaryView;
use crate::api::engagements::{DeleteEngagement, SaveEngagement, load_engagement};
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pespro::access::Permission;
use pespro::engagement::views::EngagementPage;

#[component]
pub fn EngagementDetailPage() -> impl IntoView {
    let me = match require(Permission::ViewPractice, "Sign in to see this engagement.") {
        Ok(me) => me,
        Err(instead) => return instead,
    };
    let may_edit = me.may(Permission::ManageClients);
    let save = ServerAction::<SaveEngagement>::new();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default());
    let page = Resource::new(move || (id(), save.version().get()), |(id, _)| load_engagement(id));
    view! {
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Engagement page may_edit save /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Engagement(page: EngagementPage, may_edit: bool, save: ServerAction<SaveEngagement>) -> impl IntoView {
    let EngagementPage { engagement_id, client_id, client_name, form, logged, burn, people, summary } = page;
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || save.value().get().and_then(Result::ok).map(|()| "Saved.");
    let burn_view = match burn {
        Some(b) => {
            let width = format!("width: {}%", b.percent.min(100));
            let colour = if b.over { "bg-red-600" } else { "bg-chart" };
            let used = format!("Budget used: {} of {} ({}%)", b.used, b.budget, b.percent);
            view! {
                <div data-testid="burn" class="mt-2">
                    <p class="text-sm">{used.clone()}
                        {b.over.then(|| view! { <strong class="ml-2 text-red-700">"Over budget"</strong> })}
                    </p>
                    // Read out as the sentence above; the bar stops at full.
                    <div class="mt-1 h-2 w-full rounded bg-slate-200" role="progressbar" aria-label="Budget used"
                        aria-valuemin="0" aria-valuemax="100" aria-valuenow=b.percent.min(100).to_string() aria-valuetext=used>
                        <div class=format!("h-2 rounded {colour}") style=width></div>
                    </div>
                </div>
            }
            .into_any()
        }
        None => {
            view! { <p class="mt-2 text-sm text-slate-600">{format!("Time logged: {logged} h. No budget set.")}</p> }
                .into_any()
        }
    };
    view! {
        <p class="text-sm"><a class="text-brand underline" href=format!("/clients/{client_id}")>{client_name}</a></p>
        <h1 class="text-2xl font-semibold tracking-tight">{format!("{} {}", form.code, form.name)}</h1>
        <p role="status" class="min-h-5 text-sm text-green-700">{saved}</p>
        {burn_view}
        <EngagementSummaryView summary />
        {if may_edit {
            // Editing waits behind its button (a `<details>`, so it opens
            // before hydration and from the keyboard); a refused save
            // reopens it, with the problem beside its field.
            let refused = move || error.get().is_some();
            view! {
                <details class="mt-6" open=refused>
                    <summary class="inline-block cursor-pointer rounded border border-slate-300 bg-white px-4 py-2 font-medium">
                        "Edit engagement"
                    </summary>
                    <ActionForm action=save attr:class="mt-3 rounded border border-slate-200 bg-white p-4">
                        <input type="hidden" name="engagement_id" value=engagement_id.to_string() />
                        <EngagementFields form people error prefix="edit" />
                        <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Save engagement"</button>
                    </ActionForm>
                </details>
                <DeleteEngagementForm engagement_id />
            }
            .into_any()
        } else {
            // A retainer's included hours matter to whoever logs time on it.
            let included = (!form.retainer_hours.is_empty()).then(|| {
                let beyond = if form.bill_overage.is_some() { "billed" } else { "not billed" };
                format!("; {} h included per {}, time beyond {beyond}", form.retainer_hours, form.retainer_period)
            });
            let billing = format!("Billing: {}{}", form.billing_model, included.unwrap_or_default());
            view! { <p class="mt-4 text-sm text-slate-600">{billing}</p> }.into_any()
        }}
    }
}

/// Deleting is behind a `<details>` so one stray key press can't do it.
/// The server refuses an engagement anything was recorded against.
#[component]
fn DeleteEngagementForm(engagement_id: i64) -> impl IntoView {
    let delete = ServerAction::<DeleteEngagement>::new();
    let refused = move || delete.value().get().and_then(Result::err).map(|e| e.to_string());
    view! {
        <details class="mt-4 text-sm">
            <summary class="cursor-pointer text-red-700 underline">"Delete this engagement"</summary>
            <ActionForm action=delete attr:class="mt-2 flex flex-wrap items-center gap-3">
                <input type="hidden" name="engagement_id" value=engagement_id.to_string() />
                <button type="submit" class="rounded border border-red-300 px-3 py-1.5 text-red-700 hover:bg-red-50">
                    "Delete for good"
                </button>
                <span class="text-slate-600">
                    "Only an engagement with no time, expenses or rates can be deleted. To stop new time on it, untick \"Open for time\" and save."
                </span>
            </ActionForm>
            <p role="alert" class="min-h-5 text-red-700">{refused}</p>
        </details>
    }
}
