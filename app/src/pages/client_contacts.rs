//! The contacts section of a client's page: who the firm deals with at the
//! client. Everyone in the firm reads it; managers and administrators add
//! and remove contacts with plain form posts (so it works before
//! hydration).

use crate::api::contacts::{AddClientContact, RemoveClientContact};
use leptos::prelude::*;
use pespro::contact::ContactView;

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";

#[derive(Clone, Copy)]
pub struct ContactActions {
    pub add: ServerAction<AddClientContact>,
    pub remove: ServerAction<RemoveClientContact>,
}

impl Default for ContactActions {
    fn default() -> Self {
        Self { add: ServerAction::new(), remove: ServerAction::new() }
    }
}

impl ContactActions {
    /// Changes whenever a contact was added or removed: the page reloads.
    pub fn changes(self) -> (usize, usize) {
        (self.add.version().get(), self.remove.version().get())
    }
}

#[component]
pub fn ClientContacts(
    client_id: i64,
    contacts: Vec<ContactView>,
    may_edit: bool,
    actions: ContactActions,
) -> impl IntoView {
    let problem = move |field: &'static str| {
        move || actions.add.value().get().and_then(Result::err).and_then(|e| e.for_field(field))
    };
    // A contact added is cleared from the form (hydration keeps the form's
    // element, and with it what was typed); a refused one stays as typed.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(actions.add.value().get(), Some(Ok(_)))
            && let Some(form) = form_ref.get()
        {
            form.reset();
        }
    });
    let removal_error = move || actions.remove.value().get().and_then(Result::err).map(|e| e.to_string());
    let list = if contacts.is_empty() {
        view! { <p class="text-sm text-slate-500">"No contacts yet."</p> }.into_any()
    } else {
        view! {
            <ul data-testid="client-contacts" class="mt-1 space-y-1 text-sm">
                {contacts.into_iter().map(|contact| view! { <ContactRow client_id contact may_edit actions /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let field = move |name: &'static str, label: &'static str, kind: &'static str| {
        view! {
            <div>
                <label for=format!("contact-{name}") class="block text-sm font-medium text-slate-700">{label}</label>
                <input id=format!("contact-{name}") name=format!("contact[{name}]") type=kind autocomplete="off" class=INPUT />
                <p class="min-h-5 text-sm text-red-700">{problem(name)}</p>
            </div>
        }
    };
    view! {
        <h2 class="mt-6 text-lg font-semibold">"Contacts"</h2>
        <p role="alert" class="min-h-5 text-sm text-red-700">{removal_error}</p>
        {list}
        {may_edit.then(|| view! {
            <ActionForm action=actions.add node_ref=form_ref attr:class="mt-2 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-4">
                <input type="hidden" name="client_id" value=client_id.to_string() />
                {field("name", "Contact's name", "text")}
                {field("role", "Their role", "text")}
                {field("email", "Their email", "email")}
                {field("phone", "Their phone", "tel")}
                <div>
                    <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Add contact"</button>
                </div>
            </ActionForm>
        })}
    }
    .into_any()
}

#[component]
fn ContactRow(client_id: i64, contact: ContactView, may_edit: bool, actions: ContactActions) -> impl IntoView {
    let ContactView { contact_id, name, email, phone, role } = contact;
    let role = (!role.is_empty()).then(|| format!(" · {role}"));
    let email = (!email.is_empty()).then(|| {
        let href = format!("mailto:{email}");
        view! { " · " <a class="text-brand underline" href=href>{email}</a> }
    });
    let phone = (!phone.is_empty()).then(|| format!(" · {phone}"));
    let remove_label = format!("Remove {name}");
    let remove = may_edit.then(|| {
        view! {
            <ActionForm action=actions.remove attr:class="inline">
                <input type="hidden" name="client_id" value=client_id.to_string() />
                <input type="hidden" name="contact_id" value=contact_id.to_string() />
                <button type="submit" class="ml-2 text-red-700 underline" aria-label=remove_label>"Remove"</button>
            </ActionForm>
        }
    });
    view! {
        <li data-testid="contact">
            <span class="font-medium">{name}</span>
            {role}
            {email}
            {phone}
            {remove}
        </li>
    }
}
