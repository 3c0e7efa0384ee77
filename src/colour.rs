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

/// WCAG 2.x level AA for body text: the contrast every text colour on a
/// brand colour must reach.
pub const AA_BODY_TEXT: f64 = 4.5;

/// WCAG 2.x level AA for graphics people must see (a chart's bars).
pub const AA_GRAPHICS: f64 = 3.0;

/// The page's background (Tailwind's slate-50, `app/src/shell.rs`): what
/// charts are drawn on.
pub const PAGE_BACKGROUND: HexColour = HexColour::from_rgb(0xf8, 0xfa, 0xfc);

impl HexColour {
    /// The contrast of this colour with the text [`Self::readable_text`]
    /// puts on it: what a person reading a button or the header gets.
    pub fn text_contrast(self) -> f64 {
        self.contrast_with(self.readable_text())
    }

    /// The colour closest to this one, darker or lighter in the same hue,
    /// on which text reaches `ratio` — what the branding page suggests when
    /// a chosen colour is too mid-toned for either white or dark text.
    /// This colour itself when it already does.
    pub fn nearest_with_text_contrast(self, ratio: f64) -> Self {
        (0..=100)
            .flat_map(|step| [self.mixed_with(Self::from_rgb(0, 0, 0), step), self.mixed_with(Self::WHITE, step)])
            .find(|candidate| candidate.text_contrast() >= ratio)
            .unwrap_or(Self::from_rgb(0, 0, 0))
    }

    /// This colour, or the nearest darker shade of it, that stands out
    /// from `background` as much as WCAG asks of graphics (3:1, success
    /// criterion 1.4.11): a chart's bars in a pale brand colour would
    /// otherwise vanish into the page.
    pub fn for_graphics_on(self, background: Self) -> Self {
        (0..=100)
            .map(|step| self.mixed_with(Self::from_rgb(0, 0, 0), step))
            .find(|candidate| candidate.contrast_with(background) >= AA_GRAPHICS)
            .unwrap_or(Self::from_rgb(0, 0, 0))
    }

    /// `percent` of the way from this colour to `other`, per channel.
    fn mixed_with(self, other: Self, percent: u8) -> Self {
        let mix = |a: u8, b: u8| {
            let (a, b, t) = (f64::from(a), f64::from(b), f64::from(percent) / 100.0);
            (a + (b - a) * t).round() as u8
        };
        Self([0, 1, 2].map(|i| mix(self.0[i], other.0[i])))
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
    fn pure_red_is_too_mid_toned_for_white_or_dark_text() {
        // White on #ff0000 is 4.0:1 and #111827 on it 4.3:1: both under AA.
        let red = HexColour::parse("#ff0000").unwrap();
        assert!(red.text_contrast() < AA_BODY_TEXT, "{}", red.text_contrast());
    }

    #[test]
    fn the_nearest_readable_colour_to_pure_red_is_still_red() {
        // A touch lighter, for dark text (#ff0f0f): pure red is closer to
        // passing with dark text than with white.
        let suggestion = HexColour::parse("#ff0000").unwrap().nearest_with_text_contrast(AA_BODY_TEXT);
        let [r, g, b] = suggestion.rgb();
        assert!(suggestion.text_contrast() >= AA_BODY_TEXT);
        assert!(r >= 0xf0 && g <= 0x10 && g == b, "{suggestion}");
    }

    #[test]
    fn a_colour_that_already_reads_well_is_its_own_suggestion() {
        let navy = HexColour::parse("#1e3a8a").unwrap();
        assert_eq!(navy.nearest_with_text_contrast(AA_BODY_TEXT), navy);
    }

    #[test]
    fn a_mid_grey_gets_a_readable_suggestion_close_to_it() {
        // #808080 reads 3.9:1 with white text and 4.4:1 with dark text.
        let grey = HexColour::parse("#808080").unwrap();
        let suggestion = grey.nearest_with_text_contrast(AA_BODY_TEXT);
        assert!(grey.text_contrast() < AA_BODY_TEXT);
        assert!(suggestion.text_contrast() >= AA_BODY_TEXT, "{suggestion}");
        let [r, ..] = suggestion.rgb();
        assert!(r.abs_diff(0x80) <= 0x10, "{suggestion}");
    }

    #[test]
    fn a_serialised_colour_round_trips() {
        let colour = HexColour::parse("#0f766e").unwrap();
        let json = serde_json::to_string(&colour).unwrap();
        assert_eq!(json, "\"#0f766e\"");
        assert_eq!(serde_json::from_str::<HexColour>(&json).unwrap(), colour);
    }

    #[test]
    fn a_pale_yellow_brand_is_darkened_for_chart_bars_until_they_stand_out_three_to_one() {
        let pale = HexColour::parse("#fde68a").unwrap();
        assert!(pale.contrast_with(PAGE_BACKGROUND) < AA_GRAPHICS);
        let bars = pale.for_graphics_on(PAGE_BACKGROUND);
        assert!(bars.contrast_with(PAGE_BACKGROUND) >= AA_GRAPHICS, "{bars}");
        // Only as much darker as needed: one step less would not do.
        let [r, g, b] = bars.rgb();
        assert!(r < 0xfd && g < 0xe6 && b < 0x8a && r > 0x80, "{bars}");
    }

    #[test]
    fn a_dark_navy_brand_draws_chart_bars_in_itself() {
        let navy = HexColour::parse("#1e3a8a").unwrap();
        assert_eq!(navy.for_graphics_on(PAGE_BACKGROUND), navy);
    }
}
