//! Every firm's custom domains and where each stands, for staff answering
//! "why is our domain not working?".

use super::ConsoleDocument;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::domains::FirmDomain;
use pespro::staff::StaffMember;

/// `domains` are (firm's slug, domain), as `tenancy::every_domain` reads them.
pub fn domains_html(staff: &StaffMember, domains: Vec<(String, FirmDomain)>) -> String {
    let content = if domains.is_empty() {
        view! { <p>"No firm has a custom domain yet."</p> }.into_any()
    } else {
        let rows = domains.into_iter().map(|(slug, domain)| row(slug, domain)).collect_view();
        view! {
            <table>
                <thead>
                    <tr>
                        <th>"Domain"</th>
                        <th>"Firm"</th>
                        <th>"Status"</th>
                        <th>"Why"</th>
                        <th>"Checked"</th>
                        <th>"Next check"</th>
                        <th>"Added by"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <ConsoleDocument title="Custom domains".to_owned() signed_in=Some(staff.clone())>
            {content}
        </ConsoleDocument>
    }
    .to_html()
}

fn row(slug: String, domain: FirmDomain) -> impl IntoView {
    let hostname = if domain.primary { format!("{} (primary)", domain.hostname) } else { domain.hostname };
    view! {
        <tr>
            <td>{hostname}</td>
            <td>
                <a href=format!("/firms/{slug}")>{slug.clone()}</a>
            </td>
            <td>{domain.status.label()}</td>
            <td>{domain.reason.unwrap_or_default()}</td>
            <td>{domain.checked_at.unwrap_or_else(|| "never".to_owned())}</td>
            <td>{domain.next_check_at.unwrap_or_else(|| "only on Check now".to_owned())}</td>
            <td>{if domain.by_operator { "operator" } else { "the firm" }}</td>
        </tr>
    }
}
