//! The account page's choices that take effect elsewhere: the clock a
//! person reads times on (their own zone, or the firm's) and how
//! notifications reach them by email. Each is a radio group or a select
//! and Save, showing the stored choice read again after each save.

use crate::api::profile::{SetEmailChoice, SetOwnTimeZone, load_email_choice, load_time_zones};
use leptos::prelude::*;
use pespro::notice::EmailChoice;

/// Their own time zone, or the firm's (the first option, named).
#[component]
pub(super) fn TimeZoneForm(impersonated: bool) -> impl IntoView {
    let save = ServerAction::<SetOwnTimeZone>::new();
    let stored = Resource::new(move || save.version().get(), |_| load_time_zones());
    let saved =
        move || save.value().get().and_then(Result::ok).map(|zone| format!("Saved: times are shown in {zone}."));
    let refused =
        move || save.value().get().and_then(Result::err).map(|e| e.for_field("zone").unwrap_or_else(|| e.to_string()));
    view! {
        <section aria-labelledby="zone-heading" class="mt-6 max-w-md rounded border border-slate-200 bg-white p-4">
            <h2 id="zone-heading" class="font-semibold">"Time zone"</h2>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match stored.await {
                        Ok(choice) => {
                            let own = choice.own.clone().unwrap_or_default();
                            let names = choice.names.into_iter().map(|name| {
                                let chosen = name == own;
                                let value = name.clone();
                                view! { <option value=value selected=chosen>{name}</option> }
                            }).collect_view();
                            view! {
                                <ActionForm action=save>
                                    <label for="own-zone" class="mt-3 block text-sm font-medium text-slate-700">"Show times in"</label>
                                    <select id="own-zone" name="zone" disabled=impersonated aria-describedby="own-zone-error"
                                        class="mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand">
                                        <option value="" selected=own.is_empty()>{format!("The firm's time zone ({})", choice.firm)}</option>
                                        {names}
                                    </select>
                                    <p id="own-zone-error" role="alert" class="min-h-5 text-sm text-red-700">{refused}</p>
                                    <button type="submit" disabled=impersonated class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                                        "Save time zone"
                                    </button>
                                </ActionForm>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
            <p role="status" class="min-h-5 text-sm text-green-700">{saved}</p>
        </section>
    }
}

/// Immediate, daily digest or none: one radio group and Save. The choice
/// shown is the stored one, read again after each save.
#[component]
pub(super) fn EmailChoiceForm(impersonated: bool) -> impl IntoView {
    let save = ServerAction::<SetEmailChoice>::new();
    let stored = Resource::new(move || save.version().get(), |_| load_email_choice());
    let saved = move || save.value().get().and_then(Result::ok).map(|c| format!("Saved: {}.", c.label()));
    let refused = move || {
        save.value().get().and_then(Result::err).map(|e| e.for_field("choice").unwrap_or_else(|| e.to_string()))
    };
    view! {
        <section aria-labelledby="email-heading" class="mt-6 max-w-md rounded border border-slate-200 bg-white p-4">
            <h2 id="email-heading" class="font-semibold">"Email notifications"</h2>
            <p class="mt-1 text-sm text-slate-600">
                "When a week or expense waits for you, when yours is decided, when someone you invited joins. "
                "Every notification is also listed on " <a href="/notifications" class="text-brand underline">"your notifications page"</a> "."
            </p>
            <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let current = stored.await.unwrap_or_default();
                    view! {
                        <ActionForm action=save>
                            <fieldset class="mt-3" disabled=impersonated>
                                <legend class="sr-only">"How notifications reach you by email"</legend>
                                {EmailChoice::ALL.into_iter().map(|choice| {
                                    let id = format!("email-{}", choice.as_str());
                                    view! {
                                        <div class="flex items-center gap-2 py-1">
                                            <input type="radio" id=id.clone() name="choice" value=choice.as_str()
                                                checked=choice == current class="accent-brand" />
                                            <label for=id class="text-sm">{choice.label()}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                            {impersonated.then(|| view! {
                                <p class="mt-2 text-sm text-slate-600">"Only the person themselves changes this."</p>
                            })}
                            <button type="submit" disabled=impersonated
                                class="mt-2 rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                                "Save email choice"
                            </button>
                        </ActionForm>
                    }
                })}
            </Transition>
            <p role="alert" class="mt-2 min-h-5 text-sm text-red-700">{refused}</p>
            <p role="status" class="min-h-5 text-sm text-green-700">{saved}</p>
        </section>
    }
}
