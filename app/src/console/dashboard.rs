//! The console's first page: the platform at a glance. Firms by status and
//! plan; people and hours recorded per day over 30 days and this server's
//! requests per minute over the last hour, as charts; and every firm with
//! its schema (a failed migration with its error and a button to retry),
//! people, refused sign-ins, last activity and stored files.

use super::{ConsoleDocument, alert};
use crate::components::chart::{Bar, BarChart};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::flags::Plan;
use pespro::staff::health::{DayTotal, FirmActivity, SchemaState};
use pespro::staff::{StaffMember, StaffPermission};
use pespro::tenancy::Tenant;
use pespro::tenant::TenantStatus;
use std::sync::Arc;

/// One firm's line.
pub struct DashboardFirm {
    pub firm: Arc<Tenant>,
    pub schema: SchemaState,
    /// `None` when the firm's schema could not be read.
    pub activity: Option<FirmActivity>,
}

pub struct Dashboard {
    pub firms: Vec<DashboardFirm>,
    /// The tenant migrations this build has.
    pub latest_schema: i32,
    pub days: Vec<DayTotal>,
    /// Requests and server errors per minute, oldest first.
    pub last_hour: Vec<(u64, u64)>,
    pub error: Option<String>,
    pub notice: Option<String>,
}

pub fn dashboard_html(staff: &StaffMember, dashboard: Dashboard) -> String {
    let Dashboard { firms, latest_schema, days, last_hour, error, notice } = dashboard;
    let notice = notice.map(|text| view! { <p role="status" class="notice">{text}</p> });
    let people =
        days.iter().map(|day| Bar { label: day.date.to_string(), value: day.people as f64, alarm: 0.0 }).collect();
    let hours = days
        .iter()
        .map(|day| Bar { label: day.date.to_string(), value: day.minutes as f64 / 60.0, alarm: 0.0 })
        .collect();
    let count = last_hour.len();
    let requests = last_hour
        .iter()
        .enumerate()
        .map(|(index, (requests, errors))| Bar {
            label: format!("{} min ago", count - 1 - index),
            value: *requests as f64,
            alarm: *errors as f64,
        })
        .collect();
    let may_retry = staff.role.may(StaffPermission::RunFirms);
    let rows = firms.iter().map(|line| firm_row(line, latest_schema, may_retry)).collect_view();
    view! {
        <ConsoleDocument title="Platform".to_owned() signed_in=Some(staff.clone())>
            {notice}
            {alert(error)}
            <StatusAndPlans firms=firms.iter().map(|line| (line.firm.status, line.firm.plan)).collect() />
            <h2>"Activity"</h2>
            <BarChart caption="People who recorded time, per day (30 days, every firm)".to_owned() unit="people" bars=people alarm_name=None />
            <BarChart caption="Hours recorded per day (30 days, every firm)".to_owned() unit="h" bars=hours alarm_name=None />
            <BarChart
                caption="Requests per minute to this server, last hour (server errors in red)".to_owned()
                unit="requests"
                bars=requests
                alarm_name=Some("errors")
            />
            <h2>"Firms"</h2>
            <table>
                <thead>
                    <tr>
                        <th>"Firm"</th>
                        <th>"Status"</th>
                        <th>"Schema"</th>
                        <th>"Active people"</th>
                        <th>"Refused sign-ins (last hour)"</th>
                        <th>"Last activity"</th>
                        <th>"Receipts and logos"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ConsoleDocument>
    }
    .to_html()
}

#[component]
fn StatusAndPlans(firms: Vec<(TenantStatus, Plan)>) -> impl IntoView {
    let count = |status: TenantStatus, plan: Option<Plan>| {
        firms.iter().filter(|(s, p)| *s == status && plan.is_none_or(|plan| plan == *p)).count()
    };
    let rows = [TenantStatus::Active, TenantStatus::Suspended]
        .into_iter()
        .map(|status| {
            let cells = Plan::ALL.iter().map(|plan| view! { <td>{count(status, Some(*plan))}</td> }).collect_view();
            let label = match status {
                TenantStatus::Active => "Open",
                TenantStatus::Suspended => "Suspended",
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    {cells}
                    <td>{count(status, None)}</td>
                </tr>
            }
        })
        .collect_view();
    let heads = Plan::ALL.iter().map(|plan| view! { <th scope="col">{plan.label()}</th> }).collect_view();
    view! {
        <table aria-label="Firms by status and plan">
            <thead>
                <tr>
                    <td></td>
                    {heads}
                    <th scope="col">"All plans"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn firm_row(line: &DashboardFirm, latest: i32, may_retry: bool) -> impl IntoView + use<> {
    let slug = line.firm.slug.as_str().to_owned();
    let schema = match &line.schema {
        SchemaState::Current => view! { {format!("{latest}, current")} }.into_any(),
        SchemaState::Behind { at } => {
            view! { {format!("{at} of {latest}, behind: the next run brings it up")} }.into_any()
        }
        SchemaState::Failed { at, version, error } => view! {
            <strong class="error">{format!("{at} of {latest}: migration {version} failed")}</strong>
            <br />
            <code>{error.clone()}</code>
            {may_retry.then(|| view! {
                <form method="post" action=format!("/firms/{slug}/migrate")>
                    <button type="submit">{format!("Retry {}", line.firm.theme.display_name)}</button>
                </form>
            })}
        }
        .into_any(),
    };
    let activity = match &line.activity {
        Some(activity) => view! {
            <td>{activity.active_people}</td>
            <td>{activity.refused_sign_ins}</td>
            <td>{activity.last_activity.clone().unwrap_or_else(|| "none yet".to_owned())}</td>
            <td>{size(activity.stored_bytes)}</td>
        }
        .into_any(),
        None => view! { <td colspan="4">"Its data could not be read (see the schema)."</td> }.into_any(),
    };
    view! {
        <tr>
            <td>
                <a href=format!("/firms/{slug}")>{line.firm.theme.display_name.as_str().to_owned()}</a>
                " (" {line.firm.plan.label()} ")"
            </td>
            <td>{line.firm.status.as_str()}</td>
            <td>{schema}</td>
            {activity}
        </tr>
    }
}

/// Bytes as people read them: `840 KB`, `12.5 MB`.
pub(super) fn size(bytes: i64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    match bytes as f64 {
        b if b >= MB => format!("{:.1} MB", b / MB),
        b => format!("{:.0} KB", (b / 1024.0).ceil()),
    }
}
