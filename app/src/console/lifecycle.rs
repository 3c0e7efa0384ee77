//! On a firm's console page: where the firm stands (open or suspended) with
//! the form that changes it, and the form that invites an administrator
//! (for a firm whose own have left). Each needs a reason, which the
//! platform's audit trail keeps with the staff member's name.

use leptos::prelude::*;
use pespro::staff::{MAX_REASON_CHARS, TypedAdmin};
use pespro::tenant::TenantStatus;

#[component]
pub(super) fn StatusSection(slug: String, name: String, status: TenantStatus, may_change: bool) -> impl IntoView {
    let (now, next, label, button, consequence) = match status {
        TenantStatus::Active => (
            "Open: its people can sign in and work.",
            TenantStatus::Suspended,
            "Reason for suspending",
            format!("Suspend {name}"),
            "Every page of the firm then says it is suspended; its data stays as it is.",
        ),
        TenantStatus::Suspended => (
            "Suspended: every page of the firm says so, and nobody can sign in.",
            TenantStatus::Active,
            "Reason for resuming",
            format!("Resume {name}"),
            "Its people can sign in again at once.",
        ),
    };
    view! {
        <h2 id="status">"Status"</h2>
        <p data-testid="firm-status">{now}</p>
        {may_change.then(|| view! {
        <form method="post" action=format!("/firms/{slug}/status") aria-labelledby="status">
            <input type="hidden" name="status" value=next.as_str() />
            <label for="reason-status">{label}</label>
            <textarea id="reason-status" name="reason" required maxlength=MAX_REASON_CHARS.to_string() rows="2"></textarea>
            <p>{consequence}</p>
            <p>
                <button type="submit">{button}</button>
            </p>
        </form>
        })}
    }
}

#[component]
pub(super) fn InviteAdminForm(slug: String, typed: TypedAdmin) -> impl IntoView {
    view! {
        <h2 id="invite-admin">"Invite an administrator"</h2>
        <p>"For a firm whose administrators have left: they are emailed a link to choose a password."</p>
        <form method="post" action=format!("/firms/{slug}/administrators") aria-labelledby="invite-admin">
            <label for="invite-email">"Email"</label>
            <input id="invite-email" name="email" type="email" required value=typed.email />
            <label for="invite-name">"Name"</label>
            <input id="invite-name" name="name" required maxlength="100" value=typed.name />
            <label for="reason-invite">"Reason for the invitation"</label>
            <textarea id="reason-invite" name="reason" required maxlength=MAX_REASON_CHARS.to_string() rows="2">
                {typed.reason}
            </textarea>
            <p>
                <button type="submit">"Send the invitation"</button>
            </p>
        </form>
    }
}

#[component]
pub(super) fn HostnamesSection(
    slug: String,
    own_host: String,
    hostnames: Vec<String>,
    primary_host: Option<String>,
    may_change: bool,
    typed: String,
) -> impl IntoView {
    let names = hostnames
        .into_iter()
        .map(|host| {
            let primary = primary_host.as_deref() == Some(host.as_str());
            view! { <li>{if primary { format!("{host} (its chosen address)") } else { host }}</li> }
        })
        .collect_view();
    let form = may_change.then(|| {
        view! {
            <form method="post" action=format!("/firms/{slug}/hostnames") aria-labelledby="hostnames">
                <label for="hostname">"Serve it on a hostname you vouch for (no DNS proof is asked)"</label>
                <input id="hostname" name="hostname" required maxlength="253" value=typed />
                <label for="reason-hostname">"Reason for the hostname"</label>
                <textarea id="reason-hostname" name="reason" required maxlength=MAX_REASON_CHARS.to_string() rows="2"></textarea>
                <p>
                    <button type="submit">"Add the hostname"</button>
                </p>
            </form>
        }
    });
    view! {
        <h2 id="hostnames">"Hostnames"</h2>
        <ul>
            <li>{format!("{own_host} (its own address)")}</li>
            {names}
        </ul>
        <p>
            "Domains the firm is proving itself, and why one is not served yet, are on "
            <a href="/domains">"Domains"</a>
            "."
        </p>
        {form}
    }
}
