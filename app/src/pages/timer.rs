//! The timer panel on "my week" (only for firms with the timer): start it on
//! an engagement, stop it to record the time. Plain forms, so it works
//! before hydration; once hydrated, the running time ticks every second
//! (before that it is as of the page's load).

use crate::api::timer::{StartTimer, StopTimer};
use leptos::prelude::*;
use pespro::my_week::EngagementChoice;
use pespro::timer::{RunningTimer, clock_text};
use std::time::Duration;

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
                    {format!("Running on {} · ", timer.engagement_label)}
                    <RunningClock seconds_at_load=timer.running_seconds />
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

/// The time a timer has run, counted on in the browser from what the server
/// said at load, by the browser's clock (a background tab's slowed ticks
/// don't make it fall behind). Screen readers aren't told every second.
#[component]
fn RunningClock(seconds_at_load: u64) -> impl IntoView {
    let seconds = RwSignal::new(seconds_at_load);
    // Effects run only in the browser, where the clock is.
    Effect::new(move |_| {
        let now = || leptos::web_sys::js_sys::Date::now();
        let loaded = now();
        let tick = move || {
            let since_load = ((now() - loaded) / 1000.0).max(0.0) as u64;
            seconds.set(seconds_at_load + since_load);
        };
        if let Ok(interval) = set_interval_with_handle(tick, Duration::from_secs(1)) {
            on_cleanup(move || interval.clear());
        }
    });
    view! { <span data-testid="timer-clock" aria-live="off" class="font-mono">{move || clock_text(seconds.get())}</span> " so far" }
}
