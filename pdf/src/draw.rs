//! Writing the display list as PDF with krilla.
//!
//! This module (with `logo`, which draws the firm's image) is the only one
//! that speaks krilla's drawing API; layout never does. krilla subsets and embeds the fonts, writes the text layer that
//! makes the invoice searchable and copyable, and compresses the streams.

use krilla::Document;
use krilla::color::rgb;
use krilla::error::KrillaError;
use krilla::geom::{Path, PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

use crate::PdfError;
use crate::fonts::Fonts;
use crate::layout::{PAGE_H, PAGE_W};
use crate::logo::ReadyLogo;
use crate::ops::{Op, Page, Rgb, Weight};

/// How much of the stamp shows: enough to be unmistakable, little enough to
/// read the figures it crosses.
const STAMP_OPACITY: f32 = 0.45;

/// Writes the pages and returns the PDF file's bytes.
pub(crate) fn write(
    title: &str,
    author: &str,
    fonts: &Fonts,
    logo: Option<ReadyLogo>,
    pages: &[Page],
) -> Result<Vec<u8>, PdfError> {
    let mut document = Document::new();
    let metadata = Metadata::new().title(title.to_owned()).authors(vec![author.to_owned()]).creator("PesPro".into());
    document.set_metadata(metadata);
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| PdfError::Write("invalid page size".into()))?;
    for ops in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, fonts, logo.as_ref(), op);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|error| match error {
        // krilla decodes images only when writing: a PNG whose header was
        // fine but whose pixels are corrupt (or one embedded in an SVG) is
        // reported here.
        KrillaError::Image(..) => PdfError::Logo(error.to_string()),
        other => PdfError::Write(other.to_string()),
    })
}

fn fill(colour: Rgb, opacity: f32) -> Fill {
    let [r, g, b] = colour;
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::new(opacity).unwrap_or(NormalizedF32::ONE),
        ..Fill::default()
    }
}

fn stroke(colour: Rgb, width: f32, opacity: f32) -> Stroke {
    let [r, g, b] = colour;
    Stroke {
        paint: rgb::Color::new(r, g, b).into(),
        width,
        opacity: NormalizedF32::new(opacity).unwrap_or(NormalizedF32::ONE),
        ..Stroke::default()
    }
}

fn rect(x: f32, y: f32, w: f32, h: f32) -> Option<Path> {
    let mut builder = PathBuilder::new();
    builder.push_rect(Rect::from_xywh(x, y, w, h)?);
    builder.finish()
}

/// A circle from four Bézier quarter arcs (0.5523 is the usual constant).
fn circle(cx: f32, cy: f32, r: f32) -> Option<Path> {
    let k = 0.5523 * r;
    let mut b = PathBuilder::new();
    b.move_to(cx + r, cy);
    b.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    b.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    b.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    b.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    b.close();
    b.finish()
}

fn text(surface: &mut Surface<'_>, fonts: &Fonts, at: Point, size: f32, weight: Weight, text: &str) {
    let glyphs = fonts.shape(text, weight);
    surface.draw_glyphs(at, &glyphs, fonts.face(weight).pdf.clone(), text, size, false);
}

/// Degenerate shapes (a zero-width column, say) yield no path and are
/// simply not drawn.
fn draw(surface: &mut Surface<'_>, fonts: &Fonts, logo: Option<&ReadyLogo>, op: &Op) {
    match op {
        Op::Rect { x, y, w, h, colour } => {
            if let Some(path) = rect(*x, *y, *w, *h) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*colour, 1.0)));
                surface.draw_path(&path);
            }
        }
        Op::Line { x1, y1, x2, y2, width, colour } => {
            let mut builder = PathBuilder::new();
            builder.move_to(*x1, *y1);
            builder.line_to(*x2, *y2);
            if let Some(path) = builder.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*colour, *width, 1.0)));
                surface.draw_path(&path);
            }
        }
        Op::Disc { cx, cy, r, colour } => {
            if let Some(path) = circle(*cx, *cy, *r) {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*colour, 1.0)));
                surface.draw_path(&path);
            }
        }
        Op::Text { x, baseline, size, weight, colour, text: content } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*colour, 1.0)));
            text(surface, fonts, Point::from_xy(*x, *baseline), *size, *weight, content);
        }
        Op::Logo { x, y, w, h } => {
            if let (Some(logo), Some(size)) = (logo, Size::from_wh(*w, *h)) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                logo.draw(surface, size);
                surface.pop();
            }
        }
        Op::Stamp { cx, cy, size, angle, colour, text: content, text_width } => {
            surface.push_transform(&Transform::from_rotate_at(*angle, *cx, *cy));
            let (w, h) = (text_width + size * 0.8, size * 1.3);
            if let Some(path) = rect(cx - w / 2.0, cy - h / 2.0, w, h) {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*colour, size / 12.0, STAMP_OPACITY)));
                surface.draw_path(&path);
            }
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*colour, STAMP_OPACITY)));
            let at = Point::from_xy(cx - text_width / 2.0, cy + size * 0.36);
            text(surface, fonts, at, *size, Weight::Bold, content);
            surface.pop();
        }
    }
}
