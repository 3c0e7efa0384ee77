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
