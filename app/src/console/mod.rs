//! The platform staff console's pages, as Leptos views rendered to a whole
//! document on the server (`server/src/console` answers with them on the
//! admin host only). They are the same kind of component as the firms'
//! pages, so every value is escaped the same way; they stay self-contained
//! — the platform's neutral style inline, no bundle — because staff are few,
//! every form posts without JavaScript, and a console that needs nothing
//! else to load still works when the rest of the platform is in trouble.

mod dashboard;
mod domains;
mod firm;
mod firms;
mod flags;
mod lifecycle;
mod search;
mod sign_in;
mod team;
mod trail;

pub use dashboard::{Dashboard, DashboardFirm, dashboard_html};
pub use domains::domains_html;
pub use firm::{FirmPage, FirmTyped, firm_html};
pub use firms::firms_html;
pub use flags::FlagsSection;
pub use search::{SearchResults, search_html};
pub use sign_in::{TotpStep, sign_in_html, totp_html};
pub use team::team_html;
pub use trail::{TrailPage, trail_html};

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use pespro::staff::{StaffMember, StaffPermission};

/// The console's look: the slate of the app's pages on a dark header.
const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#0f172a;line-height:1.5}\
header{display:flex;gap:1rem;align-items:center;padding:.75rem 1.5rem;background:#0f172a;color:#fff}\
header nav{margin-left:auto;display:flex;gap:1rem;align-items:center}header a{color:#fff}\
main{max-width:56rem;margin:2rem auto;padding:0 1.5rem}h1{font-size:1.5rem}\
label{display:block;margin:.75rem 0 .25rem;font-weight:600}input,textarea{font:inherit;padding:.4rem;width:100%;\
max-width:24rem;box-sizing:border-box}button{font:inherit;padding:.35rem .9rem;cursor:pointer}\
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.5rem;border-bottom:1px solid #e2e8f0;\
vertical-align:top}.error{color:#b91c1c;font-weight:600}.notice{color:#15803d;font-weight:600}\
code{font-size:1.1rem;letter-spacing:.1em}\
.chart{margin:1rem 0}.chart svg{max-width:40rem;display:block}figcaption{font-weight:600}";

/// Every console page: the header (with the navigation once someone is
/// signed in), the title as the page's only `h1`, then `children`.
#[component]
fn ConsoleDocument(title: String, signed_in: Option<StaffMember>, children: Children) -> impl IntoView {
    let nav = signed_in.map(|staff| {
        let team = staff.role.may(StaffPermission::ManageStaff).then(|| view! { <a href="/staff">"Staff"</a> });
        let name = format!("{} ({})", staff.display_name, staff.role.label());
        view! {
            <nav>
                <a href="/">"Dashboard"</a>
                <a href="/firms">"Firms"</a>
                <a href="/search">"Search"</a>
                <a href="/domains">"Domains"</a>
                <a href="/trail">"Trail"</a>
                {team}
                <span>{name}</span>
                <form method="post" action="/sign-out">
                    <button type="submit">"Sign out"</button>
                </form>
            </nav>
        }
    });
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{format!("{title} · PesPro console")}</title>
                <style>{STYLE}</style>
            </head>
            <body>
                <header>
                    <strong>"PesPro platform console"</strong>
                    {nav}
                </header>
                <main>
                    <h1>{title}</h1>
                    {children()}
                </main>
            </body>
        </html>
    }
}

/// A page with nothing but its title and an optional message: "no such
/// firm", "nothing here", a list that could not be read.
pub fn message_html(title: &str, signed_in: Option<&StaffMember>, message: Option<&str>) -> String {
    let message = message.map(|text| view! { <p role="alert" class="error">{text.to_owned()}</p> });
    view! {
        <ConsoleDocument title=title.to_owned() signed_in=signed_in.cloned()>
            {message}
        </ConsoleDocument>
    }
    .to_html()
}

/// A form's error, announced to screen readers; nothing when there is none.
fn alert(message: Option<String>) -> impl IntoView {
    message.map(|text| view! { <p role="alert" class="error">{text}</p> })
}

#[cfg(test)]
mod tests;
