//! The timer panel on "my week" (only for firms with the timer): start it on
//! an engagement, stop it to record the time. Plain forms, so it works
//! before hydration; the elapsed time is as of the page's last load.

use crate::api::timer::{StartTimer, StopTimer};
use leptos::prelude::*;
use pespro::my_week::EngagementChoice;
use pespro::timer::RunningTimer;

#[component]
pub fn TimerPanel(
    running: Option<RunningTimer>,
    engagements: Vec<EngagementChoice>,
    start: ServerAction<StartTimer>,
    stop: ServerAction<StopTimer>,
) -> impl IntoView {
    let error = move || {
        let started = start.value().get().and_then(Result::err);
        started.or_else(|| stop.value().get().and_then(Result::err)).map(|e| e.to_string())
    };
    let stopped =
        move || stop.value().get().and_then(Result::ok).map(|m| format!("Recorded {}.", pespro::money::Minutes(m)));
    let body = match running {
        Some(timer) => view! {
            <ActionForm action=stop attr:class="flex flex-wrap items-center gap-3">
                <p data-testid="timer-running" class="text-sm">
                    {format!("Running on {} · {} so far", timer.engagement_label, timer.elapsed)}
                    {(!timer.notes.is_empty()).then(|| format!(" · {}", timer.notes))}
                </p>
                <button type="submit" class="rounded bg-brand px-3 py-1.5 font-medium text-on-brand hover:opacity-90">"Stop timer"</button>
            </ActionForm>
        }
        .into_any(),
        None => {
            let options = engagements
                .into_iter()
                .map(|e| view! { <option value=e.engagement_id.to_string()>{e.label}</option> })
                .collect_view();
            view! {
                <ActionForm action=start attr:class="flex flex-wrap items-end gap-3">
                    <label class="text-sm">"Engagement"
                        <select name="timer_engagement_id" class="mt-1 block max-w-72 rounded border border-slate-300 px-2 py-1">{options}</select>
                    </label>
                    <label class="text-sm">"What are you working on?"
                        <input name="timer_notes" class="mt-1 block w-56 rounded border border-slate-300 px-2 py-1" autocomplete="off" />
                    </label>
                    <input type="hidden" name="billable" value="true" />
                    <button type="submit" class="rounded border border-slate-300 px-3 py-1.5 font-medium">"Start timer"</button>
                </ActionForm>
            }
            .into_any()
        }
    };
    view! {
        <section aria-label="Timer" data-testid="timer" class="mt-4 rounded border border-slate-200 bg-white p-3">
            {body}
            <p role="alert" class="min-h-5 text-sm text-red-700">{error}</p>
            <p role="status" class="text-sm text-green-700">{stopped}</p>
        </section>
    }
}
