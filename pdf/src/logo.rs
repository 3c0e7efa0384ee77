//! The firm's logo: a PNG, JPEG or WebP, or an SVG drawn as vector art (sharp at any zoom,
//! and usually far smaller than a PNG of the same mark).
//!
//! A logo is read before any layout work, so a file that cannot be drawn is
//! a [`PdfError::Logo`] up front rather than a broken picture later, and the
//! layout knows its proportions.

use krilla::geom::Size;
use krilla::image::Image;
use krilla::surface::Surface;
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::PdfError;

/// A logo file, as the caller read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Logo {
    /// The bytes of a PNG file.
    Png(Vec<u8>),
    /// The bytes of a JPEG file.
    Jpeg(Vec<u8>),
    /// The bytes of a WebP file.
    Webp(Vec<u8>),
    /// The text of an SVG file. Text elements inside it are not drawn: no
    /// fonts are available to it (logos are expected to be outlines).
    Svg(String),
}

/// What is drawn: decoded lazily by krilla (PNG) or parsed into shapes (SVG).
enum Art {
    Raster(Image),
    Vector(Box<usvg::Tree>),
}

/// The firm's logo, checked and ready to draw.
pub(crate) struct ReadyLogo {
    art: Art,
    aspect: f32,
}

impl ReadyLogo {
    /// Reads the PNG's header, or parses the whole SVG, now.
    pub(crate) fn read(logo: &Logo) -> Result<Self, PdfError> {
        let (art, w, h) = match logo {
            Logo::Png(bytes) | Logo::Jpeg(bytes) | Logo::Webp(bytes) => {
                let (image, kind) = match logo {
                    Logo::Png(_) => (Image::from_png(bytes.clone().into(), true), "PNG"),
                    Logo::Jpeg(_) => (Image::from_jpeg(bytes.clone().into(), true), "JPEG"),
                    _ => (Image::from_webp(bytes.clone().into(), true), "WebP"),
                };
                let image = image.map_err(|e| PdfError::Logo(format!("not a readable {kind}: {e}")))?;
                let (w, h) = image.size();
                (Art::Raster(image), w as f32, h as f32)
            }
            Logo::Svg(text) => {
                let tree = usvg::Tree::from_str(text, &svg_options())
                    .map_err(|e| PdfError::Logo(format!("not a readable SVG: {e}")))?;
                let size = tree.size();
                (Art::Vector(Box::new(tree)), size.width(), size.height())
            }
        };
        // `!(x > 0)` also refuses NaN, which a comparison the other way lets through.
        if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
            return Err(PdfError::Logo(format!("the image is {w}×{h}")));
        }
        Ok(ReadyLogo { art, aspect: w / h })
    }

    /// Width divided by height.
    pub(crate) fn aspect(&self) -> f32 {
        self.aspect
    }

    /// Draws the logo filling `size` at the surface's origin. The layout
    /// made `size` of the logo's own proportions, so nothing is distorted.
    pub(crate) fn draw(&self, surface: &mut Surface<'_>, size: Size) {
        match &self.art {
            Art::Raster(image) => surface.draw_image(image.clone(), size),
            Art::Vector(tree) => {
                // Outlines only: there are no fonts to embed text with.
                let settings = SvgSettings { embed_text: false, ..SvgSettings::default() };
                // `draw_svg` answers `Some(())` whatever it drew; there is
                // nothing to report.
                let _ = surface.draw_svg(tree, size, settings);
            }
        }
    }
}

/// usvg's defaults, less the one thing that would touch the file system: an
/// `<image href="…">` naming a file is ignored. Images embedded as `data:`
/// URLs still draw. The default font database is empty and nothing here
/// fills it, so no system fonts are ever loaded either.
fn svg_options() -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    options
}
