//! "Entries by day" on *My week*: every entry of the week under its day,
//! with the day and week totals. An entry still in draft opens (a plain
//! `<details>`, so it works before hydration and from the keyboard) into a
//! small form to correct its time, note and billable flag, or to delete it.

use crate::api::time_entries::{DeleteTimeEntry, EditTimeEntry};
use crate::components::row_editor::{RowEditor, RowEditors};
use leptos::prelude::*;
use pespro::money::Minutes;
use pespro::my_week::{WeekDay, WeekEntry};
use pespro::week::WeekTotals;

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-2 py-1 focus:outline-2 focus:outline-brand";

/// The edit and delete actions every entry's form shares.
#[derive(Clone, Copy)]
pub struct EntryActions {
    pub edit: ServerAction<EditTimeEntry>,
    pub delete: ServerAction<DeleteTimeEntry>,
    editors: RowEditors,
}

impl Default for EntryActions {
    fn default() -> Self {
        Self { edit: ServerAction::new(), delete: ServerAction::new(), editors: RowEditors::default() }
    }
}

impl EntryActions {
    fn last_failed(self) -> bool {
        let _replies = self.changes();
        matches!(self.edit.value().get(), Some(Err(_))) || matches!(self.delete.value().get(), Some(Err(_)))
    }

    /// Changes whenever an entry was saved or deleted: the week reloads.
    pub fn changes(self) -> (usize, usize) {
        (self.edit.version().get(), self.delete.version().get())
    }
}

/// Returns an `AnyView`: the week page's static type is deep enough for the
/// compiler's recursion limit without this table's.
#[component]
pub fn WeekEntries(
    days: Vec<WeekDay>,
    totals: WeekTotals,
    /// The one day a narrow screen shows (the day strip picks it).
    selected: Signal<time::Date>,
    actions: EntryActions,
) -> impl IntoView {
    let edit_result = actions.edit.value();
    let delete_result = actions.delete.value();
    let problem = move || {
        let failed = |r: Option<Result<(), crate::error::AppError>>| r.and_then(Result::err).map(|e| e.to_string());
        failed(edit_result.get()).or_else(|| failed(delete_result.get()))
    };
    let done = move || match (edit_result.get(), delete_result.get()) {
        (Some(Ok(())), _) => Some("Entry saved."),
        (_, Some(Ok(()))) => Some("Entry deleted."),
        _ => None,
    };
    view! {
        <h2 class="mt-6 font-semibold">"Entries by day"</h2>
        <p data-testid="entry-error" role="alert" class="text-sm text-red-700">{problem}</p>
        <p role="status" class="text-sm text-green-700">{done}</p>
        <table data-testid="week" class="mt-2 w-full border-collapse text-left text-sm">
            <thead>
                <tr class="border-b border-slate-300 text-slate-600">
                    <th scope="col" class="py-2 pr-4">"Day"</th>
                    <th scope="col" class="py-2 pr-4">"Engagement"</th>
                    <th scope="col" class="py-2 pr-4">"Notes"</th>
                    <th scope="col" class="py-2 pr-4 text-right">"Time"</th>
                </tr>
            </thead>
            {days.into_iter().map(|day| view! { <Day day selected actions /> }).collect_view()}
            <tfoot>
                <tr class="border-t-2 border-slate-300 font-semibold">
                    <th scope="row" colspan="3" class="py-2 pr-4">
                        {format!("Week total · billable {} · non-billable {}", totals.billable, totals.non_billable)}
                    </th>
                    <td data-testid="week-total" class="py-2 pr-4 text-right">{totals.total.to_string()}</td>
                </tr>
            </tfoot>
        </table>
        {(totals.total == Minutes::ZERO).then(|| view! {
            <p class="mt-3 text-slate-500">"Nothing logged this week yet. Use the form above to record time."</p>
        })}
    }
    .into_any()
}

#[component]
fn Day(day: WeekDay, selected: Signal<time::Date>, actions: EntryActions) -> impl IntoView {
    let formats = crate::components::formats::use_formats();
    let label = formats.day(day.date);
    let date = day.date;
    let narrow = move || if selected.get() == date { "" } else { "hidden md:table-row-group" };
    let empty = day.entries.is_empty().then(|| {
        view! {
            <tr class="md:hidden">
                <td colspan="4" class="py-2 text-slate-500">"Nothing logged on this day."</td>
            </tr>
        }
    });
    let rows = day.entries.into_iter().map(|entry| view! { <EntryRow entry actions /> }).collect_view();
    view! {
        <tbody data-testid=format!("day-{}", day.date) class=narrow>
            <tr class="border-t border-slate-200 bg-slate-50">
                <th scope="rowgroup" colspan="3" class="py-1 pr-4 font-medium">{label}</th>
                <td class="py-1 pr-4 text-right font-medium">{day.total.to_string()}</td>
            </tr>
            {rows}
            {empty}
        </tbody>
    }
}

#[component]
fn EntryRow(entry: WeekEntry, actions: EntryActions) -> impl IntoView {
    let kind = if entry.billable { "" } else { " (non-billable)" };
    let engagement = format!("{} — {} {}", entry.client_name, entry.engagement_code, entry.engagement_name);
    let editor = (!entry.locked).then(|| view! { <EntryEditor entry=entry.clone() actions /> });
    view! {
        <tr data-testid="entry" class="border-t border-slate-100 align-top">
            <td class="py-1 pr-4">{editor}</td>
            <td class="py-1 pr-4">{engagement}</td>
            <td class="py-1 pr-4 text-slate-600">{entry.notes} {entry.imported.map(imported_badge)}</td>
            <td class="py-1 pr-4 text-right">{format!("{}{kind}", entry.minutes)}</td>
        </tr>
    }
}

/// Where an imported entry stands: approved where it came from, or a draft
/// for its owner to submit with the rest of the week.
fn imported_badge(state: pespro::workflow::State) -> impl IntoView {
    use pespro::workflow::State;
    let said = match state {
        State::Approved => "Imported · approved",
        State::Submitted => "Imported · submitted",
        State::Draft | State::Rejected => "Imported · not yet approved",
    };
    view! { <span data-testid="imported" class="ml-1 whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{said}</span> }
}

#[component]
fn EntryEditor(entry: WeekEntry, actions: EntryActions) -> impl IntoView {
    let entry_id = entry.time_entry_id;
    let id = entry_id.to_string();
    let delete_id = id.clone();
    let field = move |name: &str| format!("entry-{entry_id}-{name}");
    let used = actions.editors.mark(entry_id);
    view! {
        <RowEditor editors=actions.editors id=entry_id failed=Signal::derive(move || actions.last_failed()) summary="Edit" class="text-sm">
            <ActionForm action=actions.edit attr:class="mt-2 grid w-56 gap-2 rounded border border-slate-200 bg-white p-2">
                <input type="hidden" name="time_entry_id" value=id />
                <label for=field("time") class="block font-medium text-slate-700">"Time"</label>
                <input id=field("time") name="duration" required autocomplete="off" value=entry.minutes.to_string() class=INPUT />
                <label for=field("note") class="block font-medium text-slate-700">"Note"</label>
                <input id=field("note") name="notes" autocomplete="off" value=entry.notes class=INPUT />
                <label class="flex items-center gap-2">
                    <input type="checkbox" name="billable" value="true" checked=entry.billable />
                    <span class="font-medium text-slate-700">"Billable"</span>
                </label>
                <button type="submit" on:click=used class="rounded bg-brand px-3 py-1 font-medium text-on-brand hover:opacity-90">
                    "Save entry"
                </button>
            </ActionForm>
            <ActionForm action=actions.delete attr:class="mt-2">
                <input type="hidden" name="time_entry_id" value=delete_id />
                <button type="submit" on:click=used class="rounded border border-red-300 px-3 py-1 text-red-700 hover:bg-red-50">
                    "Delete entry"
                </button>
            </ActionForm>
        </RowEditor>
    }
    .into_any()
}
