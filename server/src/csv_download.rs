//! A CSV file the firm downloads (the audit trail, a report): UTF-8, never
//! cached by anything between (it holds the firm's data), saved under the
//! name given.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

pub fn csv_download(body: String, file_name: &str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    // Names are made of a firm's slug, a report's key and a date: always
    // a valid header; a name that somehow is not is left to the browser.
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
