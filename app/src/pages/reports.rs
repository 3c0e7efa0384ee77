//! `/reports`: the numbers partners run the firm by, each opening on a
//! chart. Which report, which period and (for the hours table) which
//! grouping are in the address (`?report=hours&period=last-month&by=client`)
//! and chosen with plain links,
//! so every view can be shared, works before the WebAssembly arrives, and,
//! once it has, changes without reloading the page. Employees see their
//! own utilization only.

use super::report_views::ReportView;
use crate::api::reports::load_reports;
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::reports::hours::Dimension;
use pespro::reports::period::PeriodChoice;
use pespro::reports::{ReportKind, ReportsPage as Page};

/// Where a report downloads as CSV (served by the server crate), with the
/// page's own `?report=…&period=…`.
pub const REPORTS_CSV_PATH: &str = "/reports/export.csv";
/// The same, printed in the firm's colours with its logo.
pub const REPORTS_PDF_PATH: &str = "/reports/export.pdf";

const TAB: &str = "rounded px-3 py-1.5 text-sm";

#[component]
pub fn ReportsPage() -> impl IntoView {
    let user = match require(Permission::ViewPractice, "Sign in to read your firm's reports.") {
        Ok(user) => user,
        Err(instead) => return instead,
    };
    let firm_wide = user.may(Permission::ReadFirmReports);
    let defines = user.may(Permission::ManageFirmSettings);
    let formats = user.formats;
    let query = use_query_map();
    let asked = Memo::new(move |_| query.with(|q| (q.get("report"), q.get("period"), q.get("by"), q.get("then"))));
    let page = Resource::new(move || asked.get(), |(report, period, by, then)| load_reports(report, period, by, then));
    view! {
        <div class="flex flex-wrap items-baseline gap-4">
            <h1 class="text-2xl font-semibold tracking-tight">"Reports"</h1>
            {firm_wide.then(|| view! {
                <a class="text-sm text-brand underline" href="/reports/scheduled">"Scheduled reports"</a>
            })}
            {defines.then(|| view! {
                <a class="text-sm text-brand underline" href="/settings/reports">"What the reports count"</a>
            })}
        </div>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! {
                        <Tabs page=page.clone() firm_wide />
                        <PeriodPicker page=page.clone() firm_wide />
                        {(page.query.kind == ReportKind::Hours).then(|| view! { <GroupingPicker page=page.clone() /> })}
                        <ReportView page formats />
                    }
                    .into_any(),
                    Err(error) => view! { <p role="alert" class="mt-4 text-red-700">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// The reports this reader may open, the open one marked.
#[component]
fn Tabs(page: Page, firm_wide: bool) -> impl IntoView {
    let kinds = if firm_wide { ReportKind::ALL.to_vec() } else { vec![ReportKind::Utilization] };
    let links = kinds
        .into_iter()
        .map(|kind| {
            let current = kind == page.query.kind;
            let class = if current { format!("{TAB} bg-brand text-on-brand") } else { format!("{TAB} text-brand underline") };
            view! {
                <a href=page.query.with_kind(kind).address("/reports") class=class aria-current=current.then_some("page")>
                    {kind.label()}
                </a>
            }
        })
        .collect_view();
    view! { <nav class="mt-4 flex flex-wrap gap-2" aria-label="Reports" data-testid="report-tabs">{links}</nav> }
}

/// The periods a report can cover, and its CSV; reports read "as of
/// today" say so instead.
#[component]
fn PeriodPicker(page: Page, firm_wide: bool) -> impl IntoView {
    let csv = page.query.address(REPORTS_CSV_PATH);
    let pdf = page.query.address(REPORTS_PDF_PATH);
    let schedule = firm_wide.then(|| {
        view! {
            <a class="text-sm text-brand underline" href=page.query.address("/reports/scheduled") data-testid="report-schedule">
                "E-mail on a schedule"
            </a>
        }
    });
    let choices = page.query.kind.has_period().then(|| {
        PeriodChoice::ALL
            .into_iter()
            .map(|choice| {
                let current = choice == page.query.period;
                let class = if current {
                    format!("{TAB} border border-brand font-semibold")
                } else {
                    format!("{TAB} border border-slate-300 text-slate-700 hover:border-brand")
                };
                view! {
                    <a href=page.query.with_period(choice).address("/reports") class=class aria-current=current.then_some("page")>
                        {choice.label()}
                    </a>
                }
            })
            .collect_view()
    });
    let note =
        (!page.query.kind.has_period()).then(|| view! { <span class="text-sm text-slate-600">"As of today."</span> });
    view! {
        <div class="mt-3 flex flex-wrap items-center gap-2">
            <nav class="flex flex-wrap gap-2" aria-label="Period" data-testid="report-periods">{choices}</nav>
            {note}
            <a class="ml-auto text-sm text-brand underline" href=csv rel="external" download data-testid="report-csv">
                "Download CSV"
            </a>
            <a class="text-sm text-brand underline" href=pdf rel="external" download data-testid="report-pdf">
                "Download PDF"
            </a>
            {schedule}
        </div>
    }
}

/// The hours table's two groupings: first by one thing, then, within it,
/// by another (or not at all).
#[component]
fn GroupingPicker(page: Page) -> impl IntoView {
    let query = page.query;
    let link = move |label: &'static str, href: String, current: bool| {
        let class = if current {
            format!("{TAB} border border-brand font-semibold")
        } else {
            format!("{TAB} border border-slate-300 text-slate-700 hover:border-brand")
        };
        view! { <a href=href class=class aria-current=current.then_some("page")>{label}</a> }
    };
    let by = Dimension::ALL
        .into_iter()
        .map(|d| link(d.label(), query.with_by(d).address("/reports"), d == query.by))
        .collect_view();
    let then = std::iter::once(link("Nothing", query.with_then(None).address("/reports"), query.then.is_none()))
        .chain(
            Dimension::ALL
                .into_iter()
                .filter(|d| *d != query.by)
                .map(|d| link(d.label(), query.with_then(Some(d)).address("/reports"), query.then == Some(d))),
        )
        .collect_view();
    view! {
        <div class="mt-3 space-y-2 text-sm" data-testid="hours-grouping">
            <nav class="flex flex-wrap items-center gap-2" aria-label="Group hours by">
                <span class="w-20 text-slate-600">"Group by"</span>{by}
            </nav>
            <nav class="flex flex-wrap items-center gap-2" aria-label="Then by">
                <span class="w-20 text-slate-600">"Then by"</span>{then}
            </nav>
        </div>
    }
}
