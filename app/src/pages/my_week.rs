//! "My week" (`/time`): the signed-in person's time for one week, day by
//! day with totals, and a form to log time. Week links are plain links
//! (`?week=2026-W48`) and the form posts without JavaScript too; once
//! hydrated, the duration is checked as it is typed by the server's rule.

use super::timer::{TimerActions, TimerPanel};
use super::week_approval::WeekApprovalPanel;
use super::week_days::DayStrip;
use super::week_entries::{EntryActions, WeekEntries};
use super::week_grid::WeekGrid;
use crate::api::approvals::SubmitWeek;
use crate::api::my_week::{LogTime, LogWeekRow, MyWeekPage, TypedEntry, load_my_week};
use crate::components::guard::require;
use crate::components::saved_form::cleared_when_saved;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::money::Minutes;
use pespro::my_week::check_minutes;

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";

#[component]
pub fn MyWeekPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ViewPractice, "Sign in to record your time.") {
        return instead;
    }
    let log = ServerAction::<LogTime>::new();
    let submit = ServerAction::<SubmitWeek>::new();
    let log_row = ServerAction::<LogWeekRow>::new();
    let timer = TimerActions::new();
    let entries = EntryActions::default();
    let query = use_query_map();
    // The timer's last answer belongs to the week it was given on.
    Effect::new(move |shown: Option<Option<String>>| {
        let week = query.with(|q| q.get("week"));
        if shown.is_some_and(|shown| shown != week) {
            timer.forget();
        }
        week
    });
    let changes = move || {
        (log.version().get(), submit.version().get(), log_row.version().get(), timer.changes(), entries.changes())
    };
    let week = Resource::new(move || (query.with(|q| q.get("week")), changes()), |(week, _)| load_my_week(week));
    // The day a phone shows: changing it changes no data, so no reload.
    let day = Signal::derive(move || query.with(|q| q.get("day")));
    view! {
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading your week…"</p> }>
            {move || Suspend::new(async move {
                match week.await {
                    Ok(page) => view! { <Week page log submit log_row timer entries day /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Week(
    page: MyWeekPage,
    log: ServerAction<LogTime>,
    submit: ServerAction<SubmitWeek>,
    log_row: ServerAction<LogWeekRow>,
    timer: TimerActions,
    entries: EntryActions,
    /// `?day=`, as asked; see `pespro::day_view::shown_day`.
    day: Signal<Option<String>>,
) -> impl IntoView {
    let MyWeekPage { week, today, engagements, approval, timer: timer_data, typed_entry, typed_row } = page;
    let timer =
        timer_data.map(|t| view! { <TimerPanel running=t.running engagements=engagements.clone() actions=timer /> });
    let locked = approval.is_locked();
    let grid_rows = pespro::week_grid::rows(&week);
    let grid_engagements = engagements.clone();
    let shown = week.week;
    let selected = Signal::derive(move || pespro::day_view::shown_day(shown, day.get().as_deref(), today));
    let totals = week.totals.clone();
    view! {
        <div class="flex flex-wrap items-baseline justify-between gap-2">
            <h1 class="text-2xl font-semibold tracking-tight">{format!("My week · {shown}")}</h1>
            <nav aria-label="Weeks" class="flex gap-3 text-sm">
                <a class="text-brand underline" href=format!("/time?week={}", shown.previous())>"← Previous week"</a>
                <a class="text-brand underline" href="/time">"This week"</a>
                <a class="text-brand underline" href=format!("/time?week={}", shown.next())>"Next week →"</a>
            </nav>
        </div>
        {timer}
        <WeekApprovalPanel week=shown approval has_time=totals.total != Minutes::ZERO submit />
        {if locked {
            view! { <p data-testid="week-locked" class="mt-4 text-sm text-slate-600">"This week is locked: no time can be added to it."</p> }.into_any()
        } else {
            // A refused post's date stays as typed; otherwise the form logs
            // on the day shown (a phone's chosen day, else today or Monday).
            let typed_date = typed_entry.as_ref().map(|t| t.work_date.clone());
            let date = Signal::derive(move || typed_date.clone().unwrap_or_else(|| selected.get().to_string()));
            let typed = typed_entry.unwrap_or_else(|| TypedEntry { billable: true, ..TypedEntry::default() });
            view! { <LogTimeForm log engagements typed date /> }.into_any()
        }}
        <DayStrip days=week.days.clone() selected />
        {view! {
            <div class="hidden md:block">
                <WeekGrid week=shown rows=grid_rows totals=totals.clone() engagements=grid_engagements locked log_row typed=typed_row />
            </div>
        }
        .into_any()}
        <WeekEntries days=week.days totals selected actions=entries />
    }
}

#[component]
fn LogTimeForm(
    log: ServerAction<LogTime>,
    engagements: Vec<pespro::my_week::EngagementChoice>,
    /// What the form starts with: the defaults, or what a refused post held.
    typed: TypedEntry,
    /// The date field's value, which follows the day shown.
    date: Signal<String>,
) -> impl IntoView {
    let result = log.value();
    let server_error =
        move |field: &'static str| move || result.get().and_then(Result::err).and_then(|e| e.for_field(field));
    let typed_duration_error = RwSignal::new(None::<String>);
    let duration_error = move || typed_duration_error.get().or_else(server_error("duration"));
    let check_duration = move |raw: String| {
        let problem = match Minutes::parse(&raw) {
            Ok(m) => check_minutes(m).err().map(|e| e.to_string()),
            Err(e) => Some(e.to_string()),
        };
        typed_duration_error.set(if raw.trim().is_empty() { None } else { problem });
    };
    let logged = move || result.get().and_then(Result::ok).map(|_| "Logged.");
    let form = cleared_when_saved(move || log.version().get(), move || matches!(result.get(), Some(Ok(_))));
    let no_engagements = engagements.is_empty();
    let options = engagements
        .into_iter()
        .map(|e| {
            let chosen = e.engagement_id == typed.engagement_id;
            view! { <option value=e.engagement_id.to_string() selected=chosen>{e.label}</option> }
        })
        .collect_view();
    view! {
        <ActionForm action=log node_ref=form attr:class="mt-4 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-6">
            <div class="sm:col-span-2">
                <label for="log-engagement" class="block text-sm font-medium text-slate-700">"Engagement"</label>
                <select id="log-engagement" name="engagement_id" required class=INPUT>{options}</select>
                <p class="min-h-5 text-sm text-red-700">{server_error("engagement_id")}</p>
            </div>
            <div>
                <label for="log-date" class="block text-sm font-medium text-slate-700">"Date"</label>
                <input id="log-date" name="work_date" type="date" required value=date class=INPUT />
                <p class="min-h-5 text-sm text-red-700">{server_error("work_date")}</p>
            </div>
            <div>
                <label for="log-duration" class="block text-sm font-medium text-slate-700">"Duration"</label>
                <input id="log-duration" name="duration" required placeholder="1:30" autocomplete="off" class=INPUT value=typed.duration
                    on:input=move |ev| check_duration(event_target_value(&ev)) />
                <p id="log-duration-error" class="min-h-5 text-sm text-red-700">{duration_error}</p>
            </div>
            <div class="sm:col-span-2">
                <label for="log-notes" class="block text-sm font-medium text-slate-700">"Notes"</label>
                <input id="log-notes" name="notes" autocomplete="off" class=INPUT value=typed.notes />
                <p class="min-h-5 text-sm text-red-700">{server_error("notes")}</p>
            </div>
            <label class="flex items-center gap-2 sm:col-span-2">
                <input type="checkbox" name="billable" value="true" checked=typed.billable />
                <span class="text-sm font-medium text-slate-700">"Billable"</span>
            </label>
            <div class="flex items-center gap-3 sm:col-span-4">
                <button type="submit" disabled=no_engagements class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    "Log time"
                </button>
                <p role="status" class="text-sm text-green-700">{logged}</p>
            </div>
        </ActionForm>
    }
}
