//! The page the server answers with before any firm is known, or when the
//! app cannot run for this request: an unknown address, a suspended or
//! updating workspace, a refused request, the database not answering. It
//! is a Leptos view like every other page, so its text is escaped the same
//! way, but it is self-contained — its style inline, no bundle, no
//! stylesheet, no firm's name or colours unless the caller passes the name
//! — so it reveals nothing about which firms exist and works when nothing
//! else does.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// The platform's neutral look, inline (no asset is served to an unknown
/// host); the same slate colours as the app's pages.
const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;\
color:#1e293b;background:#f8fafc;line-height:1.5}h1{font-size:1.5rem}";

#[component]
fn PlainPage(title: String, message: String) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{title.clone()}</title>
                <style>{STYLE}</style>
            </head>
            <body>
                <main>
                    <h1>{title}</h1>
                    <p>{message}</p>
                </main>
            </body>
        </html>
    }
}

/// The whole document for `title` and `message`, both plain text.
pub fn plain_page_html(title: &str, message: &str) -> String {
    view! { <PlainPage title=title.to_owned() message=message.to_owned() /> }.to_html()
}
