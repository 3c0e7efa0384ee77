//! The receivables report: a bar per week or month of what clients owed
//! at its end, the overdue part in the alarm colour, so a partner sees at
//! a glance whether the firm is paid faster or slower; then today's aging
//! per client, the same table the receivables page shows.

use super::receivables::Report as TodayAging;
use super::report_views::explained;
use crate::components::chart::{Bar, BarChart};
use leptos::prelude::*;
use pespro::formats::Formats;
use pespro::reports::period::Grain;
use pespro::reports::receivables::{ReceivablesReport, ReceivablesTrend};

#[component]
pub fn ReceivablesView(
    report: ReceivablesReport,
    grain: Grain,
    span: String,
    meaning: String,
    formats: Formats,
) -> impl IntoView {
    let each = if grain == Grain::Week { "week" } else { "month" };
    if report.trend.is_empty() && report.today.is_empty() {
        return view! {
            <p class="mt-6 text-slate-600" data-testid="report-empty">
                "No client owed anything on a sent invoice in this period."
            </p>
            {explained(meaning)}
        }
        .into_any();
    }
    let label = move |day: time::Date| match grain {
        Grain::Week => formats.day(day),
        Grain::Month => format!("{} {}", &day.month().to_string()[..3], day.year()),
    };
    let charts = report
        .trend
        .into_iter()
        .map(|trend| {
            let currency = trend.currency;
            let scale = 10_f64.powi(pespro::expenses::minor_digits(currency) as i32);
            let bars: Vec<Bar> = trend
                .points
                .iter()
                .map(|(day, owed)| Bar {
                    label: label(*day),
                    value: (owed.total as f64 / scale).round(),
                    alarm: (ReceivablesTrend::overdue(owed) as f64 / scale).round(),
                })
                .collect();
            let last = trend.points.last().map(|(_, owed)| owed.clone()).unwrap_or_default();
            let caption = format!(
                "Owed in {currency} at the end of each {each}, {span}: {} now, {} of it overdue",
                formats.amount(last.total, currency),
                formats.amount(ReceivablesTrend::overdue(&last), currency),
            );
            view! { <BarChart caption unit=currency.as_str().to_owned() bars alarm_name=Some("overdue") /> }.into_any()
        })
        .collect_view();
    let today = report.today.into_iter().map(|report| view! { <TodayAging report /> }.into_any()).collect_view();
    view! {
        <section data-testid="report-receivables">
            {charts}
            {explained(meaning)}
            <h2 class="mt-8 text-lg font-semibold">"Owed today, by client"</h2>
            {today}
        </section>
    }
    .into_any()
}
