//! `/reports`: the numbers partners run the firm by, each opening on a
//! chart. Which report and which period are in the address
//! (`?report=budgets`, `?period=last-month`) and chosen with plain links,
//! so every view can be shared, works before the WebAssembly arrives, and,
//! once it has, changes without reloading the page. Employees see their
//! own utilization only.

use super::report_views::ReportView;
use crate::api::reports::load_reports;
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::reports::period::PeriodChoice;
use pespro::reports::{ReportKind, ReportsPage as Page, report_address};

/// Where a report downloads as CSV (served by the server crate), with the
/// page's own `?report=…&period=…`.
pub const REPORTS_CSV_PATH: &str = "/reports/export.csv";

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
    let asked = Memo::new(move |_| query.with(|q| (q.get("report"), q.get("period"))));
    let page = Resource::new(move || asked.get(), |(report, period)| load_reports(report, period));
    view! {
        <div class="flex flex-wrap items-baseline gap-4">
            <h1 class="text-2xl font-semibold tracking-tight">"Reports"</h1>
            {defines.then(|| view! {
                <a class="text-sm text-brand underline" href="/settings/reports">"What the reports count"</a>
            })}
        </div>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! {
                        <Tabs page=page.clone() firm_wide />
                        <PeriodPicker page=page.clone() />
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
            let current = kind == page.kind;
            let class = if current { format!("{TAB} bg-brand text-on-brand") } else { format!("{TAB} text-brand underline") };
            view! {
                <a href=report_address("/reports", kind, page.period) class=class aria-current=current.then_some("page")>
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
fn PeriodPicker(page: Page) -> impl IntoView {
    let csv = report_address(REPORTS_CSV_PATH, page.kind, page.period);
    let choices = page.kind.has_period().then(|| {
        PeriodChoice::ALL
            .into_iter()
            .map(|choice| {
                let current = choice == page.period;
                let class = if current {
                    format!("{TAB} border border-brand font-semibold")
                } else {
                    format!("{TAB} border border-slate-300 text-slate-700 hover:border-brand")
                };
                view! {
                    <a href=report_address("/reports", page.kind, choice) class=class aria-current=current.then_some("page")>
                        {choice.label()}
                    </a>
                }
            })
            .collect_view()
    });
    let note = (!page.kind.has_period()).then(|| view! { <span class="text-sm text-slate-600">"As of today."</span> });
    view! {
        <div class="mt-3 flex flex-wrap items-center gap-2">
            <nav class="flex flex-wrap gap-2" aria-label="Period" data-testid="report-periods">{choices}</nav>
            {note}
            <a class="ml-auto text-sm text-brand underline" href=csv rel="external" download data-testid="report-csv">
                "Download CSV"
            </a>
        </div>
    }
}
