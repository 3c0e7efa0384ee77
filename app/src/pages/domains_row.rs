//! One custom domain on the domains page: its status and why, the DNS
//! records to create (open while it is not yet proven), and its buttons.

use super::domains::DomainActions;
use leptos::prelude::*;
use pespro::domains::lifecycle::DomainStatus;
use pespro::domains::{DnsRecord, FirmDomain};

#[component]
pub(super) fn DomainRow(domain: FirmDomain, records: Vec<DnsRecord>, actions: DomainActions) -> impl IntoView {
    let badge = match domain.status {
        DomainStatus::Verified | DomainStatus::Active => "bg-green-100 text-green-900",
        DomainStatus::Pending => "bg-amber-100 text-amber-900",
        DomainStatus::Failed => "bg-red-100 text-red-900",
    };
    let proven = domain.status.serves();
    let may_be_primary = domain.may_be_primary();
    let host = domain.hostname.clone();
    let hidden = |host: &str| view! { <input type="hidden" name="hostname" value=host.to_owned() /> };
    let remove_label = format!("Remove {host}");
    let (for_check, for_primary, for_remove) = (hidden(&host), hidden(&host), hidden(&host));
    let checked = match (&domain.checked_at, &domain.next_check_at) {
        _ if domain.by_operator => "Added by PesPro's support, who checked it is yours.".to_owned(),
        (None, Some(_)) => "Not checked yet: PesPro looks within a minute.".to_owned(),
        (Some(at), Some(next)) => format!("Checked {at}; next look {next}."),
        (Some(at), None) => {
            format!("Checked {at}. Automatic checks stopped: press Check now once the records are in place.")
        }
        (None, None) => String::new(),
    };
    view! {
        <li class="rounded border border-slate-200 bg-white p-4" data-testid="domain-row" data-hostname=host.clone()>
            <div class="flex flex-wrap items-center gap-2">
                <span class="font-mono font-medium">{host.clone()}</span>
                <span data-testid="domain-status" class=format!("rounded px-2 py-0.5 text-xs font-medium {badge}")>{domain.status.label()}</span>
                {domain.primary.then(|| view! { <span class="rounded bg-slate-800 px-2 py-0.5 text-xs font-medium text-white">"Primary"</span> })}
            </div>
            {domain.reason.clone().map(|reason| view! { <p data-testid="domain-reason" class="mt-1 text-sm text-red-800">{reason}</p> })}
            <p class="mt-1 text-xs text-slate-500">{checked}</p>
            {(!records.is_empty()).then(|| view! {
                <details class="mt-2" open=!proven>
                    <summary class="cursor-pointer text-sm font-medium">"DNS records"</summary>
                    <p class="mt-1 text-sm text-slate-600">
                        "Create the TXT record, and either the CNAME or (for a bare domain like your-firm.com, which cannot have a CNAME) the address records."
                    </p>
                    <table class="mt-2 w-full text-left text-sm">
                        <thead><tr class="text-slate-500"><th class="pr-4 font-medium">"Type"</th><th class="pr-4 font-medium">"Name"</th><th class="font-medium">"Value"</th></tr></thead>
                        <tbody>
                            {records.into_iter().map(|r| { let testid = format!("record-{}", r.kind.to_lowercase()); view! {
                                <tr data-testid=testid>
                                    <td class="pr-4 align-top">{r.kind}</td>
                                    <td class="pr-4 align-top font-mono break-all select-all">{r.name}</td>
                                    <td class="align-top font-mono break-all select-all">{r.value}</td>
                                </tr>
                            }}).collect_view()}
                        </tbody>
                    </table>
                </details>
            })}
            <div class="mt-3 flex flex-wrap gap-2">
                {(!domain.by_operator).then(|| view! {
                    <ActionForm action=actions.check>
                        {for_check}
                        <button type="submit" class="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">"Check now"</button>
                    </ActionForm>
                })}
                {may_be_primary.then(|| view! {
                    <ActionForm action=actions.primary>
                        {for_primary}
                        <button type="submit" class="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">"Make primary"</button>
                    </ActionForm>
                })}
                <ActionForm action=actions.remove>
                    {for_remove}
                    <button type="submit" class="rounded border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50"
                        aria-label=remove_label>"Remove"</button>
                </ActionForm>
            </div>
        </li>
    }
}
