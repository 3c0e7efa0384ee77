//! Every firm on the platform, each linking to its own page, and the form
//! that opens a new one with its first administrator invited.

use super::{ConsoleDocument, alert};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::flags::Plan;
use pespro::staff::{StaffMember, StaffPermission, TypedFirm};
use pespro::tenancy::Tenant;
use std::sync::Arc;

/// `typed` fills the new-firm form again after `error` refused it.
pub fn firms_html(staff: &StaffMember, firms: &[Arc<Tenant>], typed: TypedFirm, error: Option<&str>) -> String {
    let rows = firms
        .iter()
        .map(|firm| {
            let slug = firm.slug.as_str().to_owned();
            view! {
                <tr>
                    <td>
                        <a href=format!("/firms/{slug}")>{firm.theme.display_name.as_str().to_owned()}</a>
                    </td>
                    <td>{slug.clone()}</td>
                    <td>{firm.status.as_str()}</td>
                    <td>{firm.plan.label()}</td>
                </tr>
            }
        })
        .collect_view();
    let error = error.map(str::to_owned);
    let may_open = staff.role.may(StaffPermission::RunFirms);
    view! {
        <ConsoleDocument title="Firms".to_owned() signed_in=Some(staff.clone())>
            <table>
                <thead>
                    <tr>
                        <th>"Firm"</th>
                        <th>"Short name"</th>
                        <th>"Status"</th>
                        <th>"Plan"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {may_open.then(|| view! { <NewFirmForm typed error /> })}
        </ConsoleDocument>
    }
    .to_html()
}

#[component]
fn NewFirmForm(typed: TypedFirm, error: Option<String>) -> impl IntoView {
    let chosen = Plan::parse(&typed.plan).unwrap_or(Plan::Team);
    let plans = Plan::ALL
        .iter()
        .map(|plan| view! { <option value=plan.as_str() selected=*plan == chosen>{plan.label()}</option> })
        .collect_view();
    view! {
        <h2 id="new-firm">"Open a new firm"</h2>
        {alert(error)}
        <form method="post" action="/firms" aria-labelledby="new-firm">
            <label for="slug">"Short name (its address: short-name.your-domain)"</label>
            <input id="slug" name="slug" required maxlength="40" value=typed.slug />
            <label for="name">"Name"</label>
            <input id="name" name="name" required maxlength="100" value=typed.name />
            <label for="new-plan">"Plan"</label>
            <select id="new-plan" name="plan">{plans}</select>
            <label for="admin_email">"First administrator's email"</label>
            <input id="admin_email" name="admin_email" type="email" required value=typed.admin_email />
            <label for="admin_name">"First administrator's name"</label>
            <input id="admin_name" name="admin_name" required maxlength="100" value=typed.admin_name />
            <p>"They are emailed an invitation to choose a password; the link works for a week."</p>
            <p>
                <button type="submit">"Open the firm"</button>
            </p>
        </form>
    }
}
