//! What the export pages show, as plain data for the browser.

use serde::{Deserialize, Serialize};

/// One document an export would carry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingView {
    pub number: String,
    pub client: String,
    /// "Invoice", "Credit note", "Reversal of a void".
    pub what: String,
    pub dated: String,
    pub total: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapView {
    /// "INV/ACME/001, line 3", or "Settings" for firm-wide ones.
    pub place: String,
    pub missing: String,
    /// The settings page's field that fixes it.
    pub field: String,
}

/// The export page's top: what the next batch would carry, or why it
/// cannot be written yet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PreviewView {
    /// The target's name, or `None` while the firm has not set one up.
    pub target: Option<String>,
    pub documents: Vec<PendingView>,
    pub payments: usize,
    pub gaps: Vec<GapView>,
    /// "EUR 1,234.00" per currency: what the documents add up to.
    pub totals: Vec<String>,
    /// Text the target's encoding cannot hold, written as "?" there.
    #[serde(default)]
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub position: i32,
    pub name: String,
    pub size: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchView {
    pub batch_id: i64,
    pub target: String,
    pub created: String,
    pub by: String,
    pub period: String,
    pub documents: i64,
    pub payments: i64,
    /// Why documents were exported again; empty for an ordinary batch.
    pub reason: String,
    pub files: Vec<FileView>,
}

/// A month-end pack being prepared, ready, or failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackView {
    pub pack_id: i64,
    pub period: String,
    /// PDFs to draw and drawn so far.
    pub total: i32,
    pub done: i32,
    /// "running", "ready" or "failed".
    pub status: String,
    /// The zip's size once ready.
    pub size: String,
}

impl From<&super::Gap> for GapView {
    fn from(gap: &super::Gap) -> Self {
        let place = match (gap.document.is_empty(), gap.line) {
            (true, _) => "Settings".to_owned(),
            (false, Some(line)) => format!("{}, line {line}", gap.document),
            (false, None) => gap.document.clone(),
        };
        Self { place, missing: gap.missing.clone(), field: gap.field.clone() }
    }
}

/// "12.3 KB", "840 bytes".
pub fn size_text(bytes: i64) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
