//! The contacts section of a client's page: who the firm deals with at the
//! client. Everyone in the firm reads it; managers and administrators add,
//! correct (in each contact's row editor) and remove contacts with plain
//! form posts, so it works before hydration.

use crate::api::contacts::{AddClientContact, RemoveClientContact, UpdateClientContact};
use crate::components::row_editor::{RowEditor, RowEditors};
use crate::components::saved_form::cleared_when_saved;
use leptos::prelude::*;
use pespro::contact::{ContactForm, ContactView};

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";

#[derive(Clone, Copy)]
pub struct ContactActions {
    pub add: ServerAction<AddClientContact>,
    pub update: ServerAction<UpdateClientContact>,
    pub remove: ServerAction<RemoveClientContact>,
    editors: RowEditors,
}

impl Default for ContactActions {
    fn default() -> Self {
        Self {
            add: ServerAction::new(),
            update: ServerAction::new(),
            remove: ServerAction::new(),
            editors: RowEditors::default(),
        }
    }
}

impl ContactActions {
    /// Changes whenever a contact was added, corrected or removed: the page reloads.
    pub fn changes(self) -> (usize, usize, usize) {
        (self.add.version().get(), self.update.version().get(), self.remove.version().get())
    }

    fn row_failed(self) -> bool {
        let failed = |r: Option<Result<(), crate::error::AppError>>| matches!(r, Some(Err(_)));
        failed(self.update.value().get()) || failed(self.remove.value().get())
    }
}

#[component]
pub fn ClientContacts(
    client_id: i64,
    contacts: Vec<ContactView>,
    may_edit: bool,
    actions: ContactActions,
    /// The add form as a refused post held it, to be put right.
    typed: Option<ContactForm>,
) -> impl IntoView {
    let typed = typed.unwrap_or_default();
    let problem = move |field: &'static str| {
        move || actions.add.value().get().and_then(Result::err).and_then(|e| e.for_field(field))
    };
    // A contact added is cleared from the form (hydration keeps the form's
    // element, and with it what was typed); a refused one stays as typed.
    let form_ref = cleared_when_saved(
        move || actions.add.version().get(),
        move || matches!(actions.add.value().get(), Some(Ok(_))),
    );
    // What a row's editor cannot show at a field (a contact removed meanwhile).
    let row_error = move || {
        let update = actions.update.value().get().and_then(Result::err);
        let update = update.filter(|e| !matches!(e, crate::error::AppError::Validation { .. }));
        actions.remove.value().get().and_then(Result::err).or(update).map(|e| e.to_string())
    };
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
    let field = move |name: &'static str, label: &'static str, kind: &'static str, value: String| {
        view! {
            <div>
                <label for=format!("contact-{name}") class="block text-sm font-medium text-slate-700">{label}</label>
                <input id=format!("contact-{name}") name=format!("contact[{name}]") type=kind autocomplete="off" class=INPUT value=value />
                <p class="min-h-5 text-sm text-red-700">{problem(name)}</p>
            </div>
        }
    };
    view! {
        <h2 class="mt-6 text-lg font-semibold">"Contacts"</h2>
        <p role="alert" class="min-h-5 text-sm text-red-700">{row_error}</p>
        {list}
        {may_edit.then(|| view! {
            <ActionForm action=actions.add node_ref=form_ref attr:class="mt-2 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-4">
                <input type="hidden" name="client_id" value=client_id.to_string() />
                {field("name", "Contact's name", "text", typed.name)}
                {field("role", "Their role", "text", typed.role)}
                {field("email", "Their email", "email", typed.email)}
                {field("phone", "Their phone", "tel", typed.phone)}
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
    let summary = {
        let ContactView { name, email, phone, role, .. } = contact.clone();
        let role = (!role.is_empty()).then(|| format!(" · {role}"));
        let email = (!email.is_empty()).then(|| {
            let href = format!("mailto:{email}");
            view! { " · " <a class="text-brand underline" href=href>{email}</a> }
        });
        let phone = (!phone.is_empty()).then(|| format!(" · {phone}"));
        view! { <span class="font-medium">{name}</span> {role} {email} {phone} }
    };
    let editor = may_edit.then(|| view! { <ContactEditor client_id contact actions /> });
    view! { <li data-testid="contact">{summary} {editor}</li> }
}

/// Correcting or removing one contact. A refused correction is shown at
/// its field, in the row's editor, which stays open.
#[component]
fn ContactEditor(client_id: i64, contact: ContactView, actions: ContactActions) -> impl IntoView {
    let ContactView { contact_id, name, email, phone, role } = contact;
    let used = actions.editors.mark(contact_id);
    let problem = move |field: &'static str| {
        move || actions.update.value().get().and_then(Result::err).and_then(|e| e.for_field(field))
    };
    let removal_label = format!("Remove {name}");
    let field = move |what: &'static str, label: &'static str, kind: &'static str, value: String| {
        let id = format!("contact-{contact_id}-{what}");
        view! {
            <div>
                <label for=id.clone() class="block font-medium text-slate-700">{label}</label>
                <input id=id name=format!("contact[{what}]") type=kind autocomplete="off" value=value class=INPUT />
                <p class="min-h-5 text-red-700">{problem(what)}</p>
            </div>
        }
    };
    view! {
        <RowEditor editors=actions.editors id=contact_id failed=Signal::derive(move || actions.row_failed())
            summary="Edit" of=name.clone() class="ml-2 inline-block align-top text-sm">
            <ActionForm action=actions.update attr:class="mt-2 grid gap-2 rounded border border-slate-200 bg-white p-3 sm:grid-cols-4">
                <input type="hidden" name="client_id" value=client_id.to_string() />
                <input type="hidden" name="contact_id" value=contact_id.to_string() />
                {field("name", "Contact name", "text", name)}
                {field("role", "Contact role", "text", role)}
                {field("email", "Contact email", "email", email)}
                {field("phone", "Contact phone", "tel", phone)}
                <div>
                    <button type="submit" on:click=used class="rounded bg-brand px-3 py-1.5 font-medium text-on-brand hover:opacity-90">
                        "Save contact"
                    </button>
                </div>
            </ActionForm>
            <ActionForm action=actions.remove attr:class="mt-2">
                <input type="hidden" name="client_id" value=client_id.to_string() />
                <input type="hidden" name="contact_id" value=contact_id.to_string() />
                <button type="submit" on:click=used aria-label=removal_label
                    class="rounded border border-red-300 px-3 py-1 text-red-700 hover:bg-red-50">"Remove"</button>
            </ActionForm>
        </RowEditor>
    }
    .into_any()
}
