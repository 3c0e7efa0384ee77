//! Invitations on the people page: the form to invite someone, an invited
//! person's status (until when their link works, or that it ran out) with
//! "Send again" and "Revoke" in place of "Deactivate", what the plan's
//! seats allow, and a confirmation of each action — including, when no mail
//! server is set up, that the mail was left in the outbox and not sent.

use crate::api::invitations::{InvitePerson, Invited, ResendInvitation, RevokeInvitation, TypedInvite};
use crate::components::saved_form::{cleared_when_saved, on_new_answer};
use leptos::prelude::*;
use pespro::access::{Invitation, PersonSummary, Role};

#[derive(Clone, Copy)]
pub struct InvitationActions {
    pub invite: ServerAction<InvitePerson>,
    pub resend: ServerAction<ResendInvitation>,
    pub revoke: ServerAction<RevokeInvitation>,
    /// Which of "Send again" and "Revoke" answered last. Kept by the page,
    /// not by the list it reloads: the list is rebuilt after each answer.
    last: RwSignal<Option<Last>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    Resend,
    Revoke,
}

impl InvitationActions {
    /// Made once by the page, which outlives the list it reloads.
    pub fn new() -> Self {
        let actions = Self {
            invite: ServerAction::new(),
            resend: ServerAction::new(),
            revoke: ServerAction::new(),
            last: RwSignal::new(None),
        };
        on_new_answer(move || actions.resend.version().get(), move || actions.last.set(Some(Last::Resend)));
        on_new_answer(move || actions.revoke.version().get(), move || actions.last.set(Some(Last::Revoke)));
        actions
    }

    /// Changes whenever an invitation was made, sent again or revoked.
    pub fn changes(self) -> (usize, usize, usize) {
        (self.invite.version().get(), self.resend.version().get(), self.revoke.version().get())
    }
}

/// What the administrator is told of a sent invitation.
fn sent(invited: &Invited, again: bool) -> String {
    let again = if again { " again" } else { "" };
    match invited.delivered {
        true => format!("Invitation sent{again} to {}.", invited.email),
        false => format!(
            "Not sent: no mail server is set up, so the invitation to {} was written to the server's outbox folder. \
             Pass the link on from there, or set up SMTP.",
            invited.email
        ),
    }
}

/// Green for done, amber for "done, but the mail did not leave".
fn tone(undelivered: bool) -> &'static str {
    if undelivered { "text-sm text-amber-800" } else { "text-sm text-green-700" }
}

/// "Invited · link works until Sun 13 Dec" or "Invitation expired", with
/// its two actions.
#[component]
pub fn InvitationCell(person: PersonSummary, invitation: Invitation, actions: InvitationActions) -> impl IntoView {
    let formats = crate::components::formats::use_formats();
    let said = match invitation {
        Invitation::Until(until) => {
            format!("Invited · link works until {}", formats.day(until.date()))
        }
        Invitation::Expired => "Invitation expired".to_owned(),
    };
    let (resend_label, revoke_label) = (
        format!("Send the invitation to {} again", person.display_name),
        format!("Revoke the invitation to {}", person.display_name),
    );
    let id = person.user_id;
    view! {
        <span data-testid="invitation-status" class="mr-2 text-amber-800">{said}</span>
        <ActionForm action=actions.resend attr:class="inline">
            <input type="hidden" name="user_id" value=id />
            <button type="submit" aria-label=resend_label class="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
                "Send again"
            </button>
        </ActionForm>
        <ActionForm action=actions.revoke attr:class="ml-1 inline">
            <input type="hidden" name="user_id" value=id />
            <button type="submit" aria-label=revoke_label class="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50">
                "Revoke"
            </button>
        </ActionForm>
    }
}

/// The confirmation (or refusal) of the last "Send again" or "Revoke".
#[component]
pub fn InvitationSaid(actions: InvitationActions) -> impl IntoView {
    let last = actions.last;
    let undelivered = move || {
        last.get() == Some(Last::Resend)
            && matches!(actions.resend.value().get(), Some(Ok(Invited { delivered: false, .. })))
    };
    let answer = move || match last.get()? {
        Last::Resend => Some(actions.resend.value().get()?.map(|invited| sent(&invited, true))),
        Last::Revoke => Some(actions.revoke.value().get()?.map(|email| format!("Invitation to {email} revoked."))),
    };
    view! {
        <p role="status" data-testid="invitation-said" class=move || format!("mt-2 min-h-5 {}", tone(undelivered()))>
            {move || answer().and_then(Result::ok)}
        </p>
        <p role="alert" class="min-h-5 text-sm text-red-700">{move || answer().and_then(Result::err).map(|e| e.to_string())}</p>
    }
}

/// How many of the plan's seats are taken, invitations included.
#[component]
pub fn Seats(seats: Option<(usize, u32)>) -> impl IntoView {
    seats.map(|(taken, limit)| {
        view! {
            <p data-testid="seats" class="mt-2 text-sm text-slate-600">
                {format!(
                    "{taken} of the plan's {limit} seats taken. An invitation takes a seat until it is accepted or revoked."
                )}
            </p>
        }
    })
}

/// Invite someone: they are added without a password and emailed a link to
/// choose one.
#[component]
pub fn InviteForm(
    actions: InvitationActions,
    /// What a refused post held, to be put right.
    typed: Option<TypedInvite>,
) -> impl IntoView {
    let invite = actions.invite;
    let typed = typed.unwrap_or_else(|| TypedInvite {
        email: String::new(),
        display_name: String::new(),
        role: Role::Employee.as_str().to_owned(),
    });
    let result = invite.value();
    let field_error = move |field: &'static str| {
        move || result.get().and_then(Result::err).map(|e| e.for_field(field).unwrap_or_default())
    };
    let other_error = move || {
        result
            .get()
            .and_then(Result::err)
            .filter(|e| ["email", "display_name", "role"].iter().all(|f| e.for_field(f).is_none()))
            .map(|e| e.to_string())
    };
    let said = move || result.get().and_then(Result::ok).map(|invited| sent(&invited, false));
    let undelivered = move || matches!(result.get(), Some(Ok(Invited { delivered: false, .. })));
    let form = cleared_when_saved(move || invite.version().get(), move || matches!(result.get(), Some(Ok(_))));
    let input = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";
    let options = Role::ALL
        .into_iter()
        .map(|r| view! { <option value=r.as_str() selected=r.as_str() == typed.role>{r.label()}</option> })
        .collect_view();
    view! {
        <section aria-labelledby="invite-heading" class="mt-4 rounded border border-slate-200 bg-white p-4">
            <h2 id="invite-heading" class="font-semibold">"Invite someone"</h2>
            <ActionForm action=invite node_ref=form>
                <div class="mt-2 grid gap-3 sm:grid-cols-3">
                    <div>
                        <label for="invite-name" class="block text-sm font-medium text-slate-700">"Name"</label>
                        <input id="invite-name" name="display_name" required autocomplete="off" class=input value=typed.display_name />
                        <p class="min-h-5 text-sm text-red-700">{field_error("display_name")}</p>
                    </div>
                    <div>
                        <label for="invite-email" class="block text-sm font-medium text-slate-700">"Email"</label>
                        <input id="invite-email" name="email" type="email" required autocomplete="off" class=input value=typed.email />
                        <p id="invite-email-error" class="min-h-5 text-sm text-red-700">{field_error("email")}</p>
                    </div>
                    <div>
                        <label for="invite-role" class="block text-sm font-medium text-slate-700">"Role"</label>
                        <select id="invite-role" name="role" class=input>{options}</select>
                    </div>
                </div>
                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    "Send invitation"
                </button>
                <p role="alert" class="text-sm text-red-700">{other_error}</p>
                <p role="status" data-testid="invite-said" class=move || tone(undelivered())>{said}</p>
            </ActionForm>
        </section>
    }
}
