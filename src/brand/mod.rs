//! A firm's branding as every page shows it: display name, logo and two
//! colours. The server renders it into the document head (so the first paint
//! is already the firm's) and the hydrated UI reads the same value.

pub mod form;
#[cfg(feature = "ssr")]
pub mod logo;
pub mod logo_problem;
#[cfg(feature = "ssr")]
pub mod svg_active;

use crate::colour::HexColour;
use crate::newtype::text_newtype;
use serde::{Deserialize, Serialize};

pub const DEFAULT_PRIMARY: HexColour = HexColour::from_rgb(0x33, 0x41, 0x55);
pub const DEFAULT_ACCENT: HexColour = HexColour::from_rgb(0x0e, 0xa5, 0xe9);

/// The name a firm is shown by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisplayNameError {
    #[error("the firm's name can't be empty")]
    Empty,
    #[error("the firm's name can be at most {0} characters")]
    TooLong(usize),
    #[error("the firm's name can't contain control characters")]
    Control,
}

impl DisplayName {
    pub const MAX_CHARS: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, DisplayNameError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(DisplayNameError::Empty);
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(DisplayNameError::TooLong(Self::MAX_CHARS));
        }
        if name.chars().any(char::is_control) {
            return Err(DisplayNameError::Control);
        }
        Ok(Self(name.to_owned()))
    }

    /// Up to two initials for the default logo: "Harbor & Finch Law" → "HF".
    pub fn initials(&self) -> String {
        self.0
            .split_whitespace()
            .filter_map(|word| word.chars().next())
            .filter(|c| c.is_alphanumeric())
            .take(2)
            .flat_map(char::to_uppercase)
            .collect()
    }
}

text_newtype!(DisplayName, DisplayNameError);

/// Where a logo image is served from: a path on the platform itself
/// (`/brand/ledgerline.svg`) or an `https://` address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LogoUrl(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a logo address is a path starting with / or an https:// address, without spaces or quotes")]
pub struct LogoUrlError;

impl LogoUrl {
    pub fn parse(raw: &str) -> Result<Self, LogoUrlError> {
        let url = raw.trim();
        let local_path = url.starts_with('/') && !url.starts_with("//");
        let https = url.len() > "https://".len() && url.starts_with("https://");
        let clean = !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '(' | ')'));
        if (local_path || https) && clean && url.len() <= 2048 { Ok(Self(url.to_owned())) } else { Err(LogoUrlError) }
    }
}

text_newtype!(LogoUrl, LogoUrlError);

/// The kinds of logo file an invoice PDF can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoFormat {
    Png,
    Svg,
}

/// The path below the site root to read `logo` from when drawing a PDF, and
/// its format; `None` when it must not be read there (the monogram is drawn
/// instead). PDFs are drawn without the network, so an `https://` logo is
/// never fetched; and a logo address is firm data, so a local path may not
/// climb out of the site (`..`), smuggle a Windows separator (`\`), or look
/// like a protocol-relative address (`//`). Only `.svg` and `.png` names
/// (any case) qualify: nothing else in the site is an image the PDF can draw.
pub fn local_logo_path(logo: &LogoUrl) -> Option<(&str, LogoFormat)> {
    let path = logo.as_str();
    if !path.starts_with('/') || path.contains("..") || path.contains('\\') || path.contains("//") {
        return None;
    }
    let lower = path.to_ascii_lowercase();
    let format = if lower.ends_with(".svg") {
        LogoFormat::Svg
    } else if lower.ends_with(".png") {
        LogoFormat::Png
    } else {
        return None;
    };
    Some((path, format))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub display_name: DisplayName,
    pub primary: HexColour,
    pub accent: HexColour,
    pub logo: Option<LogoUrl>,
}

impl Theme {
    /// The CSS custom properties that Tailwind's `brand`/`accent` colours read,
    /// and `chart`: the brand colour, darkened if need be to stand out
    /// from the page.
    /// Safe to place inside `<style>`: every value is a validated colour.
    pub fn css_custom_properties(&self) -> String {
        format!(
            ":root{{--brand-primary:{};--brand-on-primary:{};--brand-accent:{};--brand-on-accent:{};--brand-chart:{}}}",
            self.primary,
            self.primary.readable_text(),
            self.accent,
            self.accent.readable_text(),
            self.primary.for_graphics_on(crate::colour::PAGE_BACKGROUND),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme() -> Theme {
        Theme {
            display_name: DisplayName::parse("Ledgerline Accounting").unwrap(),
            primary: HexColour::parse("#1e3a8a").unwrap(),
            accent: HexColour::parse("#fde68a").unwrap(),
            logo: None,
        }
    }

    #[test]
    fn the_css_carries_both_colours_and_readable_text_colours() {
        assert_eq!(
            theme().css_custom_properties(),
            ":root{--brand-primary:#1e3a8a;--brand-on-primary:#ffffff;--brand-accent:#fde68a;--brand-on-accent:#111827;--brand-chart:#1e3a8a}"
        );
    }

    #[test]
    fn a_display_name_is_trimmed_and_must_not_be_blank() {
        assert_eq!(DisplayName::parse("  Harbor Law ").unwrap().as_str(), "Harbor Law");
        assert_eq!(DisplayName::parse("   "), Err(DisplayNameError::Empty));
    }

    #[test]
    fn a_display_name_has_a_length_limit() {
        assert_eq!(DisplayName::parse(&"x".repeat(81)), Err(DisplayNameError::TooLong(80)));
    }

    #[test]
    fn initials_come_from_the_first_two_words_that_start_with_a_letter() {
        assert_eq!(DisplayName::parse("Harbor & Finch Law").unwrap().initials(), "HF");
        assert_eq!(DisplayName::parse("ledgerline").unwrap().initials(), "L");
    }

    #[test]
    fn logos_may_be_local_paths_or_https_addresses() {
        assert!(LogoUrl::parse("/brand/ledgerline.svg").is_ok());
        assert!(LogoUrl::parse("https://cdn.example/logo.png").is_ok());
    }

    #[test]
    fn logos_refuse_other_schemes_protocol_relative_urls_and_quotes() {
        for raw in [
            "javascript:alert(1)",
            "http://x.example/a.png",
            "//evil.example/a.png",
            "/a\".png",
            "/a b.png",
            "https://",
        ] {
            assert_eq!(LogoUrl::parse(raw), Err(LogoUrlError), "{raw}");
        }
    }

    fn local(raw: &str) -> Option<LogoFormat> {
        local_logo_path(&LogoUrl::parse(raw).unwrap()).map(|(_, format)| format)
    }

    #[test]
    fn a_local_svg_or_png_logo_path_is_read_from_the_site() {
        let logo = LogoUrl::parse("/brand/ledgerline.svg").unwrap();
        assert_eq!(local_logo_path(&logo), Some(("/brand/ledgerline.svg", LogoFormat::Svg)));
        assert_eq!(local("/brand/x.png"), Some(LogoFormat::Png));
        assert_eq!(local("/brand/X.SVG"), Some(LogoFormat::Svg));
    }

    #[test]
    fn a_logo_path_with_dot_dot_is_never_read() {
        for raw in ["/../etc/x.svg", "/brand/../../secret.png", "/brand/..", "/a..b.svg"] {
            assert_eq!(local(raw), None, "{raw}");
        }
    }

    #[test]
    fn a_logo_path_with_a_double_slash_is_never_read() {
        assert_eq!(local("/brand//x.svg"), None);
    }

    #[test]
    fn a_logo_path_with_a_backslash_is_never_read() {
        // `LogoUrl::parse` already refuses backslashes; the check must not
        // rely on that.
        let logo = LogoUrl("/brand\\..\\x.svg".to_owned());
        assert_eq!(local_logo_path(&logo), None);
    }

    #[test]
    fn a_logo_path_that_is_not_svg_or_png_is_never_read() {
        for raw in ["/brand/x.gif", "/brand/x.svg.txt", "/brand/x.svg?v=2", "/brand/", "/.env", "/brand/svg"] {
            assert_eq!(local(raw), None, "{raw}");
        }
    }

    #[test]
    fn an_https_logo_is_never_read_for_a_pdf() {
        assert_eq!(local("https://cdn.example/logo.svg"), None);
    }
}
