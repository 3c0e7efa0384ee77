//! One week opened in full by an approver (`/approvals/weeks/:id`): the
//! owner's week day by day with day totals, rates and budgets, every
//! decision in every round, and — while it waits for the viewer — the same
//! approve and send-back form as the inbox card. Read-only for the owner's
//! entries: an approver decides a week, never edits it.

use super::approval_entries::ApprovalEntries;
use super::approvals::{DecisionFields, week_decided};
use super::week_approval::DecisionLine;
use crate::api::approval_weeks::load_approval_week;
use crate::api::approvals::DecideTimesheet;
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pespro::access::Permission;
use pespro::money::Minutes;
use pespro::timesheet::ApprovalWeek;
use pespro::workflow::State;

#[component]
pub fn ApprovalWeekPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ApproveWork, "Only managers and administrators approve work.") {
        return instead;
    }
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default());
    let decide = ServerAction::<DecideTimesheet>::new();
    let page = Resource::new(move || (id(), decide.version().get()), |(id, _)| load_approval_week(id));
    let error = move || decide.value().get().and_then(Result::err).map(|e| e.to_string());
    let done = move || decide.value().get().and_then(Result::ok).map(week_decided);
    view! {
        <p><a href="/approvals" class="text-sm text-brand underline">"← Approvals"</a></p>
        <p role="alert" class="mt-2 min-h-5 text-sm text-red-700">{error}</p>
        <p role="status" class="min-h-5 text-sm text-green-700">{done}</p>
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(week) => view! { <FullWeek week decide /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn FullWeek(week: ApprovalWeek, decide: ServerAction<DecideTimesheet>) -> impl IntoView {
    let formats = crate::components::formats::use_formats();
    let ApprovalWeek { item, state, yours } = week;
    let state_word = match state {
        State::Approved => "approved",
        State::Submitted => "submitted",
        State::Draft | State::Rejected => "sent back",
    };
    let days = item.week.dates().map(|date| {
        let total =
            item.entries.iter().filter(|c| c.entry.work_date == date).fold(Minutes::ZERO, |t, c| t + c.entry.minutes);
        view! {
            <li class="rounded border border-slate-200 bg-white px-2 py-1 text-center">
                <span class="block text-xs text-slate-600">{formats.day(date)}</span>
                <span data-testid="day-total" class="font-medium">{total.to_string()}</span>
            </li>
        }
    });
    let decisions = (!item.decisions.is_empty()).then(|| {
        view! {
            <h2 class="mt-6 font-semibold">"Decisions"</h2>
            <ul data-testid="decisions" class="mt-1 space-y-1 text-sm">
                {item.decisions.into_iter().map(|d| view! { <DecisionLine d /> }).collect_view()}
            </ul>
        }
    });
    let form = yours.then(|| {
        let comment_id = format!("comment-{}", item.timesheet_id);
        view! {
            <ActionForm action=decide attr:class="mt-6 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
                <input type="hidden" name="timesheet_id" value=item.timesheet_id.to_string() />
                <DecisionFields comment_id />
            </ActionForm>
        }
    });
    view! {
        <h1 class="mt-2 text-2xl font-semibold tracking-tight">{format!("{} · {}", item.person, item.week)}</h1>
        <p class="text-slate-700">
            <span data-testid="approval-week-state">{format!("{} · {state_word}", item.minutes)}</span>
        </p>
        <p data-testid="approval-step" class="text-sm text-slate-600">{item.step}</p>
        <ul aria-label="Time per day" class="mt-4 grid grid-cols-4 gap-2 sm:grid-cols-7">{days}</ul>
        <h2 class="mt-6 font-semibold">"Entries"</h2>
        <ApprovalEntries entries=item.entries budgets=item.budgets />
        {decisions}
        {form}
    }
}
