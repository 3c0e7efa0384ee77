//! Export (`/settings/export`): an administrator downloads all of the
//! firm's data as one zip (`server/src/firm_export.rs` streams it). A plain
//! link, so it works before hydration and without JavaScript.

use crate::components::guard::require;
use leptos::prelude::*;
use pespro::access::Permission;

/// Where the zip is served (`server/src/firm_export.rs`).
const DOWNLOAD_PATH: &str = "/settings/export/download";

#[component]
pub fn ExportPage() -> impl IntoView {
    let refusal = "Only the firm's administrators export its data, and never while acting for support.";
    if let Err(instead) = require(Permission::ExportFirmData, refusal) {
        return instead;
    }
    view! {
        <h1 class="text-2xl font-semibold tracking-tight">"Export the firm's data"</h1>
        <p class="mt-2 max-w-prose text-slate-700">
            "One zip with everything PesPro keeps for the firm: people, teams, clients and contacts, engagements, "
            "rates, every time entry and expense with its receipt, timesheets and approvals, imports, settings "
            "and the whole audit log — one CSV file per kind of record, and a README that explains each file. "
            "Passwords, emailed links and the single sign-on secret are never exported."
        </p>
        <p class="mt-2 max-w-prose text-slate-700">
            "The download is recorded in the audit log. A large firm's export takes a little while; it streams, "
            "so your browser shows its progress."
        </p>
        <a
            href=DOWNLOAD_PATH
            rel="external"
            download
            class="mt-4 inline-block rounded bg-brand px-4 py-2 font-medium text-on-brand hover:opacity-90"
        >
            "Download everything (zip)"
        </a>
    }
    .into_any()
}
