//! People's names and the passwords they choose: the rules a sign-up or
//! invitation form checks as the user types, and the server checks again.

use crate::newtype::{NameProblem, text_newtype, tidy_name};
use serde::{Deserialize, Serialize};

/// A person's name as shown in the firm (“Ada Lovelace”).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("enter the person's name")]
    Empty,
    #[error("a name can be at most {0} characters")]
    TooLong(usize),
    #[error("a name can't contain control characters")]
    Control,
}

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, PersonNameError> {
        tidy_name(raw, Self::MAX_CHARS).map(Self).map_err(|problem| match problem {
            NameProblem::Empty => PersonNameError::Empty,
            NameProblem::TooLong => PersonNameError::TooLong(Self::MAX_CHARS),
            NameProblem::Control => PersonNameError::Control,
        })
    }
}

text_newtype!(PersonName, PersonNameError);

/// Length is what makes a password strong; composition rules mostly make it
/// hard to remember (NIST SP 800-63B). The upper bound keeps hashing cheap.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// How long an emailed password link works.
pub const RESET_LINK_MINUTES: i64 = 60;
/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
pub const MAX_PASSWORD_CHARS: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("use at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("use at most {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    #[error("a password can't be only spaces")]
    Blank,
}

/// Checks a password someone is choosing (not one they sign in with).
pub fn check_new_password(candidate: &str) -> Result<(), PasswordError> {
    let chars = candidate.chars().count();
    if candidate.trim().is_empty() {
        Err(PasswordError::Blank)
    } else if chars < MIN_PASSWORD_CHARS {
        Err(PasswordError::TooShort)
    } else if chars > MAX_PASSWORD_CHARS {
        Err(PasswordError::TooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_with_inner_spaces_collapsed() {
        assert_eq!(PersonName::parse("  Ada   Lovelace ").unwrap().as_str(), "Ada Lovelace");
    }

    #[test]
    fn a_blank_name_is_refused() {
        assert_eq!(PersonName::parse("  "), Err(PersonNameError::Empty));
    }

    #[test]
    fn a_short_password_is_refused_and_a_long_passphrase_is_welcome() {
        assert_eq!(check_new_password("Tr0ub4dor"), Err(PasswordError::TooShort));
        assert_eq!(check_new_password("correct horse battery staple"), Ok(()));
    }

    #[test]
    fn a_password_of_spaces_is_refused_whatever_its_length() {
        assert_eq!(check_new_password(&" ".repeat(20)), Err(PasswordError::Blank));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert_eq!(check_new_password("ééééééééé"), Err(PasswordError::TooShort));
        assert_eq!(check_new_password("éééééééééé"), Ok(()));
        assert_eq!(check_new_password(&"x".repeat(257)), Err(PasswordError::TooLong));
    }
}
