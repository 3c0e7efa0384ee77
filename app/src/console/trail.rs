//! The platform's audit trail, for staff: who did what to which firm, when,
//! why and from where; narrowed by firm, staff member, action and days, a
//! page at a time.

use super::{ConsoleDocument, alert};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::staff::trail::{TrailEntry, TypedTrailFilter};
use pespro::staff::{StaffAction, StaffMember};

/// A page of the trail: the filter as typed, why it was refused (nothing
/// is listed then), the entries, and the next page's address.
pub struct TrailPage {
    pub typed: TypedTrailFilter,
    pub error: Option<String>,
    pub entries: Vec<TrailEntry>,
    pub older: Option<String>,
}

pub fn trail_html(staff: &StaffMember, page: TrailPage) -> String {
    let TrailPage { typed, error, entries, older } = page;
    let listed = if error.is_some() {
        None
    } else if entries.is_empty() {
        Some(view! { <p>"No entry matches."</p> }.into_any())
    } else {
        let rows = entries.into_iter().map(entry_row).collect_view();
        Some(
            view! {
                <table>
                    <thead>
                        <tr>
                            <th>"When"</th>
                            <th>"Who"</th>
                            <th>"Action"</th>
                            <th>"Firm"</th>
                            <th>"Reason"</th>
                            <th>"Detail"</th>
                            <th>"From"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any(),
        )
    };
    let older = older.map(|href| view! { <p><a href=href>"Older entries"</a></p> });
    view! {
        <ConsoleDocument title="Platform audit trail".to_owned() signed_in=Some(staff.clone())>
            <Filter typed />
            {alert(error)}
            {listed}
            {older}
        </ConsoleDocument>
    }
    .to_html()
}

#[component]
fn Filter(typed: TypedTrailFilter) -> impl IntoView {
    let actions = StaffAction::ALL
        .iter()
        .map(|action| {
            let value = action.as_str();
            view! { <option value=value selected=typed.action == value>{value}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action="/trail" role="search" aria-label="Filter the trail">
            <label for="trail-firm">"Firm (short name)"</label>
            <input id="trail-firm" name="firm" value=typed.firm />
            <label for="trail-staff">"Staff member's email"</label>
            <input id="trail-staff" name="staff" type="email" value=typed.staff />
            <label for="trail-action">"Action"</label>
            <select id="trail-action" name="action">
                <option value="">"Any"</option>
                {actions}
            </select>
            <label for="trail-from">"From"</label>
            <input id="trail-from" name="from" type="date" value=typed.from />
            <label for="trail-to">"To"</label>
            <input id="trail-to" name="to" type="date" value=typed.to />
            <p>
                <button type="submit">"Show"</button>
            </p>
        </form>
    }
}

fn entry_row(entry: TrailEntry) -> impl IntoView {
    let firm = entry.firm.map(|slug| view! { <a href=format!("/firms/{slug}")>{slug.clone()}</a> });
    view! {
        <tr>
            <td>{entry.at}</td>
            <td>{entry.actor}</td>
            <td>{entry.action}</td>
            <td>{firm}</td>
            <td>{entry.reason}</td>
            <td>{entry.detail}</td>
            <td>{entry.client_address.unwrap_or_default()}</td>
        </tr>
    }
}
