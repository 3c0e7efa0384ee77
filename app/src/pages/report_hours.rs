//! The hours table: recorded time grouped as the reader chose, opening on
//! a chart of the first grouping (bars over time for days, weeks and
//! months; a bar per name for the rest), then the table with the inner
//! groups under each group. A very long table is cut on the page, never
//! in the CSV.

use super::report_views::{CELL, FIGURE, explained, hours};
use crate::components::bar_list::{BarList, NamedBar};
use crate::components::chart::{Bar, BarChart};
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use pespro::formats::Formats;
use pespro::reports::hours::{Dimension, GroupKey, Hours, HoursTable};

/// Rows the page shows before pointing to the CSV.
const MAX_ROWS: usize = 500;
/// Named bars the chart shows: the largest groups.
const MAX_BARS: usize = 30;

fn key_label(key: &GroupKey, dimension: Dimension, formats: Formats) -> String {
    match (key, dimension) {
        (GroupKey::Date(day), Dimension::Week) => format!("Week of {}", formats.day(*day)),
        (GroupKey::Date(day), Dimension::Month) => format!("{} {}", day.month(), day.year()),
        (GroupKey::Date(day), _) => formats.date(*day),
        (GroupKey::Name(name), _) => name.clone(),
    }
}

fn percent(part: Hours) -> String {
    part.billable_percent().map_or_else(|| "—".to_owned(), |p| format!("{p} %"))
}

#[component]
pub fn HoursView(table: HoursTable, span: String, meaning: String, formats: Formats) -> impl IntoView {
    if table.groups.is_empty() {
        return view! {
            <p class="mt-6 text-slate-600" data-testid="report-empty">"No time was recorded in this period."</p>
            {explained(meaning)}
        }
        .into_any();
    }
    let by = table.by;
    let in_hours = |minutes: u64| minutes as f64 / 60.0;
    let caption =
        format!("Hours by {}, {span}: {} in all", by.label().to_lowercase(), hours(formats, table.total.minutes));
    let chart = if by.is_time() {
        let bars = table
            .groups
            .iter()
            .map(|g| Bar {
                label: key_label(&g.key, by, formats),
                value: in_hours(g.hours.minutes).round(),
                alarm: 0.0,
            })
            .collect();
        view! { <BarChart caption unit="h" bars alarm_name=None /> }.into_any()
    } else {
        let mut groups: Vec<_> = table.groups.iter().collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.hours.minutes));
        let caption = if groups.len() > MAX_BARS { format!("{caption} (the {MAX_BARS} largest)") } else { caption };
        let bars = groups
            .into_iter()
            .take(MAX_BARS)
            .map(|g| NamedBar {
                name: key_label(&g.key, by, formats),
                value: in_hours(g.hours.minutes),
                shown: hours(formats, g.hours.minutes),
                alarm: false,
            })
            .collect();
        view! { <BarList caption value_name="Hours" bars /> }.into_any()
    };
    let then = table.then;
    let row_count = table.groups.iter().map(|g| 1 + g.within.len()).sum::<usize>();
    let row = move |name: String, inner: Option<String>, part: Hours, strong: bool| {
        let class = if strong { "border-t border-slate-300 font-medium" } else { "text-slate-700" };
        view! {
            <tr class=class>
                <td class=CELL>{name}</td>
                {then.map(|_| view! { <td class=CELL>{inner.clone()}</td> })}
                <td class=FIGURE>{hours(formats, part.minutes)}</td>
                <td class=FIGURE>{hours(formats, part.billable)}</td>
                <td class=FIGURE>{percent(part)}</td>
            </tr>
        }
        .into_any()
    };
    let rows = table
        .groups
        .iter()
        .flat_map(|g| {
            let outer = key_label(&g.key, by, formats);
            let inner_rows = g.within.iter().filter_map(move |(key, part)| {
                let inner = key_label(key, then?, formats);
                Some(row(String::new(), Some(inner), *part, false))
            });
            std::iter::once(row(outer, None, g.hours, true)).chain(inner_rows)
        })
        .take(MAX_ROWS)
        .collect_view();
    let cut = (row_count > MAX_ROWS).then(|| {
        view! {
            <p class="mt-2 text-sm text-slate-600" data-testid="hours-cut">
                {format!("The first {MAX_ROWS} of {row_count} rows; the CSV has them all.")}
            </p>
        }
    });
    view! {
        <section data-testid="report-hours">
            {chart}
            {explained(meaning)}
            <ScrollRegion label="Hours">
            <table class="mt-6 w-full text-left text-sm" data-testid="hours-table">
                <thead>
                    <tr class="text-slate-600">
                        <th scope="col" class=CELL>{by.label()}</th>
                        {then.map(|inner| view! { <th scope="col" class=CELL>{inner.label()}</th> })}
                        <th scope="col" class=CELL>"Hours"</th>
                        <th scope="col" class=CELL>"Billable"</th>
                        <th scope="col" class=CELL>"Billable %"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows}
                    {row("Total".to_owned(), then.map(|_| String::new()), table.total, true)}
                </tbody>
            </table>
            </ScrollRegion>
            {cut}
        </section>
    }
    .into_any()
}
