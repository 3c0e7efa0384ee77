//! Expenses (`/expenses`): the signed-in person's expenses, newest first,
//! and a form to add one with its receipt. The form is a plain multipart
//! post to the server's `/expenses/new`, with or without JavaScript; a
//! refused form comes back with a problem code and what was typed in the
//! URL, and the problem is shown at its field.

use crate::api::expenses::{CorrectExpense, ExpensesPage as PageData, SubmitExpense, load_expenses};
use crate::components::guard::require;
use crate::components::row_editor::{RowEditor, RowEditors};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use pespro::access::Permission;
use pespro::expenses::{ExpenseCategory, ExpenseProblem, ExpenseSummary};

const INPUT: &str = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-2 focus:outline-brand";
/// Where the form posts (`server/src/expenses.rs`).
const NEW_EXPENSE_PATH: &str = "/expenses/new";

#[component]
pub fn ExpensesPage() -> impl IntoView {
    if let Err(instead) = require(Permission::ViewPractice, "Sign in to record your expenses.") {
        return instead;
    }
    let submit = ServerAction::<SubmitExpense>::new();
    let correct = Correction { action: ServerAction::new(), editors: RowEditors::default() };
    // The list reloads after a correction that saved, not after a refused
    // one: rebuilding the rows would throw away what the person typed.
    let corrections_saved = Memo::new(move |saved: Option<&u32>| {
        let saved = saved.copied().unwrap_or(0);
        if matches!(correct.action.value().get(), Some(Ok(_))) { saved + 1 } else { saved }
    });
    let data = Resource::new(move || (submit.version().get(), corrections_saved.get()), |_| load_expenses());
    let submit_error = move || {
        let failed = submit.value().get().and_then(Result::err);
        failed.or_else(|| correct.action.value().get().and_then(Result::err)).map(|e| e.to_string())
    };
    let corrected = move || {
        correct.action.value().get().and_then(Result::ok).map(|voided| match voided {
            0 => "Corrected. It is a draft: submit it when it is ready.".to_owned(),
            1 => "Corrected. The approval it had no longer counts: submit it again.".to_owned(),
            n => format!("Corrected. The {n} approvals it had no longer count: submit it again."),
        })
    };
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"My expenses"</h1>
        <p id="expenses-error" role="alert" class="min-h-5 text-sm text-red-700">{submit_error}</p>
        <p role="status" class="min-h-5 text-sm text-green-700">{corrected}</p>
        <Transition fallback=|| view! { <p class="text-slate-500">"Loading your expenses…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <Expenses page submit correct /> }.into_any(),
                    Err(e) => view! { <p role="alert" data-testid="expenses-refused" class="mt-4 text-red-700">{e.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

#[component]
fn Expenses(page: PageData, submit: ServerAction<SubmitExpense>, correct: Correction) -> impl IntoView {
    let typed = use_query_map().get_untracked();
    let problem = typed.get("problem").as_deref().and_then(ExpenseProblem::from_code);
    let added = typed.get("added").is_some().then_some("Expense added.");
    let empty = page.expenses.is_empty();
    let rows = page.expenses.into_iter().map(|expense| view! { <Row expense submit correct /> }).collect_view();
    view! {
        <AddExpenseForm page_engagements=page.engagements currency=page.currency today=page.today.to_string() problem typed=typed />
        <p role="status" class="mt-2 min-h-5 text-sm text-green-700">{added}</p>
        {if empty {
            view! { <p class="mt-4 text-slate-500" data-testid="no-expenses">"No expenses yet. Use the form above to add one."</p> }.into_any()
        } else {
            view! {
                <table data-testid="expenses" class="mt-4 w-full border-collapse text-left text-sm">
                    <thead>
                        <tr class="border-b border-slate-300 text-slate-600">
                            <th scope="col" class="py-2 pr-4">"Date"</th>
                            <th scope="col" class="py-2 pr-4">"Engagement"</th>
                            <th scope="col" class="py-2 pr-4">"Category"</th>
                            <th scope="col" class="py-2 pr-4 text-right">"Amount"</th>
                            <th scope="col" class="py-2 pr-4">"Status"</th>
                            <th scope="col" class="py-2 pr-4">"Receipt"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }.into_any()
        }}
    }
}

/// Correcting an expense: one action for every row's editor.
#[derive(Clone, Copy)]
struct Correction {
    action: ServerAction<CorrectExpense>,
    editors: RowEditors,
}

#[component]
fn Row(expense: ExpenseSummary, submit: ServerAction<SubmitExpense>, correct: Correction) -> impl IntoView {
    use pespro::expenses::ExpenseStatus;
    let formats = crate::components::formats::use_formats();
    // Drafts and sent-back expenses go (again) to the firm's approval workflow.
    let submittable = matches!(expense.status, ExpenseStatus::Draft | ExpenseStatus::Rejected).then(|| {
        view! {
            <ActionForm action=submit>
                <input type="hidden" name="expense_id" value=expense.expense_id.to_string() />
                <button type="submit" class="text-brand underline">"Submit"</button>
            </ActionForm>
        }
    });
    let corrector = (expense.status != ExpenseStatus::Approved).then(|| {
        view! { <CorrectionEditor expense_id=expense.expense_id amount=formats.field_amount(expense.amount.minor, expense.amount.currency) notes=expense.notes.clone() correct /> }
    });
    let kind = if expense.billable { "" } else { " (non-billable)" };
    let receipt = expense.has_receipt.then(|| {
        let href = format!("/expenses/{}/receipt", expense.expense_id);
        view! { <a class="text-brand underline" href=href rel="external" target="_blank">"Receipt"</a> }
    });
    view! {
        <tr class="border-t border-slate-100 align-top">
            <td class="py-1 pr-4 whitespace-nowrap">{formats.date(expense.spent_on)}</td>
            <td class="py-1 pr-4">{expense.engagement} <span class="block text-slate-600">{expense.notes}</span></td>
            <td class="py-1 pr-4">{expense.category.label()}</td>
            <td class="py-1 pr-4 text-right">{format!("{}{kind}", formats.amount(expense.amount.minor, expense.amount.currency))}</td>
            <td class="py-1 pr-4">
                {expense.status.label()}
                {expense.sent_back_because.map(|why| view! { <span data-testid="sent-back-because" class="block text-amber-800">{format!("Why: {why}")}</span> })}
                {submittable} {corrector}
            </td>
            <td class="py-1 pr-4">{receipt}</td>
        </tr>
    }
}

#[component]
fn AddExpenseForm(
    page_engagements: Vec<pespro::my_week::EngagementChoice>,
    currency: String,
    today: String,
    problem: Option<ExpenseProblem>,
    typed: ParamsMap,
) -> impl IntoView {
    let typed = move |name: &str| typed.get(name);
    let placeholder = crate::components::formats::use_formats().amount_placeholder();
    let error = move |field: &'static str| problem.filter(|p| p.field() == field).map(|p| p.to_string());
    let chosen_engagement = typed("engagement_id");
    let (spent_on, amount, currency, notes) = (
        typed("spent_on").unwrap_or(today),
        typed("amount").unwrap_or_default(),
        typed("currency").unwrap_or(currency),
        typed("notes").unwrap_or_default(),
    );
    let chosen_category = typed("category");
    let billable = problem.is_none() || typed("billable").is_some();
    let no_engagements = page_engagements.is_empty();
    let engagements = page_engagements
        .into_iter()
        .map(|e| {
            let id = e.engagement_id.to_string();
            let selected = chosen_engagement.as_deref() == Some(id.as_str());
            view! { <option value=id selected=selected>{e.label}</option> }
        })
        .collect_view();
    let categories = ExpenseCategory::ALL
        .into_iter()
        .map(|c| {
            let selected = chosen_category.as_deref() == Some(c.as_str());
            view! { <option value=c.as_str() selected=selected>{c.label()}</option> }
        })
        .collect_view();
    let field = move |id: &'static str, name: &'static str| {
        view! { <p id=format!("{id}-error") class="min-h-5 text-sm text-red-700" data-testid=format!("error-{name}")>{error(name)}</p> }
    };
    view! {
        <form method="post" action=NEW_EXPENSE_PATH enctype="multipart/form-data"
            class="mt-4 grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-6">
            <div class="sm:col-span-3">
                <label for="expense-engagement" class="block text-sm font-medium text-slate-700">"Engagement"</label>
                <select id="expense-engagement" name="engagement_id" required class=INPUT>{engagements}</select>
                {field("expense-engagement", "engagement_id")}
            </div>
            <div class="sm:col-span-3">
                <label for="expense-date" class="block text-sm font-medium text-slate-700">"Date"</label>
                <input id="expense-date" name="spent_on" type="date" required class=INPUT
                    value=spent_on />
                {field("expense-date", "spent_on")}
            </div>
            <div class="sm:col-span-2">
                <label for="expense-amount" class="block text-sm font-medium text-slate-700">"Amount"</label>
                <input id="expense-amount" name="amount" required inputmode="decimal" placeholder=placeholder autocomplete="off"
                    class=INPUT value=amount />
                {field("expense-amount", "amount")}
            </div>
            <div>
                <label for="expense-currency" class="block text-sm font-medium text-slate-700">"Currency"</label>
                <input id="expense-currency" name="currency" required maxlength="3" class=INPUT
                    value=currency />
                {field("expense-currency", "currency")}
            </div>
            <div class="sm:col-span-3">
                <label for="expense-category" class="block text-sm font-medium text-slate-700">"Category"</label>
                <select id="expense-category" name="category" required class=INPUT>{categories}</select>
                {field("expense-category", "category")}
            </div>
            <div class="sm:col-span-3">
                <label for="expense-notes" class="block text-sm font-medium text-slate-700">"Notes"</label>
                <input id="expense-notes" name="notes" maxlength="500" autocomplete="off" class=INPUT
                    value=notes />
                {field("expense-notes", "notes")}
            </div>
            <div class="sm:col-span-3">
                <label for="expense-receipt" class="block text-sm font-medium text-slate-700">
                    "Receipt (PDF, PNG, JPEG or WebP, at most 5 MiB)"
                </label>
                <input id="expense-receipt" name="receipt" type="file"
                    accept="application/pdf,image/png,image/jpeg,image/webp" class="mt-1 w-full text-sm" />
                {field("expense-receipt", "receipt")}
            </div>
            <label class="flex items-center gap-2 sm:col-span-2">
                <input type="checkbox" name="billable" value="true" checked=billable />
                <span class="text-sm font-medium text-slate-700">"Billable"</span>
            </label>
            <div class="sm:col-span-4">
                <button type="submit" disabled=no_engagements class="rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90">
                    "Add expense"
                </button>
            </div>
        </form>
    }
}

#[component]
fn CorrectionEditor(expense_id: i64, amount: String, notes: String, correct: Correction) -> impl IntoView {
    let field = move |what: &str| format!("expense-{expense_id}-{what}");
    let failed = Signal::derive(move || matches!(correct.action.value().get(), Some(Err(_))));
    view! {
        <RowEditor editors=correct.editors id=expense_id failed summary="Correct" class="mt-1">
            <ActionForm action=correct.action attr:class="mt-2 grid w-56 gap-2 rounded border border-slate-200 bg-white p-2">
                <input type="hidden" name="expense_id" value=expense_id.to_string() />
                <label for=field("amount") class="font-medium text-slate-700">"Corrected amount"</label>
                <input id=field("amount") name="amount" required autocomplete="off" value=amount class=INPUT />
                <label for=field("notes") class="font-medium text-slate-700">"Corrected notes"</label>
                <input id=field("notes") name="notes" autocomplete="off" value=notes class=INPUT />
                <p class="text-slate-600">"A submitted expense goes back to draft and needs submitting again."</p>
                <button type="submit" on:click=correct.editors.mark(expense_id)
                    class="rounded bg-brand px-3 py-1 font-medium text-on-brand hover:opacity-90">"Save correction"</button>
            </ActionForm>
        </RowEditor>
    }
    .into_any()
}
