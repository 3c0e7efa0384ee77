//! Every firm on the platform, each linking to its own page.

use super::ConsoleDocument;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::tenancy::Tenant;
use std::sync::Arc;

pub fn firms_html(signed_in_as: &str, firms: &[Arc<Tenant>]) -> String {
    let rows = firms
        .iter()
        .map(|firm| {
            let slug = firm.slug.as_str().to_owned();
            view! {
                <tr>
                    <td>
                        <a href=format!("/firms/{slug}")>{firm.theme.display_name.as_str().to_owned()}</a>
                    </td>
                    <td>{slug.clone()}</td>
                    <td>{firm.status.as_str()}</td>
                    <td>{firm.plan.label()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ConsoleDocument title="Firms".to_owned() signed_in_as=Some(signed_in_as.to_owned())>
            <table>
                <thead>
                    <tr>
                        <th>"Firm"</th>
                        <th>"Short name"</th>
                        <th>"Status"</th>
                        <th>"Plan"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </ConsoleDocument>
    }
    .to_html()
}
