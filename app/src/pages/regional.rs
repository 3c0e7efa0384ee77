//! The firm's dates and times (`/settings/regional`): its time zone, the
//! clock everyone reads times on unless they chose their own on their
//! account page — and how dates and numbers are written
//! ([`FormatsForm`](super::regional_formats::FormatsForm)) and where its
//! weeks start ([`FirstDayForm`](super::regional_first_day::FirstDayForm)).

use crate::api::firm_time_zone::{SetFirmTimeZone, load_firm_time_zone};
use crate::components::guard::require;
use leptos::prelude::*;
use pespro::access::Permission;

#[component]
pub fn RegionalPage() -> impl IntoView {
    if let Err(instead) =
        require(Permission::ManageFirmSettings, "Only the firm's administrators change its time zone and formats.")
    {
        return instead;
    }
    let save = ServerAction::<SetFirmTimeZone>::new();
    let stored = Resource::new(move || save.version().get(), |_| load_firm_time_zone());
    let saved =
        move || save.value().get().and_then(Result::ok).map(|zone| format!("Saved: the firm's time zone is {zone}."));
    let refused =
        move || save.value().get().and_then(Result::err).map(|e| e.for_field("zone").unwrap_or_else(|| e.to_string()));
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Dates and times"</h1>
        <p class="mt-1 max-w-2xl text-slate-600">
            "The firm's time zone is the clock its people read times on — the audit log, the hour of daily "
            "digests — unless someone chose their own on their account page."
        </p>
        <Transition fallback=|| view! { <p class="mt-4 text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match stored.await {
                    Ok(firm) => {
                        let names = firm.names.into_iter().map(|name| {
                            let chosen = name == firm.zone;
                            let value = name.clone();
                                view! { <option value=value selected=chosen>{name}</option> }
                        }).collect_view();
                        view! {
                            <ActionForm action=save attr:class="mt-4 max-w-md rounded border border-slate-200 bg-white p-4">
                                <label for="firm-zone" class="block text-sm font-medium text-slate-700">"Time zone"</label>
                                <select id="firm-zone" name="zone" aria-describedby="firm-zone-error"
                                    class="mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand">
                                    {names}
                                </select>
                                <p id="firm-zone-error" role="alert" class="min-h-5 text-sm text-red-700">{refused}</p>
                                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                                    "Save"
                                </button>
                            </ActionForm>
                        }.into_any()
                    }
                    Err(e) => view! { <p role="alert" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
        <p role="status" class="min-h-5 text-sm text-green-700">{saved}</p>
        <super::regional_formats::FormatsForm />
        <super::regional_first_day::FirstDayForm />
    }
    .into_any()
}
