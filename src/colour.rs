//! Brand colours. A colour typed by a firm admin ends up inside a `<style>`
//! element of every page, so only `#rrggbb` (or the `#rgb` shorthand) gets in:
//! nothing else can ever reach the stylesheet.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A validated colour, always stored as lowercase `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HexColour([u8; 3]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ColourError {
    #[error("a colour is written as # followed by 6 hexadecimal digits, like #1d4ed8")]
    Format,
}

impl HexColour {
    pub const BLACK: Self = Self([0x11, 0x18, 0x27]);
    pub const WHITE: Self = Self([0xff, 0xff, 0xff]);

    pub fn parse(raw: &str) -> Result<Self, ColourError> {
        let digits = raw.trim().strip_prefix('#').ok_or(ColourError::Format)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ColourError::Format);
        }
        let nibble = |i: usize| u8::from_str_radix(&digits[i..=i], 16).expect("checked hex");
        match digits.len() {
            3 => Ok(Self([0, 1, 2].map(|i| nibble(i) * 17))),
            6 => Ok(Self([0, 2, 4].map(|i| nibble(i) * 16 + nibble(i + 1)))),
            _ => Err(ColourError::Format),
        }
    }

    /// Red, green and blue, for drawing outside CSS (an invoice's PDF).
    pub const fn rgb(self) -> [u8; 3] {
        self.0
    }

    pub const fn from_rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b])
    }

    /// WCAG relative luminance, 0.0 (black) to 1.0 (white).
    pub fn relative_luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let [r, g, b] = self.0.map(channel);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// WCAG contrast ratio between two colours (1.0 to 21.0).
    pub fn contrast_with(self, other: Self) -> f64 {
        let (a, b) = (self.relative_luminance(), other.relative_luminance());
        let (light, dark) = if a > b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }

    /// The text colour (near-black or white) that reads best on this colour,
    /// so a firm choosing a pale brand colour still gets legible buttons.
    pub fn readable_text(self) -> Self {
        if self.contrast_with(Self::WHITE) >= self.contrast_with(Self::BLACK) { Self::WHITE } else { Self::BLACK }
    }
}

impl fmt::Display for HexColour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl TryFrom<String> for HexColour {
    type Error = ColourError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<HexColour> for String {
    fn from(colour: HexColour) -> Self {
        colour.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digit_colours_are_accepted_and_lowercased() {
        assert_eq!(HexColour::parse("#1D4ED8").unwrap().to_string(), "#1d4ed8");
    }

    #[test]
    fn three_digit_shorthand_expands() {
        assert_eq!(HexColour::parse("#f80").unwrap().to_string(), "#ff8800");
    }

    #[test]
    fn surrounding_whitespace_is_forgiven() {
        assert_eq!(HexColour::parse("  #000000 ").unwrap().to_string(), "#000000");
    }

    #[test]
    fn a_missing_hash_is_refused() {
        assert_eq!(HexColour::parse("1d4ed8"), Err(ColourError::Format));
    }

    #[test]
    fn named_colours_and_css_functions_are_refused() {
        for raw in ["red", "rgb(0,0,0)", "var(--x)", "#12345", "#1234567", "#ggg"] {
            assert_eq!(HexColour::parse(raw), Err(ColourError::Format), "{raw}");
        }
    }

    #[test]
    fn css_injection_attempts_are_refused() {
        assert_eq!(HexColour::parse("#fff;}</style><script>"), Err(ColourError::Format));
    }

    #[test]
    fn white_text_is_chosen_on_a_dark_brand_colour() {
        assert_eq!(HexColour::parse("#1e3a8a").unwrap().readable_text(), HexColour::WHITE);
    }

    #[test]
    fn dark_text_is_chosen_on_a_pale_brand_colour() {
        assert_eq!(HexColour::parse("#fde68a").unwrap().readable_text(), HexColour::BLACK);
    }

    #[test]
    fn contrast_of_black_on_white_is_the_wcag_maximum() {
        let ratio = HexColour::from_rgb(0, 0, 0).contrast_with(HexColour::WHITE);
        assert!((ratio - 21.0).abs() < 0.01, "{ratio}");
    }

    #[test]
    fn a_serialised_colour_round_trips() {
        let colour = HexColour::parse("#0f766e").unwrap();
        let json = serde_json::to_string(&colour).unwrap();
        assert_eq!(json, "\"#0f766e\"");
        assert_eq!(serde_json::from_str::<HexColour>(&json).unwrap(), colour);
    }
}
