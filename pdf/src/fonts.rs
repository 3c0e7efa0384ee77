//! The two embedded faces (DejaVu Sans regular and bold), shaping, measuring
//! and wrapping.
//!
//! The fonts are compiled in (`include_bytes!`) so that a rendered invoice
//! never depends on what a server has installed, and krilla embeds only the
//! glyphs used. Text is shaped here with rustybuzz (kerning included) and the
//! same glyphs are handed to krilla, so the width layout measured is exactly
//! the width drawn: right-aligned amounts line up to the point.

use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::PdfError;
use crate::ops::{Op, Rgb, Weight};

/// Size, weight and colour of a run of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Type {
    pub(crate) size: f32,
    pub(crate) weight: Weight,
    pub(crate) colour: Rgb,
}

impl Type {
    pub(crate) fn new(size: f32, weight: Weight, colour: Rgb) -> Self {
        Type { size, weight, colour }
    }

    /// Baseline-to-baseline distance: 1.3 em leaves room for accents above
    /// capitals (É) and descenders below.
    pub(crate) fn leading(self) -> f32 {
        self.size * 1.3
    }

    /// From the top of a line box to its baseline.
    pub(crate) fn ascent(self) -> f32 {
        self.size * 0.95
    }
}

/// Where `x` is, relative to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Centre,
}

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// One face, as both the shaper and the PDF writer see it.
pub(crate) struct Face {
    pub(crate) pdf: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8], name: &'static str) -> Result<Self, PdfError> {
        let shaper = rustybuzz::Face::from_slice(data, 0).ok_or(PdfError::Font(name))?;
        let pdf = Font::new(data.into(), 0).ok_or(PdfError::Font(name))?;
        let units_per_em = shaper.units_per_em() as f32;
        Ok(Face { pdf, shaper, units_per_em })
    }
}

/// The faces an invoice is set in.
pub(crate) struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    pub(crate) fn load() -> Result<Self, PdfError> {
        Ok(Fonts { regular: Face::load(REGULAR, "DejaVuSans")?, bold: Face::load(BOLD, "DejaVuSans-Bold")? })
    }

    pub(crate) fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Glyphs for one line of text, with advances in ems (krilla's convention).
    pub(crate) fn shape(&self, text: &str, weight: Weight) -> Vec<KrillaGlyph> {
        let face = self.face(weight);
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        // Invoices are left-to-right Latin text; fixing the direction keeps a
        // stray right-to-left character from reversing a whole line.
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        let output = rustybuzz::shape(&face.shaper, &[], buffer);
        let infos = output.glyph_infos();
        let em = face.units_per_em;
        let mut glyphs = Vec::with_capacity(infos.len());
        for (i, (info, pos)) in infos.iter().zip(output.glyph_positions()).enumerate() {
            // A glyph stands for the text up to the next cluster, which is how
            // the PDF's text layer (copy, search, pdftotext) gets the
            // characters back, accents and ligatures included.
            let start = info.cluster as usize;
            let end = infos[i + 1..]
                .iter()
                .find(|next| next.cluster != info.cluster)
                .map_or(text.len(), |next| next.cluster as usize);
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / em,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                start..end,
                None,
            ));
        }
        glyphs
    }

    /// The advance width of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        self.shape(text, weight).iter().map(|g| g.x_advance).sum::<f32>() * size
    }

    /// One line of text positioned by its left edge, right edge or centre.
    pub(crate) fn text(&self, ty: Type, align: Align, x: f32, baseline: f32, text: &str) -> Op {
        let x = match align {
            Align::Left => x,
            Align::Right => x - self.width(text, ty.weight, ty.size),
            Align::Centre => x - self.width(text, ty.weight, ty.size) / 2.0,
        };
        Op::Text { x, baseline, size: ty.size, weight: ty.weight, colour: ty.colour, text: text.to_owned() }
    }

    /// Breaks `text` into lines no wider than `max` points: at '\n', then
    /// between words, and inside a word only when the word alone is too wide
    /// (an IBAN or a URL must still stay inside its column).
    pub(crate) fn wrap(&self, text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
        let space = self.width(" ", weight, size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in paragraph.split_whitespace() {
                let mut word = word.to_owned();
                let mut word_width = self.width(&word, weight, size);
                let gap = if line.is_empty() { 0.0 } else { space };
                if line_width + gap + word_width <= max {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&word);
                    line_width += gap + word_width;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                while word_width > max {
                    let cut = self.longest_prefix(&word, weight, size, max);
                    lines.push(word[..cut].to_owned());
                    word = word[cut..].to_owned();
                    word_width = self.width(&word, weight, size);
                }
                line = word;
                line_width = word_width;
            }
            // An empty paragraph is a deliberate blank line; keep it.
            lines.push(line);
        }
        lines
    }

    /// The byte length of the longest prefix of `word` that fits in `max`
    /// points: at least one character, so that wrapping always progresses.
    fn longest_prefix(&self, word: &str, weight: Weight, size: f32, max: f32) -> usize {
        let mut fits = word.chars().next().map_or(0, char::len_utf8);
        for (at, _) in word.char_indices().skip(2) {
            if self.width(&word[..at], weight, size) > max {
                break;
            }
            fits = at;
        }
        fits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let fonts = Fonts::load().unwrap();
        let text = "Rédaction d'un mémoire en défense devant la Cour d'appel, Straße 12\nZweite Zeile";
        let lines = fonts.wrap(text, Weight::Regular, 10.0, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| fonts.width(l, Weight::Regular, 10.0) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" ").split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn a_word_wider_than_the_column_is_cut_inside_it() {
        let fonts = Fonts::load().unwrap();
        let iban = "FR7630006000011234567890189FR7630006000011234567890189";
        let lines = fonts.wrap(iban, Weight::Bold, 10.0, 80.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), iban);
    }
}
