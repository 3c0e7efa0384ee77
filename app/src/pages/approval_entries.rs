//! What an approver approves: a submitted week's entries, day by day —
//! engagement, notes, duration, billable or not, the rate it is charged at,
//! imported or not — and under them what the week does to each
//! engagement's budget. Shown on the inbox card and on the full week's
//! page, so nobody approves a total they have not seen.

use leptos::prelude::*;
use pespro::approval_card::{BudgetLine, CardEntry};

#[component]
pub fn ApprovalEntries(entries: Vec<CardEntry>, budgets: Vec<BudgetLine>) -> impl IntoView {
    let formats = crate::components::formats::use_formats();
    if entries.is_empty() {
        return view! { <p class="mt-2 text-sm text-slate-600">"No entries in this week."</p> }.into_any();
    }
    let rows = entries
        .into_iter()
        .map(|card| {
            let rate = card.rate_text(formats);
            let entry = card.entry;
            let kind = if entry.billable { "" } else { " (non-billable)" };
            let imported = entry.imported.map(|_| " · imported");
            view! {
                <tr class="border-t border-slate-100 align-top">
                    <td class="whitespace-nowrap py-1 pr-3">{formats.day(entry.work_date)}</td>
                    <td class="py-1 pr-3">{format!("{} — {} {}", entry.client_name, entry.engagement_code, entry.engagement_name)}</td>
                    <td class="py-1 pr-3 text-slate-600">{entry.notes}{imported}</td>
                    <td class="whitespace-nowrap py-1 pr-3 text-right">{format!("{}{kind}", entry.minutes)}</td>
                    <td data-testid="entry-rate" class="whitespace-nowrap py-1 text-right text-slate-600">{rate}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="mt-2 overflow-x-auto">
            <table data-testid="approval-entries" class="w-full text-left text-sm">
                <thead>
                    <tr class="text-slate-600">
                        <th scope="col" class="py-1 pr-3 font-medium">"Day"</th>
                        <th scope="col" class="py-1 pr-3 font-medium">"Engagement"</th>
                        <th scope="col" class="py-1 pr-3 font-medium">"Notes"</th>
                        <th scope="col" class="py-1 pr-3 text-right font-medium">"Time"</th>
                        <th scope="col" class="py-1 text-right font-medium">"Rate"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <BudgetLines budgets />
    }
    .into_any()
}

/// "Acme Ltd — AC-1 Annual audit: 12:30 this week · budget 80:00 h of
/// 100:00 h used (80 %)", over-budget lines marked so they stand out.
#[component]
fn BudgetLines(budgets: Vec<BudgetLine>) -> impl IntoView {
    let lines = budgets
        .into_iter()
        .map(|line| {
            let over = line.burn.as_ref().is_some_and(|b| b.over);
            let class = if over { "font-medium text-red-700" } else { "text-slate-700" };
            let text = format!("{}: {} this week · {}", line.engagement, line.this_week, line.budget_text());
            view! { <li data-testid="budget-line" class=class>{text}</li> }
        })
        .collect_view();
    view! { <ul data-testid="budget-lines" aria-label="Budgets" class="mt-2 space-y-0.5 text-sm">{lines}</ul> }
}
