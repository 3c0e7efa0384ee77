//! The name of a firm's client. Checked in the browser as the user types and
//! again on the server, with the same function.

use crate::newtype::{NameProblem, text_newtype, tidy_name};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClientName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientNameError {
    #[error("enter the client's name")]
    Empty,
    #[error("a client's name can be at most {0} characters")]
    TooLong(usize),
    #[error("a client's name can't contain control characters")]
    Control,
}

impl ClientName {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<Self, ClientNameError> {
        tidy_name(raw, Self::MAX_CHARS).map(Self).map_err(|problem| match problem {
            NameProblem::Empty => ClientNameError::Empty,
            NameProblem::TooLong => ClientNameError::TooLong(Self::MAX_CHARS),
            NameProblem::Control => ClientNameError::Control,
        })
    }
}

text_newtype!(ClientName, ClientNameError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_inner_whitespace_collapsed() {
        assert_eq!(ClientName::parse("  Acme \t Holdings  ").unwrap().as_str(), "Acme Holdings");
    }

    #[test]
    fn a_blank_name_is_refused() {
        assert_eq!(ClientName::parse(" \n "), Err(ClientNameError::Empty));
    }

    #[test]
    fn a_name_longer_than_the_limit_is_refused() {
        assert_eq!(ClientName::parse(&"a".repeat(121)), Err(ClientNameError::TooLong(120)));
        assert!(ClientName::parse(&"a".repeat(120)).is_ok());
    }

    #[test]
    fn control_characters_inside_are_refused() {
        assert_eq!(ClientName::parse("Acme\u{0007}Ltd"), Err(ClientNameError::Control));
    }
}
