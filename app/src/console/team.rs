//! The staff accounts, for owners: each one's role and authenticator, with
//! forms to change the role, reset the authenticator (a lost phone) or
//! remove the account — each with a reason for the platform's trail. New
//! accounts are still made with `pespro staff create`.

use super::{ConsoleDocument, alert};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::staff::{MAX_REASON_CHARS, StaffMember, StaffRole};

pub fn team_html(staff: &StaffMember, team: Vec<StaffMember>, error: Option<&str>, notice: Option<&str>) -> String {
    let me = staff.staff_id;
    let notice = notice.map(|text| view! { <p role="status" class="notice">{text.to_owned()}</p> });
    let error = alert(error.map(str::to_owned));
    let rows = team.into_iter().map(|member| member_row(member, me)).collect_view();
    view! {
        <ConsoleDocument title="Staff".to_owned() signed_in=Some(staff.clone())>
            {notice}
            {error}
            <p>
                "Support reads every page and acts as a firm's person with a reason; an operator also opens, "
                "suspends and resumes firms and changes plans and flags; an owner also manages the staff. "
                "New accounts are made with " <code>"pespro staff create --role …"</code> "."
            </p>
            <table>
                <thead>
                    <tr>
                        <th>"Name"</th>
                        <th>"Email"</th>
                        <th>"Authenticator"</th>
                        <th>"Change"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ConsoleDocument>
    }
    .to_html()
}

fn member_row(member: StaffMember, me: i64) -> impl IntoView {
    let id = member.staff_id;
    let name = member.display_name.clone();
    let roles = StaffRole::ALL
        .iter()
        .map(|role| view! { <option value=role.as_str() selected=*role == member.role>{role.label()}</option> })
        .collect_view();
    let reason = move |what: &str| {
        let field = format!("reason-{what}-{id}");
        view! {
            <label for=field.clone()>"Reason"</label>
            <textarea id=field name="reason" required maxlength=MAX_REASON_CHARS.to_string() rows="1"></textarea>
        }
    };
    let remove = (id != me).then(|| {
        view! {
            <form method="post" action=format!("/staff/{id}/remove")>
                {reason("remove")}
                <button type="submit">{format!("Remove {name}")}</button>
            </form>
        }
    });
    view! {
        <tr>
            <td>{format!("{} ({})", member.display_name, member.role.label())}</td>
            <td>{member.email}</td>
            <td>{if member.totp_enrolled { "Set up" } else { "Not yet: set up at the next sign-in" }}</td>
            <td>
                <form method="post" action=format!("/staff/{id}/role")>
                    <label for=format!("role-{id}")>{format!("Role of {}", member.display_name)}</label>
                    <select id=format!("role-{id}") name="role">{roles}</select>
                    {reason("role")}
                    <button type="submit">"Change role"</button>
                </form>
                <form method="post" action=format!("/staff/{id}/totp-reset")>
                    {reason("totp")}
                    <button type="submit">{format!("Reset {}'s authenticator", member.display_name)}</button>
                </form>
                {remove}
            </td>
        </tr>
    }
}
