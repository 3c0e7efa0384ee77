//! The approval panel on "my week": where the week stands, what it waits
//! for, every decision so far, and the button that submits it. Submitting is
//! a plain form post, so it works before hydration too.

use crate::api::approvals::SubmitWeek;
use leptos::prelude::*;
use pespro::timesheet::{DecisionView, WeekApproval};
use pespro::week::Week;
use pespro::workflow::State;

#[component]
pub fn WeekApprovalPanel(
    week: Week,
    approval: WeekApproval,
    has_time: bool,
    submit: ServerAction<SubmitWeek>,
) -> impl IntoView {
    let (label, explanation) = match approval.state {
        State::Draft => {
            ("Not submitted", "Submit the week when it is complete; it is then locked while it is approved.")
        }
        State::Submitted => ("Submitted", "Waiting for approval. The week is locked until it is decided."),
        State::Approved => ("Approved", "This week is approved and locked. An administrator can reopen it if needed."),
        State::Rejected => ("Sent back", "The week was sent back: see why below, change it and submit it again."),
    };
    let can_submit = matches!(approval.state, State::Draft | State::Rejected) && has_time;
    let error = move || submit.value().get().and_then(Result::err).map(|e| e.to_string());
    let waiting = approval.waiting_for.map(|sentence| {
        view! { <p data-testid="waiting-for" class="mt-1 text-sm text-slate-700">{format!("Waiting for: {sentence}")}</p> }
    });
    let decisions = (!approval.decisions.is_empty()).then(|| {
        view! {
            <ul data-testid="decisions" class="mt-2 space-y-1 text-sm">
                {approval.decisions.into_iter().map(|d| view! { <DecisionLine d /> }).collect_view()}
            </ul>
        }
    });
    view! {
        <section aria-labelledby="approval-heading" class="mt-4 rounded border border-slate-200 bg-white p-4">
            <div class="flex flex-wrap items-center justify-between gap-3">
                <div>
                    <h2 id="approval-heading" class="font-semibold">
                        "Approval: " <span data-testid="week-state">{label}</span>
                    </h2>
                    <p class="text-sm text-slate-600">{explanation}</p>
                    {waiting}
                </div>
                {can_submit.then(|| view! {
                    <ActionForm action=submit>
                        <input type="hidden" name="week" value=week.to_string() />
                        <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                            "Submit week for approval"
                        </button>
                    </ActionForm>
                })}
            </div>
            <p role="alert" class="min-h-5 text-sm text-red-700">{error}</p>
            {decisions}
        </section>
    }
}

#[component]
pub fn DecisionLine(d: DecisionView) -> impl IntoView {
    let verb = if d.approve { "approved" } else { "sent it back" };
    let comment = (!d.comment.is_empty()).then(|| format!(": “{}”", d.comment));
    view! { <li>{format!("{} {verb} on {}", d.by, d.at)}{comment}</li> }
}
