//! Finding a firm or a person for support: one box, firms by name, short
//! name or hostname, people by email in every firm.

use super::ConsoleDocument;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::staff::StaffMember;
use pespro::staff::search::{FoundPerson, MIN_EMAIL_CHARS, MOST_PEOPLE};
use pespro::tenancy::Tenant;
use std::sync::Arc;

/// What a search found, for the page.
pub struct SearchResults {
    /// As typed, to fill the box again.
    pub typed: String,
    pub firms: Vec<Arc<Tenant>>,
    pub people: Vec<FoundPerson>,
    /// More people matched than are listed.
    pub more_people: bool,
}

pub fn search_html(staff: &StaffMember, results: Option<SearchResults>) -> String {
    let typed = results.as_ref().map(|r| r.typed.clone()).unwrap_or_default();
    let found = results.map(found);
    view! {
        <ConsoleDocument title="Search".to_owned() signed_in=Some(staff.clone())>
            <form method="get" action="/search" role="search">
                <label for="q">"Firm name, short name, hostname, or a person's email"</label>
                <input id="q" name="q" type="search" required value=typed autofocus />
                <p>
                    <button type="submit">"Search"</button>
                </p>
            </form>
            {found}
        </ConsoleDocument>
    }
    .to_html()
}

fn found(results: SearchResults) -> impl IntoView {
    let SearchResults { typed, firms, people, more_people } = results;
    let firms = if firms.is_empty() {
        view! { <p>"No firm's name, short name or hostname contains that."</p> }.into_any()
    } else {
        let items = firms
            .iter()
            .map(|firm| {
                let slug = firm.slug.as_str().to_owned();
                let label =
                    format!("{} ({slug}, {}, {})", firm.theme.display_name, firm.status.as_str(), firm.plan.label());
                view! {
                    <li>
                        <a href=format!("/firms/{slug}")>{label}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <ul>{items}</ul> }.into_any()
    };
    let people = if typed.trim().chars().count() < MIN_EMAIL_CHARS {
        view! { <p>{format!("Type at least {MIN_EMAIL_CHARS} characters to look for people by email.")}</p> }.into_any()
    } else if people.is_empty() {
        view! { <p>"Nobody's email in any firm contains that."</p> }.into_any()
    } else {
        let rows = people.into_iter().map(person_row).collect_view();
        let more = more_people
            .then(|| view! { <p>{format!("Only the first {MOST_PEOPLE} are listed: type more of the address.")}</p> });
        view! {
            <table>
                <thead>
                    <tr>
                        <th>"Email"</th>
                        <th>"Name"</th>
                        <th>"Role"</th>
                        <th>"Firm"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {more}
        }
        .into_any()
    };
    view! {
        <h2>"Firms"</h2>
        {firms}
        <h2>"People"</h2>
        {people}
    }
}

fn person_row(person: FoundPerson) -> impl IntoView {
    let role =
        if person.active { person.role.label().to_owned() } else { format!("{} (deactivated)", person.role.label()) };
    view! {
        <tr>
            <td>{person.email}</td>
            <td>{person.display_name}</td>
            <td>{role}</td>
            <td>
                <a href=format!("/firms/{}", person.slug)>{person.firm_name}</a>
            </td>
        </tr>
    }
}
