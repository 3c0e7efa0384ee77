//! One firm's page: its status (`lifecycle`), its plan and features
//! (`flags`), then its people, each with a form to act as them for
//! support, its hostnames, and a form to invite an administrator.

use super::lifecycle::{HostnamesSection, InviteAdminForm, StatusSection};
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
    /// The firm's own address and the other names it answers on.
    pub own_host: String,
    pub hostnames: Vec<String>,
    pub primary_host: Option<String>,
    /// The forms as typed, after a refusal.
    pub typed: FirmTyped,
}

/// What was typed in the firm page's forms, kept after a refusal.
#[derive(Debug, Clone, Default)]
pub struct FirmTyped {
    pub invite: TypedAdmin,
    pub hostname: String,
}

impl From<TypedAdmin> for FirmTyped {
    fn from(invite: TypedAdmin) -> Self {
        Self { invite, hostname: String::new() }
    }
}

pub fn firm_html(staff: &StaffMember, page: FirmPage) -> String {
    let FirmPage {
        name,
        slug,
        status,
        flags,
        people,
        impersonation_minutes,
        error,
        notice,
        own_host,
        hostnames,
        primary_host,
        typed,
    } = page;
    let FirmTyped { invite, hostname } = typed;
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
            <HostnamesSection slug=slug.clone() own_host hostnames primary_host may_change typed=hostname />
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
