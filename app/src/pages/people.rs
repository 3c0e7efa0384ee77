//! The firm's people, for administrators: change someone's role or
//! deactivate them. Each row's forms work with or without JavaScript.

use crate::api::people::{ChangeRole, DeactivatePerson, InvitePerson, list_people};
use crate::components::guard::require;
use crate::components::saved_form::cleared_when_saved;
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
    let invite = ServerAction::<InvitePerson>::new();
    let people = Resource::new(
        move || (change_role.version().get(), deactivate.version().get(), invite.version().get()),
        |_| list_people(),
    );
    let error = move || {
        let failed = |v: Option<Result<PersonSummary, crate::error::AppError>>| v.and_then(Result::err);
        failed(change_role.value().get()).or_else(|| failed(deactivate.value().get())).map(|e| e.to_string())
    };
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"People"</h1>
        <InviteForm invite />
        <p id="people-error" role="alert" class="mt-2 min-h-5 text-sm text-red-700">{error}</p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || {
                let me = me.user_id;
                Suspend::new(async move {
                    match people.await {
                        Ok(list) => view! {
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
                                        .map(|person| view! { <PersonRow person me change_role deactivate /> })
                                        .collect_view()}
                                </tbody>
                            </table>
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
    let status_cell = match (person.active, id == me) {
        (false, _) => view! { <span class="text-slate-500">"Deactivated"</span> }.into_any(),
        (true, true) => view! { <span>"Active (you)"</span> }.into_any(),
        (true, false) => view! {
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

/// Invite someone: they are added without a password and emailed a link to
/// choose one.
#[component]
fn InviteForm(invite: ServerAction<InvitePerson>) -> impl IntoView {
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
    let sent = move || result.get().and_then(Result::ok).map(|p| format!("Invitation sent to {}.", p.email));
    let form = cleared_when_saved(move || invite.version().get(), move || matches!(result.get(), Some(Ok(_))));
    let input = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";
    let options = Role::ALL
        .into_iter()
        .map(|r| view! { <option value=r.as_str() selected=r == Role::Employee>{r.label()}</option> })
        .collect_view();
    view! {
        <section aria-labelledby="invite-heading" class="mt-4 rounded border border-slate-200 bg-white p-4">
            <h2 id="invite-heading" class="font-semibold">"Invite someone"</h2>
            <ActionForm action=invite node_ref=form>
                <div class="mt-2 grid gap-3 sm:grid-cols-3">
                    <div>
                        <label for="invite-name" class="block text-sm font-medium text-slate-700">"Name"</label>
                        <input id="invite-name" name="display_name" required autocomplete="off" class=input />
                        <p class="min-h-5 text-sm text-red-700">{field_error("display_name")}</p>
                    </div>
                    <div>
                        <label for="invite-email" class="block text-sm font-medium text-slate-700">"Email"</label>
                        <input id="invite-email" name="email" type="email" required autocomplete="off" class=input />
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
                <p role="status" class="text-sm text-green-700">{sent}</p>
            </ActionForm>
        </section>
    }
}
