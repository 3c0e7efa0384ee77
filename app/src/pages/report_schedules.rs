//! `/reports/scheduled`: reports e-mailed on a schedule. A manager picks a
//! report, its rolling period (each e-mail covers the newest one), weekly
//! or monthly, and who of the firm's managers and administrators receives
//! it; the reports page links here with the report on screen already
//! chosen. The list shows when each goes next and stops any of them.

use crate::api::report_schedules::{ScheduleReport, UnscheduleReport, load_report_schedules};
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use pespro::access::Permission;
use pespro::formats::Formats;
use pespro::reports::ReportKind;
use pespro::reports::hours::Dimension;
use pespro::reports::period::PeriodChoice;
use pespro::reports::query::ReportQuery;
use pespro::reports::schedule::{Cadence, ScheduleView, SchedulesPage, recipient_key};

const INPUT: &str =
    "mt-1 block w-full max-w-md rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";
const BUTTON: &str = "rounded bg-brand px-3 py-1.5 font-medium text-on-brand hover:opacity-90";
const CELL: &str = "py-2 pr-4 align-top";

#[component]
pub fn ReportSchedulesPage() -> impl IntoView {
    let user =
        match require(Permission::ReadFirmReports, "Only the firm's managers and administrators schedule reports.") {
            Ok(user) => user,
            Err(instead) => return instead,
        };
    let formats = user.formats;
    let page = Resource::new(|| (), |_| load_report_schedules());
    let query = use_query_map();
    let asked = query.with_untracked(|q| {
        ReportQuery::parse(
            q.get("report").as_deref(),
            q.get("period").as_deref(),
            q.get("by").as_deref(),
            q.get("then").as_deref(),
        )
    });
    let saved = move || query.with(|q| q.get("saved").is_some()).then_some("Saved: it goes out on the day shown.");
    view! {
        <p><a href=asked.address("/reports") class="text-sm text-brand underline">"← Reports"</a></p>
        <h1 class="text-2xl font-semibold tracking-tight">"Scheduled reports"</h1>
        <p class="mt-1 max-w-2xl text-sm text-slate-600">
            "Reports e-mailed to the firm's managers and administrators, with their numbers attached as CSV. "
            "Each e-mail covers the newest period: \"last month\" sent on 1 March is February."
        </p>
        <p role="status" data-testid="schedule-saved" class="mt-2 min-h-5 text-sm text-green-700">{saved}</p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! {
                        <Schedules page=page.clone() formats />
                        <NewSchedule page asked />
                    }
                    .into_any(),
                    Err(error) => view! { <p role="alert" class="mt-4 text-red-700">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

fn describe(query: ReportQuery) -> String {
    let mut said = query.kind.label().to_owned();
    if query.kind.has_period() {
        said.push_str(&format!(", {}", query.period.label().to_lowercase()));
    }
    if query.kind == ReportKind::Hours {
        said.push_str(&format!(", by {}", query.by.label().to_lowercase()));
        if let Some(then) = query.then {
            said.push_str(&format!(" then {}", then.label().to_lowercase()));
        }
    }
    said
}

#[component]
fn Schedules(page: SchedulesPage, formats: Formats) -> impl IntoView {
    if page.schedules.is_empty() {
        return view! {
            <p class="mt-4 text-slate-600" data-testid="schedules-empty">"No report is e-mailed yet. Schedule one below."</p>
        }
        .into_any();
    }
    let rows = page.schedules.into_iter().map(|s| view! { <Row schedule=s formats /> }.into_any()).collect_view();
    view! {
        <table class="mt-4 w-full text-left text-sm" data-testid="schedules">
            <thead>
                <tr class="text-slate-600">
                    <th scope="col" class=CELL>"Name"</th>
                    <th scope="col" class=CELL>"Report"</th>
                    <th scope="col" class=CELL>"How often"</th>
                    <th scope="col" class=CELL>"Next"</th>
                    <th scope="col" class=CELL>"To"</th>
                    <th scope="col" class=CELL><span class="sr-only">"Stop"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn Row(schedule: ScheduleView, formats: Formats) -> impl IntoView {
    let stop = ServerAction::<UnscheduleReport>::new();
    let gone = move || matches!(stop.value().get(), Some(Ok(())));
    let label = format!("Stop {}", schedule.name);
    view! {
        <tr class="border-t border-slate-200" class:hidden=gone>
            <td class=CELL>{schedule.name.clone()}</td>
            <td class=CELL><a class="text-brand underline" href=schedule.query.address("/reports")>{describe(schedule.query)}</a></td>
            <td class=CELL>{if schedule.cadence == Cadence::Weekly { "Weekly" } else { "Monthly" }}</td>
            <td class=CELL>
                {formats.date(schedule.next_send_on)}
                {schedule.last_sent_on.map(|day| view! {
                    <span class="block text-xs text-slate-500">{format!("last sent {}", formats.date(day))}</span>
                })}
            </td>
            <td class=CELL>{schedule.recipients.join(", ")}</td>
            <td class=CELL>
                <ActionForm action=stop>
                    <input type="hidden" name="schedule_id" value=schedule.schedule_id />
                    <button type="submit" class="text-red-700 underline" aria-label=label>"Stop"</button>
                </ActionForm>
            </td>
        </tr>
    }
}

fn options<T: Copy + PartialEq + 'static>(
    all: &[T],
    chosen: T,
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> AnyView {
    all.iter()
        .map(|item| view! { <option value=key(*item) selected=*item == chosen>{label(*item)}</option> })
        .collect_view()
        .into_any()
}

#[component]
fn NewSchedule(page: SchedulesPage, asked: ReportQuery) -> impl IntoView {
    let save = ServerAction::<ScheduleReport>::new();
    let done = move || matches!(save.value().get_untracked(), Some(Ok(())));
    crate::components::saved_form::on_new_answer(
        move || save.version().get(),
        move || {
            if done() {
                let _ = window().location().set_href("/reports/scheduled?saved=1");
            }
        },
    );
    let refused = move |field: &'static str| save.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let people = page
        .readers
        .into_iter()
        .map(|(user_id, name)| {
            view! {
                <label class="mr-4 inline-flex items-center gap-1 text-sm">
                    <input type="checkbox" name=format!("form[recipients][{}]", recipient_key(user_id)) class="accent-brand" />
                    {name}
                </label>
            }
        })
        .collect_view();
    let cadences = Cadence::ALL
        .into_iter()
        .map(|cadence| {
            let (id, label_for) = (format!("cadence-{}", cadence.key()), format!("cadence-{}", cadence.key()));
            view! {
                <label for=label_for class="mr-4 inline-flex items-center gap-1 text-sm">
                    <input id=id type="radio" name="form[cadence]" value=cadence.key() checked=cadence == Cadence::Monthly class="accent-brand" />
                    {cadence.label()}
                </label>
            }
        })
        .collect_view();
    let then_options =
        std::iter::once(view! { <option value="" selected=asked.then.is_none()>"Nothing"</option> }.into_any())
            .chain(Dimension::ALL.iter().map(|d| {
                view! { <option value=d.key() selected=asked.then == Some(*d)>{d.label()}</option> }.into_any()
            }))
            .collect_view();
    let name = describe(asked);
    view! {
        <section aria-labelledby="new-schedule" class="mt-8 max-w-2xl rounded border border-slate-200 bg-white p-4">
            <h2 id="new-schedule" class="font-semibold">"E-mail a report"</h2>
            <ActionForm action=save>
                <label class="mt-2 block text-sm">"Name"
                    <input name="form[name]" value=name maxlength="120" class=INPUT aria-describedby="name-error" />
                </label>
                <p id="name-error" class="min-h-5 text-sm text-red-700" role="alert">{move || refused("name")}</p>
                <div class="grid gap-3 sm:grid-cols-2">
                    <label class="block text-sm">"Report"
                        <select name="report" class=INPUT>{options(&ReportKind::ALL, asked.kind, ReportKind::key, ReportKind::label)}</select>
                    </label>
                    <label class="block text-sm">"Period (reports that have one)"
                        <select name="period" class=INPUT>{options(&PeriodChoice::ALL, asked.period, PeriodChoice::key, PeriodChoice::label)}</select>
                    </label>
                    <label class="block text-sm">"Hours grouped by"
                        <select name="by" class=INPUT>{options(&Dimension::ALL, asked.by, Dimension::key, Dimension::label)}</select>
                    </label>
                    <label class="block text-sm">"Then by"
                        <select name="then" class=INPUT>{then_options}</select>
                    </label>
                </div>
                <fieldset class="mt-3">
                    <legend class="text-sm text-slate-700">"How often"</legend>
                    {cadences}
                </fieldset>
                <p class="min-h-5 text-sm text-red-700" role="alert">{move || refused("cadence")}</p>
                <fieldset class="mt-1" data-testid="schedule-recipients">
                    <legend class="text-sm text-slate-700">"Send to"</legend>
                    {people}
                </fieldset>
                <p class="min-h-5 text-sm text-red-700" role="alert">{move || refused("recipients")}</p>
                <button type="submit" class=BUTTON>"Schedule"</button>
            </ActionForm>
        </section>
    }
}
