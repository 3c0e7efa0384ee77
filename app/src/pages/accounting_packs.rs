//! The month-end pack on the export page: prepared in the background for
//! the chosen period, with its progress (PDFs drawn of the total) followed
//! every second while the page is hydrated — or by reloading without
//! JavaScript — and a download link once ready.

use crate::api::accounting::{PreparePack, load_packs};
use leptos::prelude::*;
use pespro::accounting::views::PackView;
use std::time::Duration;

#[component]
pub fn Packs(from: String, to: String) -> impl IntoView {
    let prepare = ServerAction::<PreparePack>::new();
    let tick = RwSignal::new(0_u32);
    let packs = Resource::new(move || (tick.get(), prepare.version().get()), |_| load_packs());
    // While a pack is being prepared, ask again every second (browser only:
    // effects do not run on the server).
    Effect::new(move |_| {
        let running = packs.get().and_then(Result::ok).is_some_and(|list| list.iter().any(|p| p.status == "running"));
        if running {
            set_timeout(move || tick.update(|t| *t += 1), Duration::from_secs(1));
        }
    });
    let chosen = !from.is_empty() && !to.is_empty();
    let refused = move || prepare.value().get().and_then(Result::err).map(|e| e.to_string());
    view! {
        <section class="mt-4 rounded border border-slate-200 bg-white p-4" data-testid="month-end-pack">
            <h2 class="text-lg font-semibold">"Month-end pack"</h2>
            <p class="text-sm text-slate-600">"One zip for the period: the files for your books, every invoice and credit note as PDF, the payments and a summary."</p>
            {if chosen {
                view! {
                    <ActionForm action=prepare attr:class="mt-2">
                        <input type="hidden" name="from" value=from.clone() />
                        <input type="hidden" name="to" value=to.clone() />
                        <button type="submit" class="rounded border border-slate-300 px-3 py-2">{format!("Prepare the pack for {from} to {to}")}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p class="mt-2 text-sm">"Choose a period above to prepare its pack."</p> }.into_any()
            }}
            <p role="alert" class="min-h-5 text-sm text-red-700">{refused}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match packs.await {
                        Ok(list) => view! { <ul class="divide-y divide-slate-100">{list.into_iter().map(pack_row).collect_view()}</ul> }.into_any(),
                        Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

fn pack_row(pack: PackView) -> impl IntoView {
    let PackView { pack_id, period, total, done, status, size } = pack;
    let state = match status.as_str() {
        "ready" => view! {
            <a href=format!("/accounting/packs/{pack_id}") download class="text-brand underline">{format!("Download the pack ({size})")}</a>
        }
        .into_any(),
        "running" => view! {
            <span class="flex flex-wrap items-center gap-2">
                <progress max=total.max(1) value=done class="w-40" aria-label=format!("Pack for {period}")></progress>
                <span role="status">{format!("Drawing PDFs: {done} of {total}")}</span>
                <noscript><a href="" class="underline">"Reload to follow"</a></noscript>
            </span>
        }
        .into_any(),
        _ => view! { <span class="text-red-700">"This pack could not be prepared. Prepare it again."</span> }.into_any(),
    };
    view! { <li class="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"><span>{period}</span>{state}</li> }
}
