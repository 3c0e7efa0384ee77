//! Email addresses as the platform accepts them: deliberately simple (one `@`,
//! a dotted domain, no spaces) because the real check is the mail that
//! arrives; the point is to catch typos where they are made.

use crate::newtype::text_newtype;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("enter an email address like name@firm.com")]
pub struct EmailError;

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let raw = raw.trim();
        let (local, domain) = raw.split_once('@').ok_or(EmailError)?;
        let well_formed = !local.is_empty()
            && raw.len() <= 254
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !raw.chars().any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
        if well_formed {
            // Domains are case-insensitive; the local part is kept as typed.
            Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
        } else {
            Err(EmailError)
        }
    }
}

text_newtype!(EmailAddress, EmailError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinary_address_is_accepted_with_its_domain_lowercased() {
        assert_eq!(EmailAddress::parse(" Ada@Ledgerline.Example ").unwrap().as_str(), "Ada@ledgerline.example");
    }

    #[test]
    fn an_address_without_at_sign_or_dotted_domain_is_refused() {
        for raw in ["ada", "ada@", "@firm.com", "ada@localhost", "ada@firm.", "a@b@c.com", "a b@c.com"] {
            assert_eq!(EmailAddress::parse(raw), Err(EmailError), "{raw}");
        }
    }
}
