//! Importing time (`/import`, `/import/{batch}`), for administrators. The
//! upload is a plain multipart form posting to the server's upload route,
//! so it works with or without JavaScript; the preview's "Import" button is
//! an ActionForm, which also posts without JavaScript.

use crate::api::import::{BatchPage, BatchSummary, RunImport, load_batch, load_batches};
use crate::components::guard::require;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use pespro::access::Permission;
use pespro::import::{ImportOutcome, ImportPreview};

const REFUSAL: &str = "Only the firm's administrators can import time.";
const TH: &str = "py-2 pr-4";

#[component]
pub fn ImportPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageFirmSettings, REFUSAL) {
        return instead;
    }
    let batches = Resource::new(|| (), |()| load_batches());
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Import time"</h1>
        <p class="mt-2 max-w-prose text-slate-600">
            "Upload a detailed time export from Harvest (Reports → Detailed time → Export → CSV) or Toggl Track \
             (Reports → Detailed → Export → CSV). You will see what the file contains before anything is imported. \
             Uploading the same file again, or a newer export that overlaps it, never imports an entry twice."
        </p>
        <form method="post" action="/import/upload" enctype="multipart/form-data"
            class="mt-4 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-4">
            <div>
                <label for="import-file" class="block text-sm font-medium text-slate-700">"Export file (CSV, up to 10 MiB)"</label>
                <input id="import-file" name="file" type="file" required accept=".csv,text/csv" class="mt-1" />
            </div>
            <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                "Upload and preview"
            </button>
        </form>
        <h2 class="mt-8 text-lg font-semibold">"Recent uploads"</h2>
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match batches.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="mt-2 text-slate-500">"Nothing uploaded yet."</p>
                    }.into_any(),
                    Ok(list) => view! { <Batches list /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Batches(list: Vec<BatchSummary>) -> impl IntoView {
    view! {
        <ul class="mt-2 space-y-1">
            {list.into_iter().map(|b| {
                let state = match b.imported {
                    Some(n) => format!("imported {n} entries"),
                    None => "not imported".to_owned(),
                };
                view! {
                    <li>
                        <a class="text-brand underline" href=format!("/import/{}", b.batch_id)>{b.file_name}</a>
                        <span class="text-sm text-slate-500">{format!(" · {} · {state}", b.uploaded_at)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn ImportBatchPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ManageFirmSettings, REFUSAL) {
        return instead;
    }
    let run = ServerAction::<RunImport>::new();
    let params = use_params_map();
    let batch_id = move || params.with(|p| p.get("batch_id").and_then(|id| id.parse::<i64>().ok()));
    let batch = Resource::new(
        move || (batch_id(), run.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_batch(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <p><a class="text-sm text-brand underline" href="/import">"← Import time"</a></p>
        <Transition fallback=|| view! { <p class="text-slate-500">"Reading the file…"</p> }>
            {move || Suspend::new(async move {
                match batch.await {
                    Ok(page) => view! { <Batch page run /> }.into_any(),
                    Err(e) => view! { <p role="alert" class="text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Batch(page: BatchPage, run: ServerAction<RunImport>) -> impl IntoView {
    let BatchPage { batch_id, file_name, uploaded_at, preview, outcome } = page;
    let body = match preview {
        Err(problem) => view! {
            <p role="alert" class="mt-4 text-red-700">{problem}</p>
            <p class="mt-2"><a class="text-brand underline" href="/import">"Upload another file"</a></p>
        }
        .into_any(),
        Ok(preview) => view! { <Preview batch_id preview outcome run /> }.into_any(),
    };
    view! {
        <h1 class="mt-2 text-2xl font-semibold tracking-tight">{format!("Import · {file_name}")}</h1>
        <p class="text-sm text-slate-500">{format!("Uploaded {uploaded_at}")}</p>
        {body}
    }
}

fn summary(outcome: ImportOutcome) -> String {
    format!(
        "Imported {} {}, skipped {} already imported, {} {} with errors.",
        outcome.imported,
        if outcome.imported == 1 { "entry" } else { "entries" },
        outcome.skipped,
        outcome.errors,
        if outcome.errors == 1 { "row" } else { "rows" },
    )
}

#[component]
fn Preview(
    batch_id: i64,
    preview: ImportPreview,
    outcome: Option<ImportOutcome>,
    run: ServerAction<RunImport>,
) -> impl IntoView {
    let failed = move || run.value().get().and_then(Result::err).map(|e| e.to_string());
    let ready = preview.ready;
    let action = match outcome {
        Some(outcome) => view! {
            <p role="status" data-testid="import-summary" class="mt-4 rounded bg-green-50 p-3 text-green-800">{summary(outcome)}</p>
        }
        .into_any(),
        None if ready == 0 => view! {
            <p class="mt-4 text-slate-600">"Nothing in this file can be imported: every row is already imported or has an error."</p>
        }
        .into_any(),
        None => view! {
            <ActionForm action=run attr:class="mt-4">
                <input type="hidden" name="batch_id" value=batch_id.to_string() />
                <button type="submit" class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    {format!("Import {ready} {}", if ready == 1 { "entry" } else { "entries" })}
                </button>
                <p role="alert" class="text-sm text-red-700">{failed}</p>
            </ActionForm>
        }
        .into_any(),
    };
    view! {
        <dl data-testid="import-counts" class="mt-4 grid max-w-xl grid-cols-2 gap-x-4 gap-y-1">
            <dt class="text-slate-600">"Export"</dt><dd>{preview.source.label()}</dd>
            <dt class="text-slate-600">"Rows recognised"</dt><dd data-testid="count-recognised">{preview.recognised}</dd>
            <dt class="text-slate-600">"Ready to import"</dt><dd data-testid="count-ready">{preview.ready}</dd>
            <dt class="text-slate-600">"Already imported"</dt><dd data-testid="count-duplicates">{preview.duplicates}</dd>
            <dt class="text-slate-600">"Rows with errors"</dt><dd data-testid="count-errors">{preview.error_count}</dd>
        </dl>
        {(preview.drafts > 0).then(|| view! {
            <p data-testid="import-drafts" class="mt-3 max-w-xl text-sm text-slate-700">
                {format!(
                    "{} of them {} not approved in {}: {} will arrive as drafts in each person's week, to be submitted and approved here. The rest arrive approved.",
                    preview.drafts,
                    if preview.drafts == 1 { "was" } else { "were" },
                    preview.source.label(),
                    if preview.drafts == 1 { "it" } else { "they" },
                )}
            </p>
        })}
        {action}
        <People people=preview.people />
        <ToCreate title="Clients that will be created" items=preview.new_clients />
        <ToCreate title="Engagements that will be created" items=preview.new_engagements />
        <Errors errors=preview.errors total=preview.error_count />
    }
}

#[component]
fn People(people: Vec<pespro::import::PersonMatch>) -> impl IntoView {
    view! {
        <h2 class="mt-6 text-lg font-semibold">"People"</h2>
        <ul data-testid="import-people" class="mt-2 space-y-1">
            {people.into_iter().map(|p| {
                let rows = if p.rows == 1 { "1 row".to_owned() } else { format!("{} rows", p.rows) };
                let (text, class) = match p.matched {
                    Some(name) => (format!("{} → {name} ({rows})", p.in_file), "text-slate-800"),
                    None => (format!("{} — not found at the firm ({rows}): invite them first", p.in_file), "text-red-700"),
                };
                view! { <li class=class>{text}</li> }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn ToCreate(title: &'static str, items: Vec<String>) -> impl IntoView {
    view! {
        <h2 class="mt-6 text-lg font-semibold">{title}</h2>
        {if items.is_empty() {
            view! { <p class="mt-1 text-slate-500">"None: all exist already."</p> }.into_any()
        } else {
            view! { <ul class="mt-1 list-disc pl-6">{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
        }}
    }
}

#[component]
fn Errors(errors: Vec<pespro::import::RowError>, total: usize) -> impl IntoView {
    if errors.is_empty() {
        return view! { <p class="mt-6 text-slate-500">"No row has an error."</p> }.into_any();
    }
    let errors_shown = errors.len();
    view! {
        <h2 class="mt-6 text-lg font-semibold">"Rows that will not be imported"</h2>
        <table data-testid="import-errors" class="mt-2 w-full border-collapse text-left text-sm">
            <thead>
                <tr class="border-b border-slate-300 text-slate-600">
                    <th scope="col" class=TH>"Line"</th>
                    <th scope="col" class=TH>"Problem"</th>
                </tr>
            </thead>
            <tbody>
                {errors.into_iter().map(|e| view! {
                    <tr class="border-t border-slate-100">
                        <td class="py-1 pr-4 tabular-nums">{e.line}</td>
                        <td class="py-1 pr-4">{e.message}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {(total > errors_shown).then(|| view! {
            <p class="mt-2 text-slate-600">{format!("…and {} more rows with errors, not listed.", total - errors_shown)}</p>
        })}
    }
    .into_any()
}
