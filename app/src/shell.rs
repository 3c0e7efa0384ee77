//! The HTML document around the app. It runs only on the server, so it can
//! put the firm's colours and name straight into `<head>`: the first paint is
//! already branded, with no flash of the default theme.

use crate::App;
use crate::api::context::{request_icon, request_theme};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let theme = request_theme();
    let title = theme.as_ref().map_or_else(|| "PesPro".to_owned(), |t| format!("{} · PesPro", t.display_name));
    // Only validated colours reach this stylesheet (see pespro::colour).
    let brand_css = theme.as_ref().map(|t| t.css_custom_properties()).unwrap_or_default();
    // The firm's tab icon; else its logo; else the platform's.
    let icon = request_icon()
        .or_else(|| theme.and_then(|t| t.logo))
        .map_or_else(|| "/favicon.svg".to_owned(), |url| url.as_str().to_owned());
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{title}</title>
                // `/pkg/pespro.<hash>.css` after `make site`: kept by browsers for a year.
                <HashedStylesheet options=options.clone() id="leptos" />
                <style id="brand">{brand_css}</style>
                <link rel="icon" href=icon />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}
