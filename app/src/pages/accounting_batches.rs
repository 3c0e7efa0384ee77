//! The batches already exported, each file downloadable again unchanged,
//! and the deliberate re-export of documents (with a reason, audited).

use crate::api::accounting::ReexportBatch;
use leptos::prelude::*;
use pespro::accounting::views::BatchView;

#[component]
pub fn Batches(batches: Vec<BatchView>, reexport: ServerAction<ReexportBatch>) -> impl IntoView {
    let answer = move || match reexport.value().get() {
        Some(Ok(message)) => view! { <p role="status" class="text-green-700">{message}</p> }.into_any(),
        Some(Err(e)) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
        None => ().into_any(),
    };
    let empty = batches.is_empty();
    view! {
        <section class="mt-6 rounded border border-slate-200 bg-white p-4" data-testid="export-batches">
            <h2 class="text-lg font-semibold">"Batches"</h2>
            {empty.then(|| view! { <p class="text-slate-600">"No batch exported yet."</p> })}
            <ul class="mt-2 divide-y divide-slate-100">
                {batches.into_iter().map(|b| view! {
                    <li class="py-2 text-sm">
                        <p><strong>{format!("Batch {}", b.batch_id)}</strong>{format!(" · {} · {} · by {}", b.target, b.created, b.by)}</p>
                        <p class="text-slate-600">{format!("{} · {} documents, {} payments", b.period, b.documents, b.payments)}</p>
                        {(!b.reason.is_empty()).then(|| view! { <p class="text-amber-800">"Exported again: "{b.reason.clone()}</p> })}
                        <p class="flex flex-wrap gap-3">
                            {b.files.into_iter().map(|f| view! {
                                <a href=format!("/accounting/batches/{}/{}", b.batch_id, f.position) download class="text-brand underline">{f.name}</a>
                                <span class="text-slate-500">{format!("({})", f.size)}</span>
                            }).collect_view()}
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <details class="mt-4 rounded border border-slate-200 bg-white p-4">
            <summary class="cursor-pointer font-medium">"Export documents again"</summary>
            <p class="mt-1 text-sm text-slate-600">"Each document goes out once. If the accounting system lost one, export it again on purpose: say why; it is kept with the batch and in the audit log."</p>
            <ActionForm action=reexport attr:class="mt-2 grid gap-2 sm:max-w-xl">
                <label for="reexport-numbers" class="text-sm font-medium text-slate-700">"Invoice or credit note numbers (comma separated)"</label>
                <input id="reexport-numbers" name="numbers" required autocomplete="off" class=super::invoices::INPUT />
                <label for="reexport-reason" class="text-sm font-medium text-slate-700">"Why again"</label>
                <textarea id="reexport-reason" name="reason" required rows="2" class=super::invoices::INPUT></textarea>
                <button type="submit" class="justify-self-start rounded border border-slate-300 px-3 py-2">"Export again"</button>
            </ActionForm>
            <div class="mt-2 min-h-5">{answer}</div>
        </details>
    }
}
