//! The summary an engagement's page opens on: time built up week by week
//! against the budget as a small chart (with its reading in words), the
//! people on it, and — for managers and administrators — time by person and
//! the latest entries. Editing is below, behind its own button.

use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use pespro::engagement::summary::{BurnChart, EngagementSummary, HEIGHT, PersonTime, RecentEntry, WIDTH};

#[component]
pub fn EngagementSummaryView(summary: EngagementSummary) -> impl IntoView {
    let EngagementSummary { members, by_person, recent, chart } = summary;
    let chart = match chart {
        Some(chart) => view! { <Chart chart /> }.into_any(),
        None => view! { <p class="mt-4 text-sm text-slate-600">"No time logged yet."</p> }.into_any(),
    };
    let members = if members.is_empty() {
        String::from("Nobody yet: people become members when named on the engagement or when they log time on it.")
    } else {
        members.join(", ")
    };
    view! {
        {chart}
        <h2 class="mt-6 font-semibold">"People"</h2>
        <p data-testid="members" class="text-sm text-slate-700">{members}</p>
        {(!by_person.is_empty()).then(|| view! { <ByPerson rows=by_person /> })}
        {(!recent.is_empty()).then(|| view! { <Recent rows=recent /> })}
    }
    .into_any()
}

#[component]
fn Chart(chart: BurnChart) -> impl IntoView {
    let budget = chart.budget_y.map(|y| {
        view! {
            <line x1="0" x2=WIDTH.to_string() y1=y.to_string() y2=y.to_string() stroke="#dc2626" stroke-width="1.5"
                stroke-dasharray="5 4" />
        }
    });
    view! {
        <figure data-testid="burn-chart" class="mt-4 max-w-md">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") class="h-24 w-full overflow-visible text-brand" role="img"
                aria-label=chart.description.clone()>
                <line x1="0" x2=WIDTH.to_string() y1=HEIGHT.to_string() y2=HEIGHT.to_string() stroke="#cbd5e1" />
                {budget}
                <polyline points=chart.points fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round" />
            </svg>
            <figcaption class="mt-1 text-sm text-slate-600">
                {format!("{} ({} to {}", chart.description, chart.first_week, chart.last_week)}
                {chart.budget_y.map(|_| "; the dashed red line is the budget")}
                ")"
            </figcaption>
        </figure>
    }
}

#[component]
fn ByPerson(rows: Vec<PersonTime>) -> impl IntoView {
    view! {
        <ScrollRegion label="Time by person">
            <table data-testid="time-by-person" class="mt-2 w-full text-left text-sm">
                <thead>
                    <tr class="text-slate-600">
                        <th scope="col" class="py-1 pr-3 font-medium">"Person"</th>
                        <th scope="col" class="py-1 pr-3 text-right font-medium">"Time"</th>
                        <th scope="col" class="py-1 text-right font-medium">"Billable"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr class="border-t border-slate-100">
                            <th scope="row" class="py-1 pr-3 font-normal">{r.person}</th>
                            <td class="py-1 pr-3 text-right">{r.total.to_string()}</td>
                            <td class="py-1 text-right">{r.billable.to_string()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
    }
}

#[component]
fn Recent(rows: Vec<RecentEntry>) -> impl IntoView {
    let formats = crate::components::formats::use_formats();
    view! {
        <h2 class="mt-6 font-semibold">"Latest entries"</h2>
        <ScrollRegion label="Latest entries">
            <table data-testid="recent-entries" class="mt-2 w-full text-left text-sm">
                <thead>
                    <tr class="text-slate-600">
                        <th scope="col" class="py-1 pr-3 font-medium">"Date"</th>
                        <th scope="col" class="py-1 pr-3 font-medium">"Person"</th>
                        <th scope="col" class="py-1 pr-3 font-medium">"Notes"</th>
                        <th scope="col" class="py-1 text-right font-medium">"Time"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let kind = if r.billable { "" } else { " (non-billable)" };
                        view! {
                            <tr class="border-t border-slate-100 align-top">
                                <td class="whitespace-nowrap py-1 pr-3">{formats.date(r.work_date)}</td>
                                <td class="py-1 pr-3">{r.person}</td>
                                <td class="py-1 pr-3 text-slate-600">{r.notes}</td>
                                <td class="whitespace-nowrap py-1 text-right">{format!("{}{kind}", r.minutes)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollRegion>
    }
}
