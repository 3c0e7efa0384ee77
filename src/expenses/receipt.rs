//! Receipts: which files are accepted, judged by their first bytes (never by
//! the name or the type the browser claims), and who may see one.

use crate::access::{CurrentUser, Role};
use serde::{Deserialize, Serialize};

/// The largest receipt accepted: 5 MiB.
pub const MAX_RECEIPT_BYTES: usize = 5 * 1024 * 1024;

/// The kinds of file a receipt may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReceiptKind {
    Pdf,
    Png,
    Jpeg,
    Webp,
}

impl ReceiptKind {
    pub const ALL: [ReceiptKind; 4] = [Self::Pdf, Self::Png, Self::Jpeg, Self::Webp];

    /// What the file's first bytes say it is, if it is one of the accepted
    /// kinds.
    pub fn detect(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [b'%', b'P', b'D', b'F', b'-', ..] => Some(Self::Pdf),
            [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, ..] => Some(Self::Png),
            [0xff, 0xd8, 0xff, ..] => Some(Self::Jpeg),
            [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some(Self::Webp),
            _ => None,
        }
    }

    /// The stored form, and the `Content-Type` it is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
        }
    }

    pub fn from_content_type(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.content_type() == raw)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
        }
    }

    /// Images are shown in the browser; a PDF is downloaded, because a PDF
    /// viewer runs more than a picture does.
    pub fn inline(self) -> bool {
        self != Self::Pdf
    }
}

/// Who may open the receipt of an expense recorded by `owner_id`: its owner,
/// and the people who may approve expenses (managers and administrators).
pub fn may_see_receipt(user: &CurrentUser, owner_id: i64) -> bool {
    user.user_id == owner_id || matches!(user.role, Role::Manager | Role::Admin)
}
