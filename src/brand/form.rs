//! The branding page's form: what a firm admin types, checked by the same
//! rules in the browser (as they type, for the live preview) and on the
//! server (before anything is stored).
//!
//! Both colours carry text on every page — the header's name and links and
//! every primary button sit on the brand colour, the logo's monogram on the
//! accent — and the text colour is picked for them (white or near-black,
//! [`HexColour::readable_text`]). So a colour on which neither reaches
//! WCAG 2.x AA for body text (4.5:1) is **refused**, not warned about: a
//! warning would let one admin's taste make the firm's every page hard to
//! read for all its people. The refusal names the nearest colour that
//! passes, so keeping the firm's hue is one edit away.

use super::{DisplayName, Theme};
use crate::colour::{AA_BODY_TEXT, HexColour};
use serde::{Deserialize, Serialize};

/// The form as typed: text fields, so a refused one comes back as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandingForm {
    pub display_name: String,
    pub primary: String,
    pub accent: String,
}

/// A checked form: what gets stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branding {
    pub display_name: DisplayName,
    pub primary: HexColour,
    pub accent: HexColour,
}

/// How well text reads on a colour, as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Readability {
    pub text: HexColour,
    pub ratio: f64,
}

impl Readability {
    pub fn of(colour: HexColour) -> Self {
        Self { text: colour.readable_text(), ratio: colour.text_contrast() }
    }

    pub fn passes(&self) -> bool {
        self.ratio >= AA_BODY_TEXT
    }

    /// "white text, 10.3:1". Rounded down, so a ratio just under 4.5 never
    /// reads as 4.5 beside a refusal.
    pub fn describe(&self) -> String {
        let text = if self.text == HexColour::WHITE { "white" } else { "dark" };
        format!("{text} text, {}:1", floor_tenth(self.ratio))
    }
}

fn floor_tenth(ratio: f64) -> String {
    format!("{:.1}", (ratio * 10.0).floor() / 10.0)
}

/// A brand colour as typed, or the sentence that says what is wrong with it.
pub fn parse_brand_colour(raw: &str) -> Result<HexColour, String> {
    let colour = HexColour::parse(raw).map_err(|e| capitalise(&e.to_string()))?;
    let readability = Readability::of(colour);
    if readability.passes() {
        return Ok(colour);
    }
    Err(format!(
        "Text on {colour} reaches at most {}:1 (white {}:1, dark {}:1); it needs {AA_BODY_TEXT}:1 to be readable (WCAG AA). \
         The nearest colour that reaches it is {}.",
        floor_tenth(readability.ratio),
        floor_tenth(colour.contrast_with(HexColour::WHITE)),
        floor_tenth(colour.contrast_with(HexColour::BLACK)),
        colour.nearest_with_text_contrast(AA_BODY_TEXT),
    ))
}

fn capitalise(sentence: &str) -> String {
    let mut chars = sentence.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl BrandingForm {
    pub fn from_theme(theme: &Theme) -> Self {
        Self {
            display_name: theme.display_name.to_string(),
            primary: theme.primary.to_string(),
            accent: theme.accent.to_string(),
        }
    }

    /// Every field's problem, by field name, or the branding to store.
    pub fn check(&self) -> Result<Branding, Vec<(&'static str, String)>> {
        let name = DisplayName::parse(&self.display_name).map_err(|e| ("display_name", capitalise(&e.to_string())));
        let primary = parse_brand_colour(&self.primary).map_err(|e| ("primary", e));
        let accent = parse_brand_colour(&self.accent).map_err(|e| ("accent", e));
        match (name, primary, accent) {
            (Ok(display_name), Ok(primary), Ok(accent)) => Ok(Branding { display_name, primary, accent }),
            (name, primary, accent) => Err([name.err(), primary.err(), accent.err()].into_iter().flatten().collect()),
        }
    }
}

impl Branding {
    /// What changed from `before`, as the audit trail tells it:
    /// `primary #334155 → #0f766e`. Empty when nothing did.
    pub fn changes_from(&self, before: &Theme) -> Vec<String> {
        let mut changes = Vec::new();
        if self.display_name != before.display_name {
            changes.push(format!("name “{}” → “{}”", before.display_name, self.display_name));
        }
        if self.primary != before.primary {
            changes.push(format!("primary {} → {}", before.primary, self.primary));
        }
        if self.accent != before.accent {
            changes.push(format!("accent {} → {}", before.accent, self.accent));
        }
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, primary: &str, accent: &str) -> BrandingForm {
        BrandingForm { display_name: name.into(), primary: primary.into(), accent: accent.into() }
    }

    fn theme() -> Theme {
        Theme {
            display_name: DisplayName::parse("Harbor Law").unwrap(),
            primary: HexColour::parse("#334155").unwrap(),
            accent: HexColour::parse("#0ea5e9").unwrap(),
            logo: None,
        }
    }

    #[test]
    fn a_name_and_two_readable_colours_are_accepted_and_normalised() {
        let branding = form(" Harbor & Finch ", "#1E3A8A", "#fde68a").check().unwrap();
        assert_eq!(branding.display_name.as_str(), "Harbor & Finch");
        assert_eq!(branding.primary.to_string(), "#1e3a8a");
    }

    #[test]
    fn every_bad_field_is_reported_at_once_by_its_name() {
        let problems = form("", "red", "#ff0000").check().unwrap_err();
        let fields: Vec<_> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["display_name", "primary", "accent"]);
    }

    #[test]
    fn a_colour_that_is_not_a_colour_is_refused_with_the_expected_form() {
        let problems = form("A", "#12", "#fff;}</style>").check().unwrap_err();
        assert!(problems.iter().all(|(_, message)| message.starts_with("A colour is written as #")), "{problems:?}");
    }

    #[test]
    fn pure_red_is_refused_with_both_ratios_and_a_nearby_red_that_passes() {
        let message = parse_brand_colour("#ff0000").unwrap_err();
        assert!(message.contains("white 3.9:1, dark 4.4:1"), "{message}");
        let suggested = message.rsplit(' ').next().unwrap().trim_end_matches('.');
        assert!(parse_brand_colour(suggested).is_ok(), "{message}");
    }

    #[test]
    fn a_ratio_just_under_the_threshold_never_reads_as_reaching_it() {
        assert_eq!(Readability { text: HexColour::WHITE, ratio: 4.4999 }.describe(), "white text, 4.4:1");
    }

    #[test]
    fn the_readability_of_navy_is_white_text_above_ten_to_one() {
        let navy = Readability::of(HexColour::parse("#1e3a8a").unwrap());
        assert!(navy.passes());
        assert_eq!(navy.describe(), "white text, 10.3:1");
    }

    #[test]
    fn the_audit_tells_each_change_from_old_to_new() {
        let branding = form("Harbor Law", "#0f766e", "#0ea5e9").check().unwrap();
        assert_eq!(branding.changes_from(&theme()), ["primary #334155 → #0f766e"]);
    }

    #[test]
    fn saving_what_is_already_there_changes_nothing() {
        let branding = BrandingForm::from_theme(&theme()).check().unwrap();
        assert!(branding.changes_from(&theme()).is_empty());
    }
}
