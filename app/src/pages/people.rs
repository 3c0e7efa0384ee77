//! The firm's people, for administrators: change someone's role or
//! deactivate them; invited people are shown as such (`invitations`). Each
//! row's forms work with or without JavaScript.

use super::invitations::{InvitationActions, InvitationCell, InvitationSaid, InviteForm, Seats};
use crate::api::people::{ChangeRole, DeactivatePerson, PeopleData, list_people};
use crate::components::guard::require;
use crate::components::scroll_region::ScrollRegion;
use leptos::prelude::*;
use pespro::access::{Permission, PersonSummary, Role};

#[component]
pub fn PeoplePage() -> impl IntoView {
    let me = match require(Permission::ManageUsers, "Only the firm's administrators can manage people.") {
        Ok(me) => me,
        Err(instead) => return instead,
    };
    let change_role = ServerAction::<ChangeRole>::new();
    let deactivate = ServerAction::<DeactivatePerson>::new();
    let invitations = InvitationActions::new();
    let people = Resource::new(
        move || (change_role.version().get(), deactivate.version().get(), invitations.changes()),
        |_| list_people(),
    );
    let error = move || {
        let failed = |v: Option<Result<PersonSummary, crate::error::AppError>>| v.and_then(Result::err);
        failed(change_role.value().get()).or_else(|| failed(deactivate.value().get())).map(|e| e.to_string())
    };
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"People"</h1>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || {
                let me = me.user_id;
                Suspend::new(async move {
                    match people.await {
                        Ok(PeopleData { people: list, typed_invite, seats }) => view! {
                            <InviteForm actions=invitations typed=typed_invite />
                            <Seats seats />
                            <InvitationSaid actions=invitations />
                            <p id="people-error" role="alert" class="mt-2 min-h-5 text-sm text-red-700">{error}</p>
                            <ScrollRegion label="People">
                            <table class="mt-4 w-full text-left text-sm" data-testid="people">
                                <thead>
                                    <tr class="text-slate-600">
                                        <th scope="col" class="py-2 pr-4 font-medium">"Name"</th>
                                        <th scope="col" class="py-2 pr-4 font-medium">"Email"</th>
                                        <th scope="col" class="py-2 pr-4 font-medium">"Role"</th>
                                        <th scope="col" class="py-2 font-medium">"Status"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(|person| view! { <PersonRow person me change_role deactivate invitations /> })
                                        .collect_view()}
                                </tbody>
                            </table>
                            </ScrollRegion>
                        }
                        .into_any(),
                        Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
    .into_any()
}

#[component]
fn PersonRow(
    person: PersonSummary,
    me: i64,
    change_role: ServerAction<ChangeRole>,
    deactivate: ServerAction<DeactivatePerson>,
    invitations: InvitationActions,
) -> impl IntoView {
    let id = person.user_id;
    let editable = person.active && id != me;
    let role_label = format!("Role of {}", person.display_name);
    let deactivate_label = format!("Deactivate {}", person.display_name);
    let role_cell = if editable {
        let options = Role::ALL
            .into_iter()
            .map(|r| view! { <option value=r.as_str() selected=r == person.role>{r.label()}</option> })
            .collect_view();
        view! {
            <ActionForm action=change_role>
                <input type="hidden" name="user_id" value=id />
                <select name="role" aria-label=role_label class="rounded border border-slate-300 px-2 py-1">
                    {options}
                </select>
                <button type="submit" class="ml-2 rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">"Save"</button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! { <span>{person.role.label()}</span> }.into_any()
    };
    let status_cell = match (person.active, id == me, person.invitation) {
        (false, ..) => view! { <span class="text-slate-500">"Deactivated"</span> }.into_any(),
        (true, true, _) => view! { <span>"Active (you)"</span> }.into_any(),
        (true, false, Some(invitation)) => {
            view! { <InvitationCell person=person.clone() invitation actions=invitations /> }.into_any()
        }
        (true, false, None) => view! {
            <ActionForm action=deactivate>
                <input type="hidden" name="user_id" value=id />
                <button
                    type="submit"
                    aria-label=deactivate_label
                    class="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50"
                >
                    "Deactivate"
                </button>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <tr class="border-t border-slate-200">
            <td class="py-2 pr-4">{person.display_name}</td>
            <td class="py-2 pr-4">{person.email}</td>
            <td class="py-2 pr-4">{role_cell}</td>
            <td class="py-2">{status_cell}</td>
        </tr>
    }
}
