//! Approvals (`/approvals`): the timesheets waiting for the signed-in
//! approver, each with approve and send-back buttons, and, for
//! administrators, the locked weeks they may reopen with a reason. Every
//! form is a plain post, so the inbox works before hydration.

use super::approval_entries::ApprovalEntries;
use super::week_approval::DecisionLine;
use crate::api::approval_weeks::ApproveWeeks;
use crate::api::approvals::{DecideExpense, DecideTimesheet, Inbox, UnlockTimesheet, load_inbox};
use crate::components::guard::require;
use crate::components::saved_form::on_new_answer;
use leptos::prelude::*;
use pespro::access::Permission;
use pespro::timesheet::{ExpenseWaiting, InboxItem, LockedWeek};
use pespro::workflow::State;

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ApproveWork, "Only managers and administrators approve work.") {
        return instead;
    }
    let decide = ServerAction::<DecideTimesheet>::new();
    let unlock = ServerAction::<UnlockTimesheet>::new();
    let decide_expense = ServerAction::<DecideExpense>::new();
    let several = ServerAction::<ApproveWeeks>::new();
    let inbox = Resource::new(
        move || {
            let versions = (decide.version().get(), unlock.version().get(), decide_expense.version().get());
            (versions, several.version().get())
        },
        |_| load_inbox(),
    );
    // Only the action that answered last speaks: "Approved: the week is now
    // locked." must not stay beside an expense just sent back. Before
    // hydration (nothing answered here yet) a refused post's error shows.
    let last = RwSignal::new(None::<Answered>);
    on_new_answer(move || decide.version().get(), move || last.set(Some(Answered::Week)));
    on_new_answer(move || decide_expense.version().get(), move || last.set(Some(Answered::Expense)));
    on_new_answer(move || unlock.version().get(), move || last.set(Some(Answered::Unlock)));
    on_new_answer(move || several.version().get(), move || last.set(Some(Answered::Several)));
    let error = move || {
        let week = move || decide.value().get().and_then(Result::err);
        let expense = move || decide_expense.value().get().and_then(Result::err);
        let unlocked = move || unlock.value().get().and_then(Result::err);
        let together = move || several.value().get().and_then(Result::err);
        let refused = match last.get() {
            Some(Answered::Week) => week(),
            Some(Answered::Expense) => expense(),
            Some(Answered::Unlock) => unlocked(),
            Some(Answered::Several) => together(),
            None => week().or_else(expense).or_else(unlocked).or_else(together),
        };
        refused.map(|e| e.to_string())
    };
    let done = move || match last.get()? {
        Answered::Week => decide.value().get()?.ok().map(|state| week_decided(state).to_owned()),
        Answered::Expense => decide_expense.value().get()?.ok().map(|state| match state {
            State::Approved => "Expense approved.".to_owned(),
            State::Rejected => "Expense sent back to its owner.".to_owned(),
            _ => "Approval recorded; the expense now waits for the next step.".to_owned(),
        }),
        Answered::Unlock => {
            unlock.value().get()?.ok().map(|()| "Unlocked: its owner can change the week again.".to_owned())
        }
        Answered::Several => several.value().get()?.ok().map(|answer| answer.sentence()),
    };
    // Weeks the policy would not let this person approve, each with why.
    let not_approved = move || {
        let refused = (last.get() == Some(Answered::Several))
            .then(|| several.value().get().and_then(Result::ok))
            .flatten()
            .map(|answer| answer.refused)
            .unwrap_or_default();
        (!refused.is_empty()).then(|| {
            view! {
                <div data-testid="not-approved" role="alert" class="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
                    <p class="font-medium">"Not approved:"</p>
                    <ul class="list-disc pl-5">{refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Approvals"</h1>
        <p id="approvals-error" role="alert" class="mt-2 min-h-5 text-sm text-red-700">{error}</p>
        <p role="status" class="min-h-5 text-sm text-green-700">{done}</p>
        {not_approved}
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match inbox.await {
                    Ok(inbox) => view! { <InboxView inbox decide unlock decide_expense several /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// What deciding a week did, said where the approver is looking (the inbox
/// and the full week's page).
pub(crate) fn week_decided(state: State) -> &'static str {
    match state {
        State::Approved => "Approved: the week is now locked.",
        State::Rejected => "Sent back to its owner.",
        State::Draft | State::Submitted => "Approval recorded; the week now waits for the next step.",
    }
}

/// Which of the page's actions answered last.
#[derive(Clone, Copy, PartialEq)]
enum Answered {
    Week,
    Expense,
    Unlock,
    Several,
}

#[component]
fn InboxView(
    inbox: Inbox,
    decide: ServerAction<DecideTimesheet>,
    unlock: ServerAction<UnlockTimesheet>,
    decide_expense: ServerAction<DecideExpense>,
    several: ServerAction<ApproveWeeks>,
) -> impl IntoView {
    let Inbox { waiting, locked, expenses, invoices } = inbox;
    let invoices = (!invoices.is_empty()).then(|| {
        view! {
            <h2 class="mt-8 text-lg font-semibold">"Invoices"</h2>
            <ul data-testid="invoice-inbox" class="mt-2 space-y-2">
                {invoices.into_iter().map(|item| view! {
                    <li class="rounded border border-slate-200 bg-white p-4">
                        <a class="font-semibold text-brand underline" href=format!("/invoices/{}", item.invoice_id)>{item.summary}</a>
                        <p class="text-sm text-slate-600">{item.step}</p>
                    </li>
                }).collect_view()}
            </ul>
        }
    });
    let expenses = (!expenses.is_empty()).then(|| {
        view! {
            <h2 class="mt-8 text-lg font-semibold">"Expenses"</h2>
            <ul data-testid="expense-inbox" class="mt-2 space-y-4">
                {expenses.into_iter().map(|item| view! { <ExpenseItem item decide=decide_expense /> }).collect_view()}
            </ul>
        }
    });
    let waiting = if waiting.is_empty() {
        view! { <p data-testid="inbox-empty" class="mt-4 text-slate-500">"Nothing is waiting for you. Submitted weeks you can approve will appear here."</p> }.into_any()
    } else {
        let several_waiting = waiting.len() > 1;
        let together = several_waiting.then(|| view! { <ApproveTogether several /> });
        view! {
            {together}
            <ul data-testid="inbox" class="mt-4 space-y-4">
                {waiting
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| view! { <WaitingItem item tick=several_waiting.then_some(index) decide /> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let locked = (!locked.is_empty()).then(|| {
        view! {
            <h2 class="mt-8 text-lg font-semibold">"Locked weeks"</h2>
            <p class="text-sm text-slate-600">"Reopen a submitted or approved week so its owner can correct it. The reason is kept in the audit log."</p>
            <ul data-testid="locked-weeks" class="mt-2 space-y-2">
                {locked.into_iter().map(|week| view! { <LockedRow week unlock /> }).collect_view()}
            </ul>
        }
    });
    view! { {waiting} {expenses} {invoices} {locked} }
}

/// Approving the ticked weeks in one go: a form of its own, which each
/// card's checkbox joins through its `form` attribute (forms cannot nest).
#[component]
fn ApproveTogether(several: ServerAction<ApproveWeeks>) -> impl IntoView {
    view! {
        <ActionForm action=several attr:id=TOGETHER attr:class="mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-slate-50 p-3">
            <p class="w-full text-sm text-slate-700">"Tick weeks below to approve them together; each still goes through the firm's approval steps."</p>
            <div class="min-w-64 grow">
                <label for="together-comment" class="block text-sm font-medium text-slate-700">"Comment (optional)"</label>
                <input id="together-comment" name="form[comment]" autocomplete="off" class=INPUT />
            </div>
            <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Approve ticked weeks"</button>
        </ActionForm>
    }
}

const TOGETHER: &str = "approve-together";

#[component]
fn WaitingItem(
    item: InboxItem,
    /// The card's place in the "approve together" form, when there is one.
    tick: Option<usize>,
    decide: ServerAction<DecideTimesheet>,
) -> impl IntoView {
    let comment_id = format!("comment-{}", item.timesheet_id);
    let title = format!("{} · {} · {}", item.person, item.week, item.minutes);
    let tick = tick.map(|index| {
        view! {
            <label class="mt-2 flex items-center gap-2 text-sm">
                <input type="checkbox" form=TOGETHER name=format!("form[timesheet_ids][{index}]")
                    value=item.timesheet_id.to_string() aria-label=format!("Tick to approve together: {title}") />
                "Tick to approve together"
            </label>
        }
    });
    view! {
        <li data-testid="inbox-item" class="rounded border border-slate-200 bg-white p-4">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h2 class="font-semibold">{title}</h2>
                <a class="text-sm text-brand underline" href=format!("/approvals/weeks/{}", item.timesheet_id)>"Open the full week"</a>
            </div>
            <p class="text-sm text-slate-600">{item.step}</p>
            <ul class="mt-1 text-sm">{item.decisions.into_iter().map(|d| view! { <DecisionLine d /> }).collect_view()}</ul>
            <ApprovalEntries entries=item.entries budgets=item.budgets />
            {tick}
            <ActionForm action=decide attr:class="mt-3 flex flex-wrap items-end gap-3">
                <input type="hidden" name="timesheet_id" value=item.timesheet_id.to_string() />
                <DecisionFields comment_id />
            </ActionForm>
        </li>
    }
}

#[component]
fn LockedRow(week: LockedWeek, unlock: ServerAction<UnlockTimesheet>) -> impl IntoView {
    let state = if week.state == State::Approved { "approved" } else { "submitted" };
    let reason_id = format!("reason-{}", week.timesheet_id);
    view! {
        <li data-testid="locked-week" class="rounded border border-slate-200 bg-white p-3">
            <ActionForm action=unlock attr:class="flex flex-wrap items-end gap-3">
                <span class="font-medium">{format!("{} · {} · {state}", week.person, week.week)}</span>
                <input type="hidden" name="timesheet_id" value=week.timesheet_id.to_string() />
                <div class="min-w-64 grow">
                    <label for=reason_id.clone() class="block text-sm font-medium text-slate-700">"Reason"</label>
                    <input id=reason_id name="reason" required autocomplete="off" class=INPUT />
                </div>
                <button type="submit" class="rounded border border-slate-300 px-4 py-2 font-medium">"Unlock"</button>
            </ActionForm>
        </li>
    }
}

#[component]
fn ExpenseItem(item: ExpenseWaiting, decide: ServerAction<DecideExpense>) -> impl IntoView {
    let comment_id = format!("expense-comment-{}", item.expense_id);
    view! {
        <li data-testid="expense-item" class="rounded border border-slate-200 bg-white p-4">
            <h3 class="font-semibold">{format!("{} · {}", item.person, item.summary)}</h3>
            <p class="text-sm text-slate-600">{item.step}</p>
            {item.has_receipt.then(|| {
                let href = format!("/expenses/{}/receipt", item.expense_id);
                view! { <a class="text-sm text-brand underline" href=href rel="external" target="_blank">"Open the receipt"</a> }
            })}
            <ActionForm action=decide attr:class="mt-3 flex flex-wrap items-end gap-3">
                <input type="hidden" name="expense_id" value=item.expense_id.to_string() />
                <DecisionFields comment_id />
            </ActionForm>
        </li>
    }
}

/// The comment and the two decision buttons every kind of document shares;
/// the server reads `decision` the same way for each.
#[component]
pub(crate) fn DecisionFields(comment_id: String) -> impl IntoView {
    view! {
        <div class="min-w-64 grow">
            <label for=comment_id.clone() class="block text-sm font-medium text-slate-700">"Comment (needed to send back)"</label>
            <input id=comment_id name="comment" autocomplete="off" class=INPUT />
        </div>
        <button type="submit" name="decision" value="approve" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
            "Approve"
        </button>
        <button type="submit" name="decision" value="reject" class="rounded border border-slate-300 px-4 py-2 font-medium">
            "Send back"
        </button>
    }
}
