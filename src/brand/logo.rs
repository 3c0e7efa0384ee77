//! A logo file a firm admin uploads, checked before it is stored.
//!
//! The type comes from the bytes, never the file's name; a raster image is
//! decoded whole, so a truncated or corrupt file is refused now rather than
//! shown broken on every page; and an SVG — a document that may carry
//! scripts, event attributes, `<foreignObject>` HTML and references to
//! other addresses — is refused when it carries any of those, saying which
//! (`svg_active`), and otherwise is not kept as sent but re-written by `usvg`, which
//! parses it into what it can draw (paths, fills, gradients, embedded
//! raster images) and writes only that back. Scripts, handlers, links,
//! external images, style sheets, fonts and text have no place in that
//! tree, so none survive. (Text is dropped: logos are expected as outlines,
//! as for the invoice PDFs.)

use super::logo_problem::LogoProblem;
use super::svg_active::{ActiveContent, active_content};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// A logo is shown 40 pixels high; half a megabyte is generous.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;
/// Each side of a raster logo, in pixels.
pub const MIN_SIDE: u32 = 16;
pub const MAX_SIDE: u32 = 2048;
/// Wider (or taller) than this, a logo shrinks to a line in the header.
pub const MAX_ASPECT: f64 = 8.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Jpeg,
    Webp,
    Svg,
}

impl LogoKind {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Webp => "image/webp",
            Self::Svg => "image/svg+xml",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Webp => "webp",
            Self::Svg => "svg",
        }
    }

    pub const ALL: [Self; 4] = [Self::Png, Self::Jpeg, Self::Webp, Self::Svg];

    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.extension() == extension)
    }

    pub fn from_content_type(content_type: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.content_type() == content_type)
    }

    fn label(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
            Self::Webp => "WebP",
            Self::Svg => "SVG",
        }
    }
}

/// A logo that passed every check: the bytes to store and serve (for an
/// SVG, the re-written document), and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLogo {
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

impl CheckedLogo {
    /// The SHA-256 of the stored bytes, hex: the logo's name in its address,
    /// so a new logo is a new address and browsers may keep one for ever.
    pub fn digest(&self) -> String {
        data_encoding::HEXLOWER.encode(&Sha256::digest(&self.bytes))
    }

    /// `<digest>.<extension>`: the file part of the logo's address.
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.digest(), self.kind.extension())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoError {
    #[error("the file is empty")]
    Empty,
    #[error("a logo can be at most {max} KB; this file is {0} KB", max = MAX_LOGO_BYTES / 1024)]
    TooLarge(usize),
    #[error("a logo is a PNG, JPEG, WebP or SVG image, and this file is none of those (whatever its name says)")]
    UnknownType,
    #[error("this {0} file is damaged or incomplete")]
    Unreadable(&'static str),
    #[error("a logo is {MIN_SIDE} to {MAX_SIDE} pixels on each side; this one is {0}×{1}")]
    Dimensions(u32, u32),
    #[error("a logo is at most {MAX_ASPECT} times wider than high (or higher than wide); this one is {0}×{1}")]
    Aspect(u32, u32),
    #[error("this SVG has nothing a logo can show (text is not drawn: convert it to outlines)")]
    NothingToDraw,
    #[error("a tab icon is square (or nearly: at most 5:4); this one is {0}×{1}")]
    NotSquare(u32, u32),
    #[error("this SVG is more than a drawing ({0:?}): a logo must not carry scripts, web content or links")]
    Active(ActiveContent),
}

impl LogoError {
    /// The page's name for this refusal (see [`LogoProblem`]).
    pub fn problem(&self) -> LogoProblem {
        match self {
            Self::Empty => LogoProblem::Missing,
            Self::TooLarge(_) => LogoProblem::TooLarge,
            Self::UnknownType => LogoProblem::UnknownType,
            Self::Unreadable(_) => LogoProblem::Damaged,
            Self::Dimensions(..) => LogoProblem::Dimensions,
            Self::Aspect(..) => LogoProblem::Aspect,
            Self::NothingToDraw => LogoProblem::NothingToDraw,
            Self::NotSquare(..) => LogoProblem::NotSquare,
            Self::Active(ActiveContent::Script) => LogoProblem::SvgScript,
            Self::Active(ActiveContent::Embedded) => LogoProblem::SvgEmbedded,
            Self::Active(ActiveContent::Reference) => LogoProblem::SvgReference,
        }
    }
}

/// Where uploaded logos are served on a firm's host: `/logo/<file>`.
pub const LOGO_PATH_PREFIX: &str = "/logo/";

/// The digest and type an uploaded logo's file name (`<64 hex>.<ext>`)
/// names, or nothing when it is not one.
pub fn parse_logo_file(file: &str) -> Option<(&str, LogoKind)> {
    let (digest, extension) = file.split_once('.')?;
    let hex = digest.len() == 64 && digest.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    Some((digest, LogoKind::from_extension(extension)?)).filter(|_| hex)
}

/// The same, from a firm's logo address, when it is an uploaded logo's.
pub fn uploaded_logo(url: &super::LogoUrl) -> Option<(&str, LogoKind)> {
    parse_logo_file(url.as_str().strip_prefix(LOGO_PATH_PREFIX)?)
}

/// Checks an uploaded logo and returns what to store. CPU-bound (a whole
/// decode, or an SVG parse): the server runs it off the async threads.
pub fn check_logo(bytes: &[u8]) -> Result<CheckedLogo, LogoError> {
    if bytes.is_empty() {
        return Err(LogoError::Empty);
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoError::TooLarge(bytes.len().div_ceil(1024)));
    }
    let checked = match sniff(bytes).ok_or(LogoError::UnknownType)? {
        LogoKind::Png => raster(LogoKind::Png, bytes, png_size(bytes))?,
        LogoKind::Jpeg => raster(LogoKind::Jpeg, bytes, jpeg_size(bytes))?,
        LogoKind::Webp => raster(LogoKind::Webp, bytes, webp_size(bytes))?,
        LogoKind::Svg => svg(bytes)?,
    };
    let (long, short) = (checked.width.max(checked.height), checked.width.min(checked.height));
    if f64::from(long) > MAX_ASPECT * f64::from(short) {
        return Err(LogoError::Aspect(checked.width, checked.height));
    }
    if checked.bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoError::TooLarge(checked.bytes.len().div_ceil(1024)));
    }
    Ok(checked)
}

/// Checks an uploaded tab icon: a logo's checks, and square or nearly
/// (browsers draw a tab icon in a square: anything longer is squeezed).
pub fn check_icon(bytes: &[u8]) -> Result<CheckedLogo, LogoError> {
    let checked = check_logo(bytes)?;
    let (long, short) = (checked.width.max(checked.height), checked.width.min(checked.height));
    if u64::from(long) * 4 > u64::from(short) * 5 {
        return Err(LogoError::NotSquare(checked.width, checked.height));
    }
    Ok(checked)
}

/// The type, from the file's first bytes (its "magic number").
fn sniff(bytes: &[u8]) -> Option<LogoKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(LogoKind::Png);
    }
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        return Some(LogoKind::Jpeg);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(LogoKind::Webp);
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with('<') && text.contains("<svg")).then_some(LogoKind::Svg)
}

/// A raster logo's size once decoded whole; `None` when it is not intact.
type Decoded = Option<(u32, u32)>;

fn raster(kind: LogoKind, bytes: &[u8], size: Result<Decoded, (u32, u32)>) -> Result<CheckedLogo, LogoError> {
    match size {
        Err((w, h)) => Err(LogoError::Dimensions(w, h)),
        Ok(None) => Err(LogoError::Unreadable(kind.label())),
        Ok(Some((width, height))) => Ok(CheckedLogo { kind, bytes: bytes.to_vec(), width, height }),
    }
}

fn side_ok(w: u32, h: u32) -> bool {
    (MIN_SIDE..=MAX_SIDE).contains(&w) && (MIN_SIDE..=MAX_SIDE).contains(&h)
}

/// The size is checked from the header before the pixels are decoded, so an
/// enormous image is refused without allocating for it.
fn png_size(bytes: &[u8]) -> Result<Decoded, (u32, u32)> {
    let Ok(mut reader) = png::Decoder::new(std::io::Cursor::new(bytes)).read_info() else { return Ok(None) };
    let (w, h) = (reader.info().width, reader.info().height);
    if !side_ok(w, h) {
        return Err((w, h));
    }
    let Some(size) = reader.output_buffer_size() else { return Ok(None) };
    let mut pixels = vec![0; size];
    Ok(reader.next_frame(&mut pixels).ok().map(|_| (w, h)))
}

fn jpeg_size(bytes: &[u8]) -> Result<Decoded, (u32, u32)> {
    // Strict: a file cut short is an error, not grey pixels at the bottom.
    let options = zune_core::options::DecoderOptions::default().set_strict_mode(true);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(zune_core::bytestream::ZCursor::new(bytes), options);
    if decoder.decode_headers().is_err() {
        return Ok(None);
    }
    let Some((w, h)) = decoder.dimensions() else { return Ok(None) };
    let (w, h) = (u32::try_from(w).unwrap_or(u32::MAX), u32::try_from(h).unwrap_or(u32::MAX));
    if !side_ok(w, h) {
        return Err((w, h));
    }
    Ok(decoder.decode().ok().map(|_| (w, h)))
}

fn webp_size(bytes: &[u8]) -> Result<Decoded, (u32, u32)> {
    let Ok(mut decoder) = image_webp::WebPDecoder::new(std::io::Cursor::new(bytes)) else { return Ok(None) };
    let (w, h) = decoder.dimensions();
    if !side_ok(w, h) {
        return Err((w, h));
    }
    let Some(size) = decoder.output_buffer_size() else { return Ok(None) };
    let mut pixels = vec![0; size];
    Ok(decoder.read_image(&mut pixels).ok().map(|()| (w, h)))
}

fn svg(bytes: &[u8]) -> Result<CheckedLogo, LogoError> {
    let text = std::str::from_utf8(bytes).map_err(|_| LogoError::Unreadable(LogoKind::Svg.label()))?;
    if let Some(found) = active_content(text) {
        return Err(LogoError::Active(found));
    }
    svg_drawing(text)
}

/// The drawing an SVG makes, written back by `usvg`: only what it can draw
/// survives (the second line of defence, should `svg_active` miss a trick).
fn svg_drawing(text: &str) -> Result<CheckedLogo, LogoError> {
    let unreadable = LogoError::Unreadable(LogoKind::Svg.label());
    let tree = usvg::Tree::from_str(text, &svg_options()).map_err(|_| unreadable)?;
    if !tree.root().has_children() {
        return Err(LogoError::NothingToDraw);
    }
    let size = tree.size();
    // Vector art has no pixels; its own units only need to make a shape.
    let side = |length: f32| if length.is_finite() { length.ceil().clamp(1.0, u32::MAX as f32) as u32 } else { 0 };
    let (width, height) = (side(size.width()), side(size.height()));
    if width == 0 || height == 0 {
        return Err(LogoError::Dimensions(width, height));
    }
    let bytes = tree.to_string(&usvg::WriteOptions::default()).into_bytes();
    Ok(CheckedLogo { kind: LogoKind::Svg, bytes, width, height })
}

/// Nothing outside the document is ever read: `<image>` addresses that are
/// not `data:` URLs resolve to nothing, and only raster images may be
/// embedded (an SVG inside an SVG would be a second document to trust).
/// The font database stays empty, so text is not drawn.
fn svg_options() -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    options.image_href_resolver.resolve_data =
        Box::new(|mime: &str, data: Arc<Vec<u8>>, _: &usvg::Options| match mime {
            "image/png" => Some(usvg::ImageKind::PNG(data)),
            "image/jpeg" | "image/jpg" => Some(usvg::ImageKind::JPEG(data)),
            "image/webp" => Some(usvg::ImageKind::WEBP(data)),
            _ => None,
        });
    options
}

#[cfg(test)]
#[path = "logo_tests.rs"]
mod tests;
