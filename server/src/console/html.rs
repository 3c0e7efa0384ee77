//! The staff console's pages: plain, self-contained HTML that works without
//! JavaScript. Everything interpolated goes through [`escape`]; pages are
//! never cached, since they name firms and people.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

/// Text made safe for element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// A console page: `body` is trusted markup built with [`escape`]d values.
pub fn page(status: StatusCode, title: &str, signed_in_as: Option<&str>, body: &str) -> Response {
    let nav = match signed_in_as {
        Some(name) => format!(
            "<nav><a href=\"/firms\">Firms</a><a href=\"/domains\">Domains</a><span>{}</span>\
             <form method=\"post\" action=\"/sign-out\"><button type=\"submit\">Sign out</button></form></nav>",
            escape(name)
        ),
        None => String::new(),
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · PesPro console</title><style>{STYLE}</style></head>\
         <body><header><strong>PesPro platform console</strong>{nav}</header>\
         <main><h1>{title}</h1>{body}</main></body></html>",
        title = escape(title),
    );
    let mut response = (status, Html(html)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An error message for a form, announced to screen readers.
pub fn error(message: &str) -> String {
    format!("<p role=\"alert\" class=\"error\">{}</p>", escape(message))
}

/// A confirmation of what was just done, announced politely.
pub fn notice(message: &str) -> String {
    format!("<p role=\"status\" class=\"notice\">{}</p>", escape(message))
}

/// After a form post: the browser loads `to` with a GET.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#0f172a;line-height:1.5}\
header{display:flex;gap:1rem;align-items:center;padding:.75rem 1.5rem;background:#0f172a;color:#fff}\
header nav{margin-left:auto;display:flex;gap:1rem;align-items:center}header a{color:#fff}\
main{max-width:56rem;margin:2rem auto;padding:0 1.5rem}h1{font-size:1.5rem}\
label{display:block;margin:.75rem 0 .25rem;font-weight:600}input,textarea{font:inherit;padding:.4rem;width:100%;\
max-width:24rem;box-sizing:border-box}button{font:inherit;padding:.35rem .9rem;cursor:pointer}\
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.5rem;border-bottom:1px solid #e2e8f0;\
vertical-align:top}.error{color:#b91c1c;font-weight:600}.notice{color:#15803d;font-weight:600}code{font-size:1.1rem;letter-spacing:.1em}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
