//! One firm's page: its status (`lifecycle`), its plan and features
//! (`flags`), then its people, each with a form to act as them for
//! support, and a form to invite an administrator.

use super::lifecycle::{InviteAdminForm, StatusSection};
use super::{ConsoleDocument, FlagsSection, alert};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::access::PersonSummary;
use pespro::staff::{MAX_REASON_CHARS, StaffMember, StaffPermission, TypedAdmin};
use pespro::tenant::TenantStatus;

/// What the firm's page shows, read by the console's handler.
pub struct FirmPage {
    pub name: String,
    pub slug: String,
    pub status: TenantStatus,
    pub flags: FlagsSection,
    pub people: Vec<PersonSummary>,
    /// How long an impersonation lasts at most, in minutes.
    pub impersonation_minutes: u64,
    /// Why the last form was refused, or what was just done.
    pub error: Option<String>,
    pub notice: Option<String>,
    /// The invite form as typed, after a refusal.
    pub invite: TypedAdmin,
}

pub fn firm_html(staff: &StaffMember, page: FirmPage) -> String {
    let FirmPage { name, slug, status, flags, people, impersonation_minutes, error, notice, invite } = page;
    let may_change = staff.role.may(StaffPermission::RunFirms);
    let notice = notice.map(|text| view! { <p role="status" class="notice">{text}</p> });
    let rows = people.into_iter().map(|person| person_row(&slug, person)).collect_view();
    view! {
        <ConsoleDocument title=name.clone() signed_in=Some(staff.clone())>
            {notice}
            {alert(error)}
            <StatusSection slug=slug.clone() name=name.clone() status may_change />
            {flags.view(&slug, may_change)}
            <h2>"People"</h2>
            <p>
                {format!(
                    "Acting as someone lets you see what they see, for {impersonation_minutes} minutes at most. \
                     The firm's audit log records who you are, when, and the reason you give.",
                )}
            </p>
            <table>
                <thead>
                    <tr>
                        <th>"Name"</th>
                        <th>"Email"</th>
                        <th>"Role"</th>
                        <th>"Act as them"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {may_change.then(|| view! { <InviteAdminForm slug=slug.clone() typed=invite /> })}
        </ConsoleDocument>
    }
    .to_html()
}

fn person_row(slug: &str, person: PersonSummary) -> impl IntoView + use<> {
    let action = if person.active {
        let id = person.user_id;
        let reason_id = format!("reason-{id}");
        view! {
            <form method="post" action=format!("/firms/{slug}/impersonate")>
                <input type="hidden" name="user_id" value=id.to_string() />
                <label for=reason_id.clone()>{format!("Reason for acting as {}", person.display_name)}</label>
                <textarea id=reason_id name="reason" required maxlength=MAX_REASON_CHARS.to_string() rows="2"></textarea>
                <p>
                    <label>
                        <input type="checkbox" name="money_rules" value="on" />
                        " Also allow changing workflows, rates, imports and reopened weeks (recorded with the reason)"
                    </label>
                </p>
                <p>
                    <button type="submit">{format!("Impersonate {}", person.display_name)}</button>
                </p>
            </form>
        }
        .into_any()
    } else {
        "Deactivated".into_any()
    };
    view! {
        <tr>
            <td>{person.display_name.clone()}</td>
            <td>{person.email}</td>
            <td>{person.role.label()}</td>
            <td>{action}</td>
        </tr>
    }
}
