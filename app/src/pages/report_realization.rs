//! The realization report as the page shows it: by client as bars against
//! the work's full value, then engagements, people and every write-down
//! with its invoice and reason — one section per currency.

use super::report_views::{CELL, FIGURE, explained};
use crate::components::bar_list::{BarList, NamedBar};
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use pespro::formats::Formats;
use pespro::money::Currency;
use pespro::reports::realization::{RealizationReport, Worth};

fn percent(worth: &Worth) -> String {
    worth.percent().map_or_else(|| "—".to_owned(), |p| format!("{p} %"))
}

/// Rows of named worth: the names' cells, then worked, billed and percent.
fn rows(formats: Formats, currency: Currency, named: Vec<(Vec<String>, Worth)>) -> AnyView {
    named
        .into_iter()
        .map(|(names, worth)| {
            let names = names.into_iter().map(|name| view! { <td class=CELL>{name}</td> }).collect_view();
            view! {
                <tr class="border-t border-slate-200">
                    {names}
                    <td class=FIGURE>{formats.amount(worth.worked, currency)}</td>
                    <td class=FIGURE>{formats.amount(worth.billed, currency)}</td>
                    <td class=FIGURE>{percent(&worth)}</td>
                </tr>
            }
        })
        .collect_view()
        .into_any()
}

fn table(label: &'static str, heads: &[&'static str], body: AnyView) -> AnyView {
    let heads = heads.iter().map(|head| view! { <th scope="col" class=CELL>{*head}</th> }).collect_view();
    view! {
        <ScrollRegion label=label>
            <table class="mt-4 w-full text-left text-sm">
                <caption class="text-left font-semibold">{label}</caption>
                <thead><tr class="text-slate-600">{heads}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </ScrollRegion>
    }
    .into_any()
}

#[component]
pub fn RealizationView(
    reports: Vec<RealizationReport>,
    span: String,
    meaning: String,
    formats: Formats,
) -> impl IntoView {
    if reports.is_empty() {
        return view! {
            <p class="mt-6 text-slate-600" data-testid="report-empty">"No invoice was issued in this period."</p>
            {explained(meaning.clone())}
        }
        .into_any();
    }
    let sections = reports
        .into_iter()
        .map(|report| {
            let currency = report.currency;
            let bars = report
                .clients
                .iter()
                .map(|(client, worth)| NamedBar {
                    name: client.clone(),
                    value: worth.percent().unwrap_or(0).max(0) as f64,
                    shown: percent(worth),
                    alarm: false,
                })
                .collect();
            let caption = format!("Realization in {currency} by client, {span}: {} overall", percent(&report.total));
            let engagements = report.engagements.into_iter().map(|(c, e, w)| (vec![c, e], w)).collect();
            let people = report.people.into_iter().map(|(p, w)| (vec![p], w)).collect();
            let none_written_down = report.write_downs.is_empty();
            let downs = report
                .write_downs
                .into_iter()
                .map(|down| {
                    view! {
                        <tr class="border-t border-slate-200">
                            <td class=FIGURE>{down.number}</td>
                            <td class=CELL>{down.client}</td>
                            <td class=CELL>{down.line}</td>
                            <td class=FIGURE>{formats.amount(down.worth.worked, currency)}</td>
                            <td class=FIGURE>{formats.amount(down.worth.billed, currency)}</td>
                            <td class=CELL>{down.reason}</td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any();
            view! {
                <section class="mt-6" data-testid="report-realization">
                    <BarList caption value_name="Realization" bars mark=(100.0, "Worked value") />
                    {table("By engagement", &["Client", "Engagement", "Worked", "Billed", "Realization"], rows(formats, currency, engagements))}
                    {table("By person", &["Person", "Worked", "Billed", "Realization"], rows(formats, currency, people))}
                    {if none_written_down {
                        view! { <p class="mt-4 text-sm text-slate-600">"No invoice line was billed below its work's value."</p> }.into_any()
                    } else {
                        table("Write-downs", &["Invoice", "Client", "Line", "Worked", "Billed", "Reason"], downs)
                    }}
                </section>
            }
        })
        .collect_view();
    view! { {sections} {explained(meaning.clone())} }.into_any()
}
