//! What an approver approves: a submitted week's entries, day by day —
//! engagement, notes, duration, billable or not, imported or not — on its
//! card in the inbox, so nobody approves a total they have not seen.

use leptos::prelude::*;
use pespro::my_week::{WeekEntry, day_label};

#[component]
pub fn ApprovalEntries(entries: Vec<WeekEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="mt-2 text-sm text-slate-600">"No entries in this week."</p> }.into_any();
    }
    let rows = entries
        .into_iter()
        .map(|entry| {
            let kind = if entry.billable { "" } else { " (non-billable)" };
            let imported = entry.imported.map(|_| " · imported");
            view! {
                <tr class="border-t border-slate-100 align-top">
                    <td class="whitespace-nowrap py-1 pr-3">{day_label(entry.work_date)}</td>
                    <td class="py-1 pr-3">{format!("{} — {} {}", entry.client_name, entry.engagement_code, entry.engagement_name)}</td>
                    <td class="py-1 pr-3 text-slate-600">{entry.notes}{imported}</td>
                    <td class="whitespace-nowrap py-1 text-right">{format!("{}{kind}", entry.minutes)}</td>
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
                        <th scope="col" class="py-1 text-right font-medium">"Time"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
