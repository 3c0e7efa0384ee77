//! Each report as the page shows it: its chart first, the definition of
//! its numbers under the chart, then the table behind it. Numbers are
//! written the firm's way (`Formats`), as on every other page.

use crate::components::bar_list::{BarList, NamedBar};
use crate::components::chart::{Bar, BarChart};
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use pespro::formats::Formats;
use pespro::reports::budgets::{BudgetLine, BudgetUnit, Outlook};
use pespro::reports::period::Grain;
use pespro::reports::unbilled::{Age, UnbilledReport};
use pespro::reports::utilization::{Utilization, UtilizationReport};
use pespro::reports::{ReportData, ReportsPage};

pub(super) const CELL: &str = "py-2 pr-4";
/// Budgets at risk whose weekly history is drawn.
const MOST_HISTORIES: usize = 3;
/// A cell holding a figure: never broken over two lines.
pub(super) const FIGURE: &str = "whitespace-nowrap py-2 pr-4";

/// Minutes as hours with one decimal: "126.5 h".
pub(super) fn hours(formats: Formats, minutes: u64) -> String {
    let tenths = i64::try_from((minutes * 10 + 30) / 60).unwrap_or(i64::MAX);
    format!("{} h", formats.decimal(tenths, 1))
}

fn percent(part: &Utilization) -> String {
    part.percent().map_or_else(|| "—".to_owned(), |p| format!("{p} %"))
}

pub(super) fn explained(text: String) -> impl IntoView {
    view! { <p class="mt-2 max-w-3xl text-sm text-slate-600" data-testid="report-definition">{text}</p> }
}

#[component]
pub fn ReportView(page: ReportsPage, formats: Formats) -> impl IntoView {
    let grain = page.resolved.grain;
    let span = format!("{} to {}", formats.date(page.resolved.from), formats.date(page.resolved.to));
    let meaning = page.meaning();
    match page.data {
        ReportData::Utilization { report, .. } => {
            view! { <UtilizationView report grain span definition=meaning own=page.own_only formats /> }.into_any()
        }
        ReportData::Realization(reports) => {
            view! { <super::report_realization::RealizationView reports span meaning formats /> }.into_any()
        }
        ReportData::Budgets(lines) => view! { <BudgetsView lines meaning formats /> }.into_any(),
        ReportData::Unbilled(reports) => view! { <UnbilledView reports meaning formats /> }.into_any(),
        ReportData::Receivables(report) => {
            view! { <super::report_receivables::ReceivablesView report grain span meaning formats /> }.into_any()
        }
        ReportData::Hours(table) => view! { <super::report_hours::HoursView table span meaning formats /> }.into_any(),
    }
}

#[component]
fn UtilizationView(
    report: UtilizationReport,
    grain: Grain,
    span: String,
    definition: String,
    own: bool,
    formats: Formats,
) -> impl IntoView {
    let label = |start: time::Date| match grain {
        Grain::Week => formats.day(start),
        Grain::Month => format!("{} {}", &start.month().to_string()[..3], start.year()),
    };
    let bars: Vec<Bar> = report
        .buckets
        .iter()
        .map(|(start, part)| Bar { label: label(*start), value: part.percent().unwrap_or(0) as f64, alarm: 0.0 })
        .collect();
    let by = if grain == Grain::Week { "week" } else { "month" };
    let whose = if own { "Your utilization" } else { "The firm's utilization" };
    let caption = format!("{whose} by {by}, {span}: {} overall", percent(&report.total));
    let people: Vec<NamedBar> = report
        .people
        .iter()
        .map(|(name, part)| NamedBar {
            name: name.clone(),
            value: part.percent().unwrap_or(0) as f64,
            shown: percent(part),
            alarm: false,
        })
        .collect();
    let rows = |parts: Vec<(String, Utilization)>| {
        parts
            .into_iter()
            .map(|(name, part)| {
                view! {
                    <tr class="border-t border-slate-200">
                        <td class=CELL>{name}</td>
                        <td class=CELL>{hours(formats, part.used)}</td>
                        <td class=CELL>{hours(formats, part.recorded)}</td>
                        <td class=CELL>{hours(formats, part.available)}</td>
                        <td class=CELL>{percent(&part)}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let teams = (!own && !report.teams.is_empty()).then(|| {
        view! {
            <tr class="border-t border-slate-300 text-slate-600">
                <th scope="colgroup" colspan="5" class="pt-4 pb-2 font-medium">"By team"</th>
            </tr>
            {rows(report.teams.clone())}
        }
        .into_any()
    });
    let mut everyone = report.people.clone();
    everyone.push(("Total".to_owned(), report.total));
    view! {
        <section data-testid="report-utilization">
            <BarChart caption unit="%" bars alarm_name=None />
            {explained(definition)}
            {(!own).then(|| view! { <BarList caption="Utilization by person".to_owned() value_name="Utilization" bars=people mark=(100.0, "100 %") /> }.into_any())}
            <table class="mt-6 w-full text-left text-sm" data-testid="utilization-table">
                <thead>
                    <tr class="text-slate-600">
                        <th scope="col" class=CELL>"Who"</th>
                        <th scope="col" class=CELL>"Used"</th>
                        <th scope="col" class=CELL>"Recorded"</th>
                        <th scope="col" class=CELL>"Available"</th>
                        <th scope="col" class=CELL>"Utilization"</th>
                    </tr>
                </thead>
                <tbody>{rows(everyone)}{teams}</tbody>
            </table>
        </section>
    }
}

fn budget_amount(formats: Formats, unit: BudgetUnit, amount: i64) -> String {
    match unit {
        BudgetUnit::Minutes => hours(formats, amount.unsigned_abs()),
        BudgetUnit::Money(currency) => formats.amount(amount, currency),
    }
}

#[component]
fn BudgetsView(lines: Vec<BudgetLine>, meaning: String, formats: Formats) -> impl IntoView {
    if lines.is_empty() {
        return view! {
            <p class="mt-6 text-slate-600" data-testid="report-empty">
                "No active engagement has a budget yet. Give one a budget on its page to follow it here."
            </p>
            {explained(meaning)}
        }
        .into_any();
    }
    let bars = lines
        .iter()
        .map(|line| NamedBar {
            name: line.engagement.clone(),
            value: line.percent as f64,
            shown: format!("{} %", line.percent),
            alarm: line.outlook == Outlook::Over,
        })
        .collect();
    let at_risk = lines.iter().filter(|line| line.at_risk).count();
    // How the budgets at risk got there: their use week by week.
    let histories = lines
        .iter()
        .filter(|line| line.at_risk)
        .take(MOST_HISTORIES)
        .map(|line| {
            let bars = line
                .history
                .iter()
                .map(|(start, percent)| Bar {
                    label: formats.day(*start),
                    value: *percent as f64,
                    alarm: percent.saturating_sub(100) as f64,
                })
                .collect();
            let caption = format!("{}: budget used by the end of each week", line.engagement);
            view! { <BarChart caption unit="%" bars alarm_name=Some("over budget") /> }.into_any()
        })
        .collect_view();
    let caption = format!("Budget used, {} engagements, {at_risk} at risk", lines.len());
    let rows = lines
        .into_iter()
        .map(|line| {
            let outlook = match line.outlook {
                Outlook::Over => "Over budget".to_owned(),
                Outlook::RunsOut(day) => format!("Runs out {}", formats.date(day)),
                Outlook::Idle => "No recent work".to_owned(),
            };
            view! {
                <tr class="border-t border-slate-200">
                    <td class=CELL><a class="text-brand underline" href=format!("/engagements/{}", line.engagement_id)>{line.engagement}</a></td>
                    <td class=CELL>{line.client}</td>
                    <td class=CELL>{budget_amount(formats, line.unit, line.used)} " of " {budget_amount(formats, line.unit, line.budget)}</td>
                    <td class=CELL>{format!("{} %", line.percent)}</td>
                    <td class=CELL>{outlook}</td>
                    <td class=CELL>{line.at_risk.then(|| view! { <span class="rounded bg-red-100 px-2 py-0.5 text-red-800">"At risk"</span> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section data-testid="report-budgets">
            <BarList caption value_name="Used" bars mark=(100.0, "Budget") />
            {explained(meaning)}
            <div data-testid="budget-histories">{histories}</div>
            <table class="mt-6 w-full text-left text-sm" data-testid="budgets-table">
                <thead>
                    <tr class="text-slate-600">
                        <th scope="col" class=CELL>"Engagement"</th>
                        <th scope="col" class=CELL>"Client"</th>
                        <th scope="col" class=CELL>"Used"</th>
                        <th scope="col" class=CELL>"%"</th>
                        <th scope="col" class=CELL>"Outlook"</th>
                        <th scope="col" class=CELL><span class="sr-only">"Risk"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}

#[component]
fn UnbilledView(reports: Vec<UnbilledReport>, meaning: String, formats: Formats) -> impl IntoView {
    if reports.is_empty() {
        return view! {
            <p class="mt-6 text-slate-600" data-testid="report-empty">"Nothing approved is waiting to be invoiced."</p>
            {explained(meaning)}
        }
        .into_any();
    }
    let sections = reports
        .into_iter()
        .map(|report| {
            let money = move |minor: i64| match report.currency {
                Some(currency) => formats.amount(minor, currency),
                None => "—".to_owned(),
            };
            let bars = Age::ALL
                .into_iter()
                .map(|age| {
                    let minor = report.total.by_age[age as usize];
                    NamedBar { name: age.label().to_owned(), value: minor as f64, shown: money(minor), alarm: age == Age::Over90 }
                })
                .collect();
            let caption = match report.currency {
                Some(currency) => format!("Unbilled work in {currency} by age: {} in all", money(report.total.total)),
                None => format!("Time with no rate: {}", hours(formats, report.total.minutes)),
            };
            let rows = report
                .rows
                .into_iter()
                .map(|(client, engagement, amounts)| {
                    let aged =
                        amounts.by_age.iter().map(|minor| view! { <td class=FIGURE>{money(*minor)}</td> }).collect_view();
                    view! {
                        <tr class="border-t border-slate-200">
                            <td class=CELL>{client}</td>
                            <td class=CELL>{engagement}</td>
                            <td class=FIGURE>{hours(formats, amounts.minutes)}</td>
                            {aged}
                            <td class=FIGURE>{money(amounts.total)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let heads = Age::ALL.into_iter().map(|age| view! { <th scope="col" class=CELL>{age.label()}</th> }).collect_view();
            view! {
                <section class="mt-6" data-testid="report-unbilled">
                    {report.currency.is_some().then(|| view! { <BarList caption=caption.clone() value_name="Unbilled" bars /> })}
                    {report.currency.is_none().then(|| view! { <h2 class="font-semibold">{caption.clone()}</h2> })}
                    <ScrollRegion label="Unbilled work by client and engagement">
                    <table class="mt-4 w-full text-left text-sm">
                        <thead>
                            <tr class="text-slate-600">
                                <th scope="col" class=CELL>"Client"</th>
                                <th scope="col" class=CELL>"Engagement"</th>
                                <th scope="col" class=CELL>"Hours"</th>
                                {heads}
                                <th scope="col" class=CELL>"Total"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </ScrollRegion>
                </section>
            }
        })
        .collect_view();
    view! {
        {sections}
        {explained(meaning)}
        <p class="mt-2 text-sm"><a class="text-brand underline" href="/receivables">"What clients owe on sent invoices: receivables"</a></p>
    }
    .into_any()
}
