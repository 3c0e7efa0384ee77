//! A zip written as it is sent: the writer fills a buffer, and each filled
//! part goes down a channel into the response body, so memory stays flat
//! however large the archive (the firm export, the month-end pack).

use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

pub type Chunk = Result<Vec<u8>, std::io::Error>;
pub type Failure = Box<dyn std::error::Error + Send + Sync>;

/// What the zip writer has written and not yet sent.
#[derive(Clone, Default)]
pub struct Pending(Arc<Mutex<Vec<u8>>>);

impl Write for Pending {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Pending {
    /// Sends what is pending; an error means the browser went away.
    pub async fn send(&self, to: &mpsc::Sender<Chunk>) -> Result<(), Failure> {
        let bytes = std::mem::take(&mut *self.0.lock().map_err(|_| "poisoned")?);
        if bytes.is_empty() {
            return Ok(());
        }
        to.send(Ok(bytes)).await.map_err(|_| "the download was abandoned".into())
    }
}

/// The response streaming what arrives on `receiver`, as `file_name`.
pub fn response(receiver: mpsc::Receiver<Chunk>, file_name: &str) -> Response {
    let body =
        Body::from_stream(futures::stream::unfold(receiver, |mut r| async move { r.recv().await.map(|c| (c, r)) }));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
