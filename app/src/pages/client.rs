//! A client's page (`/clients/:id`). It opens on what people want to know —
//! details (billing address, tax id, currency, notes), what waits to be
//! invoiced, contacts, engagements with their time — and keeps editing
//! (details, invoicing terms, archiving) behind an "Edit client" button.
//! Editing is for managers and administrators; everyone in the firm may
//! read. Plain form posts, so it works before hydration.

use super::client_contacts::{ClientContacts, ContactActions};
use super::client_invoicing::ClientInvoicing;
use super::engagement_fields::EngagementFields;
use crate::api::client_invoicing::SaveClientInvoicing;
use crate::api::engagements::{ArchiveClient, CreateEngagement, SaveClient, load_client};
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pespro::access::Permission;
use pespro::engagement::EngagementForm;
use pespro::engagement::views::ClientPage;

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-2 py-1.5 focus:outline-2 focus:outline-brand";

#[component]
pub fn ClientDetailPage() -> impl IntoView {
    let me = match require(Permission::ViewPractice, "Sign in to see this client.") {
        Ok(me) => me,
        Err(instead) => return instead,
    };
    let may_edit = me.may(Permission::ManageClients);
    let may_invoice = me.may(Permission::ManageInvoices);
    let save = ServerAction::<SaveClient>::new();
    let invoicing = ServerAction::<SaveClientInvoicing>::new();
    let archive = ServerAction::<ArchiveClient>::new();
    let create = ServerAction::<CreateEngagement>::new();
    let contacts = ContactActions::default();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()).unwrap_or_default());
    let page = Resource::new(
        move || {
            let versions = (save.version().get(), invoicing.version().get(), archive.version().get());
            (id(), versions, create.version().get(), contacts.changes())
        },
        |(id, ..)| load_client(id),
    );
    view! {
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        view! { <Client page may_edit may_invoice save invoicing archive create contacts /> }.into_any()
                    }
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Client(
    page: ClientPage,
    may_edit: bool,
    /// Sees what waits to be invoiced (the server sends it by the same permission).
    may_invoice: bool,
    save: ServerAction<SaveClient>,
    invoicing: ServerAction<SaveClientInvoicing>,
    archive: ServerAction<ArchiveClient>,
    create: ServerAction<CreateEngagement>,
    contacts: ContactActions,
) -> impl IntoView {
    let ClientPage {
        client_id,
        form,
        archived,
        invoicing: terms,
        contacts: people,
        engagements,
        typed_contact,
        summary,
    } = page;
    let logged = move |engagement_id: i64| {
        summary.logged.iter().find(|(id, _)| *id == engagement_id).map_or(pespro::money::Minutes::ZERO, |(_, m)| *m)
    };
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    // Invoicing terms: read by everyone, changed behind "Edit client".
    let (read_terms, edit_terms) = if may_edit { (None, Some(terms)) } else { (Some(terms), None) };
    // Deleting an engagement comes back here (see `delete_engagement`).
    let deleted = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("deleted").is_some())
        .then_some("Engagement deleted.");
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">{form.name.clone()}
            {archived.then(|| view! { <span class="ml-2 text-base text-slate-500">"(archived)"</span> })}
        </h1>
        <ClientDetails form=form.clone() />
        {read_terms.map(|terms| view! { <ClientInvoicing client_id terms may_edit=false save=invoicing /> })}
        <Unbilled unbilled=summary.unbilled.clone() shown=may_invoice />
        <ClientContacts client_id contacts=people may_edit actions=contacts typed=typed_contact />
        <h2 class="mt-6 text-lg font-semibold">"Engagements"</h2>
        <p role="status" class="min-h-5 text-sm text-green-700">{deleted}</p>
        {if engagements.is_empty() {
            view! { <p class="text-slate-500">"No engagements yet."</p> }.into_any()
        } else {
            view! {
                <ul data-testid="client-engagements" class="mt-1 space-y-1 text-sm">
                    {engagements.into_iter().map(|e| view! {
                        <li>
                            <a class="text-brand underline" href=format!("/engagements/{}", e.engagement_id)>{format!("{} {}", e.code, e.name)}</a>
                            {(!e.active).then_some(" (closed)")}
                            <span class="text-slate-600">{format!(" · {} h logged", logged(e.engagement_id))}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {edit_terms.map(|terms| view! { <EditClient client_id form archived terms save invoicing archive /> })}
        {may_edit.then(|| view! {
            <h2 class="mt-6 text-lg font-semibold">"New engagement"</h2>
            <ActionForm action=create attr:class="mt-2 rounded border border-slate-200 bg-white p-4">
                <input type="hidden" name="client_id" value=client_id.to_string() />
                <EngagementFields
                    form=EngagementForm { billing_model: "hourly".into(), active: Some("on".into()), ..EngagementForm::default() }
                    people=Vec::new() error=create_error prefix="new" />
                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Add engagement"</button>
            </ActionForm>
        })}
    }
}

/// Editing the client's details, invoicing terms and archiving, behind a
/// button (a `<details>`: it opens before hydration and from the keyboard);
/// a refused save opens it again, with the problem beside its field.
#[component]
fn EditClient(
    client_id: i64,
    form: pespro::engagement::ClientForm,
    archived: bool,
    terms: pespro::client_invoicing::ClientInvoicingView,
    save: ServerAction<SaveClient>,
    invoicing: ServerAction<SaveClientInvoicing>,
    archive: ServerAction<ArchiveClient>,
) -> impl IntoView {
    let problem =
        move |field: &'static str| move || save.value().get().and_then(Result::err).and_then(|e| e.for_field(field));
    let saved = move || save.value().get().and_then(Result::ok).map(|()| "Saved.");
    let refused = move || matches!(save.value().get(), Some(Err(_))) || matches!(invoicing.value().get(), Some(Err(_)));
    let field = move |name: &'static str, label: &'static str, value: String| {
        view! {
            <div>
                <label for=format!("client-{name}") class="block text-sm font-medium text-slate-700">{label}</label>
                <input id=format!("client-{name}") name=format!("form[{name}]") value=value class=INPUT />
                <p class="min-h-5 text-sm text-red-700">{problem(name)}</p>
            </div>
        }
    };
    view! {
        <p role="status" class="mt-6 min-h-5 text-sm text-green-700">{saved}</p>
        <details class="mt-1" open=refused>
            <summary class="inline-block cursor-pointer rounded border border-slate-300 bg-white px-4 py-2 font-medium">"Edit client"</summary>
        <ActionForm action=save attr:class="mt-4 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-3">
            <input type="hidden" name="client_id" value=client_id.to_string() />
            {field("name", "Name", form.name)}
            {field("tax_id", "Tax id", form.tax_id)}
            {field("currency", "Currency", form.currency)}
            <div class="sm:col-span-3">
                <label for="client-billing_address" class="block text-sm font-medium text-slate-700">"Billing address"</label>
                <textarea id="client-billing_address" name="form[billing_address]" rows="3" class=INPUT>{form.billing_address}</textarea>
                <p class="min-h-5 text-sm text-red-700">{problem("billing_address")}</p>
            </div>
            <div class="sm:col-span-3">
                <label for="client-notes" class="block text-sm font-medium text-slate-700">"Notes"</label>
                <textarea id="client-notes" name="form[notes]" rows="3" class=INPUT>{form.notes}</textarea>
                <p class="min-h-5 text-sm text-red-700">{problem("notes")}</p>
            </div>
            <div class="flex items-center gap-3">
                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">"Save client"</button>
            </div>
        </ActionForm>
        <ActionForm action=archive attr:class="mt-2">
            <input type="hidden" name="client_id" value=client_id.to_string() />
            <input type="hidden" name="archived" value=(!archived).to_string() />
            <button type="submit" class="rounded border border-slate-300 px-3 py-1.5 text-sm">
                {if archived { "Restore client" } else { "Archive client" }}
            </button>
        </ActionForm>
        <ClientInvoicing client_id terms may_edit=true save=invoicing />
        </details>
    }
}

/// The client's details as read, for everyone in the firm.
#[component]
fn ClientDetails(form: pespro::engagement::ClientForm) -> impl IntoView {
    let line = |label: &'static str, value: String, class: &'static str| {
        let value = if value.trim().is_empty() { String::from("—") } else { value };
        view! {
            <div class=class>
                <dt class="text-sm font-medium text-slate-600">{label}</dt>
                <dd class="whitespace-pre-line">{value}</dd>
            </div>
        }
    };
    view! {
        <dl data-testid="client-details" class="mt-4 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-3">
            {line("Billing address", form.billing_address, "")}
            {line("Tax id", form.tax_id, "")}
            {line("Currency", form.currency, "")}
            {line("Notes", form.notes, "sm:col-span-3")}
        </dl>
    }
}

/// What waits to be invoiced, for those who invoice.
#[component]
fn Unbilled(unbilled: Vec<pespro::engagement::summary::Unbilled>, shown: bool) -> impl IntoView {
    shown.then(|| {
        let said = if unbilled.is_empty() {
            String::from("Nothing waits to be invoiced: no approved, billable time outside an invoice.")
        } else {
            let formats = crate::components::formats::use_formats();
            let parts: Vec<String> = unbilled.iter().map(|u| u.sentence(formats)).collect();
            format!("Waiting to be invoiced: {} of approved, billable time.", parts.join(" and "))
        };
        view! { <p data-testid="unbilled" class="mt-4 text-slate-700">{said}</p> }
    })
}
