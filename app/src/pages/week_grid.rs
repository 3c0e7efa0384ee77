//! The week as a timesheet grid on "my week": rows are engagements, columns
//! days, with day and week totals split into billable and non-billable, and
//! an entry row to type a week's hours for one engagement. The entry row is
//! a plain form: Tab moves from day to day, Enter saves, and it works before
//! hydration.

use crate::api::my_week::LogWeekRow;
use crate::components::saved_form::cleared_when_saved;
use leptos::prelude::*;
use pespro::my_week::EngagementChoice;
use pespro::week::{Week, WeekTotals};
use pespro::week_grid::{GridRow, WeekRowForm, day_field};

const CELL: &str = "w-16 rounded border border-slate-300 px-1.5 py-1 text-right focus:outline-2 focus:outline-brand";

#[component]
pub fn WeekGrid(
    week: Week,
    rows: Vec<GridRow>,
    totals: WeekTotals,
    engagements: Vec<EngagementChoice>,
    locked: bool,
    log_row: ServerAction<LogWeekRow>,
    /// The entry row as a refused post held it, to be put right.
    typed: Option<WeekRowForm>,
) -> impl IntoView {
    let formats = crate::components::formats::use_formats();
    let dates = week.dates();
    let result = log_row.value();
    let problem =
        move |field: &'static str| move || result.get().and_then(Result::err).and_then(|e| e.for_field(field));
    let saved = move || result.get().and_then(Result::ok).map(|n| format!("Added {n} entries."));
    let form = cleared_when_saved(move || log_row.version().get(), move || matches!(result.get(), Some(Ok(_))));
    let header =
        dates.map(|d| view! { <th scope="col" class="px-1 py-2 text-right font-medium">{formats.day(d)}</th> });
    let body = rows
        .into_iter()
        .map(|row| {
            view! {
                <tr class="border-t border-slate-100">
                    <th scope="row" class="py-1 pr-3 text-left font-normal">{row.label}</th>
                    {row.days.map(|m| view! { <td class="px-1 text-right">{(m.0 > 0).then(|| m.to_string())}</td> })}
                    <td class="px-1 text-right font-medium">{row.total.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let entry_row = (!locked).then(|| {
        let typed = typed.unwrap_or_else(|| WeekRowForm { billable: Some("on".into()), ..WeekRowForm::default() });
        let options = engagements
            .into_iter()
            .map(|e| {
                let chosen = e.engagement_id.to_string() == typed.engagement_id;
                view! { <option value=e.engagement_id.to_string() selected=chosen>{e.label}</option> }
            })
            .collect_view();
        let cells = typed.days().map(str::to_owned);
        view! {
            <ActionForm action=log_row node_ref=form attr:class="mt-2 rounded border border-slate-200 bg-white p-3" attr:data-testid="grid-entry">
                <input type="hidden" name="form[week]" value=week.to_string() />
                <div class="flex flex-wrap items-end gap-2">
                    <label class="text-sm">"Engagement"
                        <select name="form[engagement_id]" class="mt-1 block max-w-72 rounded border border-slate-300 px-2 py-1">{options}</select>
                    </label>
                    {dates.into_iter().zip(cells).enumerate().map(|(i, (d, typed))| view! {
                        <label class="text-sm">{formats.day(d)}
                            <input name=format!("form[{}]", day_field(i)) class=format!("mt-1 block {CELL}") autocomplete="off"
                                inputmode="decimal" placeholder="0:00" aria-describedby="grid-problem" value=typed />
                        </label>
                    }).collect_view()}
                    <label class="flex items-center gap-1 text-sm">
                        <input type="checkbox" name="form[billable]" checked=typed.billable.is_some() />"Billable"
                    </label>
                    <label class="text-sm">"Description"
                        <input name="form[notes]" class="mt-1 block w-48 rounded border border-slate-300 px-2 py-1" autocomplete="off" value=typed.notes />
                    </label>
                    <button type="submit" class="rounded bg-brand px-3 py-1.5 font-medium text-on-brand hover:opacity-90">"Add row"</button>
                </div>
                <p id="grid-problem" role="alert" class="min-h-5 text-sm text-red-700">
                    {move || (0..7).find_map(|i| problem(day_field(i))().map(|e| format!("{}: {e}", formats.day(dates[i]))))}
                    {problem("engagement_id")}
                    {problem("notes")}
                </p>
                <p role="status" class="text-sm text-green-700">{saved}</p>
            </ActionForm>
        }
    });
    view! {
        <section aria-labelledby="grid-heading" class="mt-6">
            <h2 id="grid-heading" class="font-semibold">"Timesheet"</h2>
            <div class="overflow-x-auto">
                <table data-testid="grid" class="mt-2 w-full border-collapse text-sm">
                    <thead>
                        <tr class="border-b border-slate-300 text-slate-600">
                            <th scope="col" class="py-2 pr-3 text-left font-medium">"Engagement"</th>
                            {header}
                            <th scope="col" class="px-1 py-2 text-right font-medium">"Total"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                    <tfoot>
                        <tr class="border-t-2 border-slate-300 font-semibold">
                            <th scope="row" class="py-1 pr-3 text-left">"Day total"</th>
                            {totals.per_day.map(|m| view! { <td class="px-1 text-right">{m.to_string()}</td> })}
                            <td data-testid="grid-total" class="px-1 text-right">{totals.total.to_string()}</td>
                        </tr>
                        <tr class="text-slate-600">
                            <td colspan="9" class="py-1 text-right">
                                {format!("billable {} · non-billable {}", totals.billable, totals.non_billable)}
                            </td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            {entry_row}
        </section>
    }
}
