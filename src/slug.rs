//! A tenant's slug: the label in `<slug>.<base domain>` and the stable handle
//! operators type on the command line. It reaches hostnames and logs, so the
//! rules are strict and checked before anything is stored.

use crate::newtype::text_newtype;
use serde::{Deserialize, Serialize};

const MIN_LEN: usize = 2;
const MAX_LEN: usize = 40;

/// Labels the platform keeps for itself: hosts it serves, or names that would
/// mislead a visitor if a firm could claim them.
const RESERVED: &[&str] = &[
    "admin",
    "api",
    "app",
    "assets",
    "auth",
    "billing",
    "cdn",
    "dashboard",
    "docs",
    "help",
    "internal",
    "login",
    "mail",
    "pespro",
    "pkg",
    "platform",
    "root",
    "sso",
    "staff",
    "static",
    "status",
    "support",
    "system",
    "www",
];

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TenantSlug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a firm's short name must be {MIN_LEN} to {MAX_LEN} characters long")]
    Length,
    #[error("use only lowercase letters (a–z), digits and hyphens")]
    Characters,
    #[error("start with a letter, end with a letter or digit, and don't use two hyphens in a row")]
    Shape,
    #[error("“{0}” is reserved by the platform; choose another")]
    Reserved(String),
}

impl TenantSlug {
    pub fn parse(raw: &str) -> Result<Self, SlugError> {
        let len = raw.chars().count();
        if !(MIN_LEN..=MAX_LEN).contains(&len) {
            return Err(SlugError::Length);
        }
        if !raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(SlugError::Characters);
        }
        let starts_with_letter = raw.as_bytes()[0].is_ascii_lowercase();
        let ends_well = !raw.ends_with('-');
        // A double hyphen also rules out the `xn--` punycode prefix, which
        // would let a slug impersonate an internationalised name.
        if !starts_with_letter || !ends_well || raw.contains("--") {
            return Err(SlugError::Shape);
        }
        if RESERVED.contains(&raw) {
            return Err(SlugError::Reserved(raw.to_owned()));
        }
        Ok(Self(raw.to_owned()))
    }
}

text_newtype!(TenantSlug, SlugError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_lowercase_name_is_accepted() {
        assert_eq!(TenantSlug::parse("ledgerline").unwrap().as_str(), "ledgerline");
    }

    #[test]
    fn hyphens_and_digits_inside_are_accepted() {
        assert!(TenantSlug::parse("harbor-law-2").is_ok());
    }

    #[test]
    fn uppercase_letters_are_refused_rather_than_silently_lowered() {
        assert_eq!(TenantSlug::parse("Ledgerline"), Err(SlugError::Characters));
    }

    #[test]
    fn spaces_dots_and_underscores_are_refused() {
        for raw in ["harbor law", "harbor.law", "harbor_law", "harbör"] {
            assert_eq!(TenantSlug::parse(raw), Err(SlugError::Characters), "{raw}");
        }
    }

    #[test]
    fn sql_or_quote_characters_never_pass() {
        assert_eq!(TenantSlug::parse("a\";drop"), Err(SlugError::Characters));
    }

    #[test]
    fn a_slug_must_start_with_a_letter() {
        assert_eq!(TenantSlug::parse("1firm"), Err(SlugError::Shape));
        assert_eq!(TenantSlug::parse("-firm"), Err(SlugError::Shape));
    }

    #[test]
    fn a_trailing_hyphen_is_refused() {
        assert_eq!(TenantSlug::parse("firm-"), Err(SlugError::Shape));
    }

    #[test]
    fn a_double_hyphen_is_refused_so_punycode_lookalikes_cannot_be_claimed() {
        assert_eq!(TenantSlug::parse("xn--80ak6aa92e"), Err(SlugError::Shape));
    }

    #[test]
    fn too_short_and_too_long_are_refused() {
        assert_eq!(TenantSlug::parse("a"), Err(SlugError::Length));
        assert_eq!(TenantSlug::parse(&"a".repeat(41)), Err(SlugError::Length));
        assert!(TenantSlug::parse(&"a".repeat(40)).is_ok());
    }

    #[test]
    fn reserved_words_are_refused_with_their_name() {
        for raw in ["admin", "www", "api"] {
            assert_eq!(TenantSlug::parse(raw), Err(SlugError::Reserved(raw.into())));
        }
    }

    #[test]
    fn deserialising_applies_the_same_rules() {
        let bad: Result<TenantSlug, _> = serde_json::from_str("\"ADMIN\"");
        assert!(bad.is_err());
        let good: TenantSlug = serde_json::from_str("\"north-star\"").unwrap();
        assert_eq!(good.as_str(), "north-star");
    }
}
