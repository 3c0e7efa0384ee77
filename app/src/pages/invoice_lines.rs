//! A draft invoice's lines: each with its editor (description, quantity,
//! rate, and the reason for a write-down), and a form for a line typed by
//! hand. Once the invoice is approved the lines are only shown.

use super::invoices::INPUT;
use crate::api::invoices::{AddInvoiceLine, EditInvoiceLine, RemoveInvoiceLine};
use crate::components::row_editor::{RowEditor, RowEditors};
use crate::error::AppError;
use leptos::prelude::*;
use pespro::invoice::views::{InvoicePage, LineView};

#[derive(Clone, Copy)]
pub struct LineActions {
    edit: ServerAction<EditInvoiceLine>,
    add: ServerAction<AddInvoiceLine>,
    remove: ServerAction<RemoveInvoiceLine>,
    editors: RowEditors,
}

impl Default for LineActions {
    fn default() -> Self {
        Self {
            edit: ServerAction::new(),
            add: ServerAction::new(),
            remove: ServerAction::new(),
            editors: RowEditors::default(),
        }
    }
}

impl LineActions {
    pub fn changes(self) -> (usize, usize, usize) {
        (self.edit.version().get(), self.add.version().get(), self.remove.version().get())
    }

    /// What cannot be shown at a field (the invoice was approved meanwhile).
    pub fn error(self) -> Option<String> {
        let not_field = |e: AppError| (!matches!(e, AppError::Validation { .. })).then(|| e.to_string());
        let edit = self.edit.value().get().and_then(Result::err).and_then(not_field);
        let add = self.add.value().get().and_then(Result::err).and_then(not_field);
        edit.or(add).or_else(|| self.remove.value().get().and_then(Result::err).map(|e| e.to_string()))
    }

    fn withdrawn(self) -> Option<String> {
        let edit = self.edit.value().get().and_then(Result::ok);
        let n = edit
            .or_else(|| self.add.value().get().and_then(Result::ok))
            .or_else(|| self.remove.value().get().and_then(Result::ok))?;
        (n > 0).then(|| {
            format!("The change withdrew {n} approval{}: submit the invoice again.", if n == 1 { "" } else { "s" })
        })
    }
}

#[component]
pub fn InvoiceLines(page: InvoicePage, actions: LineActions) -> impl IntoView {
    let editable = page.allowed.edit;
    let invoice_id = page.invoice_id;
    let rows = page.lines.into_iter().map(|line| view! { <Line invoice_id line editable actions /> }).collect_view();
    view! {
        <p role="status" class="mt-3 min-h-5 text-sm text-amber-800">{move || actions.withdrawn()}</p>
        <table data-testid="invoice-lines" class="mt-1 w-full border-collapse bg-white text-sm">
            <thead><tr class="border-b text-left">
                <th class="p-2">"Description"</th><th class="p-2 text-right">"Quantity"</th>
                <th class="p-2 text-right">"Rate"</th><th class="p-2 text-right">"Amount"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        {editable.then(|| view! { <FreeLine invoice_id actions /> })}
    }
}

#[component]
fn Line(invoice_id: i64, line: LineView, editable: bool, actions: LineActions) -> impl IntoView {
    let adjusted = line.worked.clone().map(|worked| {
        view! { <p class="text-xs text-amber-800">{format!("Work worth {worked}; {}", line.reason)}</p> }
    });
    let editor = editable.then(|| view! { <LineEditor invoice_id line=line.clone() actions /> });
    view! {
        <tr data-testid="invoice-line" class="border-b align-top">
            <td class="p-2">
                <p>{line.description.clone()}</p>
                <p class="text-xs text-slate-500">{line.detail.clone()}</p>
                {adjusted}
                {editor}
            </td>
            <td class="p-2 text-right tabular-nums">{line.quantity.clone()}</td>
            <td class="p-2 text-right tabular-nums">{line.rate.clone()}</td>
            <td class="p-2 text-right tabular-nums">{line.amount.clone()}</td>
        </tr>
    }
}

#[component]
fn LineEditor(invoice_id: i64, line: LineView, actions: LineActions) -> impl IntoView {
    let LineView { line_id, description, quantity, rate, reason, .. } = line;
    let used = actions.editors.mark(line_id);
    let problem = move |field: &'static str| {
        move || actions.edit.value().get().and_then(Result::err).and_then(|e| e.for_field(field))
    };
    let field = move |what: &'static str, label: &'static str, value: String| {
        let id = format!("line-{line_id}-{what}");
        view! {
            <div>
                <label for=id.clone() class="block text-xs font-medium text-slate-700">{label}</label>
                <input id=id name=format!("line[{what}]") value=value autocomplete="off" class=INPUT />
                <p class="min-h-5 text-xs text-red-700">{problem(what)}</p>
            </div>
        }
    };
    let failed = Signal::derive(move || {
        matches!(actions.edit.value().get(), Some(Err(_))) || matches!(actions.remove.value().get(), Some(Err(_)))
    });
    view! {
        <RowEditor editors=actions.editors id=line_id failed summary="Change" of=description.clone() class="mt-1 text-sm">
            <ActionForm action=actions.edit attr:class="mt-2 grid gap-2 rounded border border-slate-200 p-2 sm:grid-cols-2">
                <input type="hidden" name="invoice_id" value=invoice_id.to_string() />
                <input type="hidden" name="line_id" value=line_id.to_string() />
                {field("description", "Description", description)}
                {field("quantity", "Quantity", quantity)}
                {field("rate", "Rate", rate)}
                {field("reason", "Reason for a write-down or write-up", reason)}
                <div><button type="submit" on:click=used class="rounded bg-brand px-3 py-1.5 font-medium text-on-brand">"Save line"</button></div>
            </ActionForm>
            <ActionForm action=actions.remove attr:class="mt-2">
                <input type="hidden" name="invoice_id" value=invoice_id.to_string() />
                <input type="hidden" name="line_id" value=line_id.to_string() />
                <button type="submit" on:click=used class="rounded border border-red-300 px-3 py-1 text-red-700">"Remove line"</button>
            </ActionForm>
        </RowEditor>
    }
}

#[component]
fn FreeLine(invoice_id: i64, actions: LineActions) -> impl IntoView {
    let problem = move |field: &'static str| {
        move || actions.add.value().get().and_then(Result::err).and_then(|e| e.for_field(field))
    };
    let field = move |what: &'static str, label: &'static str, hint: &'static str| {
        let id = format!("free-line-{what}");
        view! {
            <div>
                <label for=id.clone() class="block text-sm font-medium text-slate-700">{label}</label>
                <input id=id name=format!("line[{what}]") placeholder=hint autocomplete="off" class=INPUT />
                <p class="min-h-5 text-sm text-red-700">{problem(what)}</p>
            </div>
        }
    };
    view! {
        <h2 class="mt-4 text-base font-semibold">"Add a line"</h2>
        <ActionForm action=actions.add attr:class="mt-1 grid gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-4" attr:data-testid="free-line">
            <input type="hidden" name="invoice_id" value=invoice_id.to_string() />
            <input type="hidden" name="line[reason]" value="" />
            {field("description", "What it is", "e.g. Filing fee")}
            {field("quantity", "Quantity", "1")}
            {field("rate", "Price each (negative for a discount)", "e.g. 120.00")}
            <div class="self-center"><button type="submit" class="rounded border border-slate-300 px-4 py-2 font-medium">"Add line"</button></div>
        </ActionForm>
    }
}
