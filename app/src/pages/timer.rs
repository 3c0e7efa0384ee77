//! The timer panel on "my week" (only for firms with the timer): start it on
//! an engagement, stop it to record the time, or discard it; when its week
//! was submitted while it ran, record it today instead. Plain forms, so it works
//! before hydration; once hydrated, the running time ticks every second
//! (before that it is as of the page's load).

use crate::api::timer::{DiscardTimer, RecordTimerToday, StartTimer, StopTimer, TIMER_WEEK_FIELD};
use leptos::prelude::*;
use pespro::money::Minutes;
use pespro::my_week::EngagementChoice;
use pespro::timer::{RunningTimer, clock_text};
use std::time::Duration;

/// The timer's four actions, made once by the page (its data reloads after each).
#[derive(Clone, Copy)]
pub struct TimerActions {
    pub start: ServerAction<StartTimer>,
    pub stop: ServerAction<StopTimer>,
    pub today: ServerAction<RecordTimerToday>,
    pub discard: ServerAction<DiscardTimer>,
}

impl TimerActions {
    /// Made inside the page's component: only the newest answer is shown
    /// (a "Recorded" must not outlive the discard that followed it).
    pub fn new() -> Self {
        let actions = Self {
            start: ServerAction::new(),
            stop: ServerAction::new(),
            today: ServerAction::new(),
            discard: ServerAction::new(),
        };
        let versions =
            [actions.start.version(), actions.stop.version(), actions.today.version(), actions.discard.version()];
        for (index, version) in versions.into_iter().enumerate() {
            Effect::new(move |seen: Option<usize>| {
                let now = version.get();
                if seen.is_some_and(|seen| seen != now) {
                    actions.forget_all_but(index);
                }
                now
            });
        }
        actions
    }

    /// Changes whenever any of them has answered.
    pub fn changes(&self) -> usize {
        self.start.version().get()
            + self.stop.version().get()
            + self.today.version().get()
            + self.discard.version().get()
    }

    /// Forgets every answer: a message belongs to the week it was given on.
    pub fn forget(&self) {
        self.forget_all_but(usize::MAX);
    }

    fn forget_all_but(&self, keep: usize) {
        if keep != 0 {
            self.start.value().set(None);
        }
        if keep != 1 {
            self.stop.value().set(None);
        }
        if keep != 2 {
            self.today.value().set(None);
        }
        if keep != 3 {
            self.discard.value().set(None);
        }
    }
}

#[component]
pub fn TimerPanel(
    running: Option<RunningTimer>,
    engagements: Vec<EngagementChoice>,
    actions: TimerActions,
) -> impl IntoView {
    let TimerActions { start, stop, today, discard } = actions;
    let error = move || {
        [start.value().get().and_then(Result::err), stop.value().get().and_then(Result::err)]
            .into_iter()
            .chain([today.value().get().and_then(Result::err), discard.value().get().and_then(Result::err)])
            .flatten()
            .next()
            .map(|e| e.to_string())
    };
    // Its week was submitted while it ran: offer the way out.
    let stuck =
        move || stop.value().get().and_then(Result::err).is_some_and(|e| e.for_field(TIMER_WEEK_FIELD).is_some());
    let done = move || {
        let recorded = |m: Option<Result<u32, _>>| m.and_then(Result::ok).map(Minutes);
        recorded(stop.value().get())
            .map(|m| format!("Recorded {m}."))
            .or_else(|| recorded(today.value().get()).map(|m| format!("Recorded {m} today.")))
            .or_else(|| recorded(discard.value().get()).map(|m| format!("Timer discarded; {m} not recorded.")))
    };
    let body = match running {
        Some(timer) => view! {
            <div class="flex flex-wrap items-center gap-3">
                <p data-testid="timer-running" class="text-sm">
                    {format!("Running on {} · ", timer.engagement_label)}
                    <RunningClock seconds_at_load=timer.running_seconds />
                    {(!timer.notes.is_empty()).then(|| format!(" · {}", timer.notes))}
                </p>
                <ActionForm action=stop>
                    <button type="submit" class="rounded bg-brand px-3 py-1.5 font-medium text-on-brand hover:opacity-90">"Stop timer"</button>
                </ActionForm>
                <Show when=stuck>
                    <ActionForm action=today>
                        <button type="submit" class="rounded border border-slate-300 px-3 py-1.5 font-medium">"Record it today instead"</button>
                    </ActionForm>
                </Show>
                <ActionForm action=discard>
                    <button type="submit" class="rounded border border-red-300 px-3 py-1.5 text-red-800 hover:bg-red-50">"Discard"</button>
                </ActionForm>
            </div>
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
            <p role="status" class="text-sm text-green-700">{done}</p>
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
