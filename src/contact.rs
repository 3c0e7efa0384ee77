//! A client's contacts: the people at the client a firm deals with (who
//! receives invoices, who signs off). Checked with the same function in the
//! browser and on the server; every field but the name may be left empty.

use crate::email::EmailAddress;
use crate::newtype::{NameProblem, tidy_name};
use serde::{Deserialize, Serialize};

/// The add-contact form as posted: every field is text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// Their role at the client ("Finance director").
    #[serde(default)]
    pub role: String,
}

/// A contact that passed [`ContactForm::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub name: String,
    pub email: Option<EmailAddress>,
    pub phone: String,
    pub role: String,
}

/// A stored contact, as the client page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub contact_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub role: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ContactProblem {
    #[error("enter the contact's name")]
    NoName,
    #[error("a name can be at most 120 characters, without control characters")]
    BadName,
    #[error("enter an email address like name@client.com, or leave it empty")]
    BadEmail,
    #[error("a phone number is digits, spaces and + ( ) - . only, at most 40 characters")]
    BadPhone,
    #[error("a role can be at most 80 characters")]
    RoleTooLong,
}

impl ContactProblem {
    /// The form field it belongs to.
    pub fn field(self) -> &'static str {
        match self {
            Self::NoName | Self::BadName => "name",
            Self::BadEmail => "email",
            Self::BadPhone => "phone",
            Self::RoleTooLong => "role",
        }
    }
}

impl ContactForm {
    pub fn parse(&self) -> Result<NewContact, ContactProblem> {
        let name = tidy_name(&self.name, 120).map_err(|problem| match problem {
            NameProblem::Empty => ContactProblem::NoName,
            NameProblem::TooLong | NameProblem::Control => ContactProblem::BadName,
        })?;
        let email = match self.email.trim() {
            "" => None,
            raw => Some(EmailAddress::parse(raw).map_err(|_| ContactProblem::BadEmail)?),
        };
        let phone = self.phone.trim();
        let phone_chars = |c: char| c.is_ascii_digit() || " +()-.".contains(c);
        if phone.chars().count() > 40 || !phone.chars().all(phone_chars) {
            return Err(ContactProblem::BadPhone);
        }
        let role = self.role.split_whitespace().collect::<Vec<_>>().join(" ");
        if role.chars().count() > 80 {
            return Err(ContactProblem::RoleTooLong);
        }
        Ok(NewContact { name, email, phone: phone.to_owned(), role })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, email: &str, phone: &str, role: &str) -> ContactForm {
        ContactForm { name: name.into(), email: email.into(), phone: phone.into(), role: role.into() }
    }

    #[test]
    fn a_name_alone_is_a_contact() {
        let contact = form("  Dana   Lee ", "", "", "").parse().unwrap();

        assert_eq!((contact.name.as_str(), contact.email, contact.phone.as_str()), ("Dana Lee", None, ""));
    }

    #[test]
    fn every_field_is_tidied_and_kept() {
        let contact = form("Dana Lee", " dana@Client.COM ", " +44 (20) 7946-0018 ", " Finance   director ").parse();

        let contact = contact.unwrap();
        assert_eq!(contact.email.map(|e| e.to_string()).as_deref(), Some("dana@client.com"));
        assert_eq!(contact.phone, "+44 (20) 7946-0018");
        assert_eq!(contact.role, "Finance director");
    }

    #[test]
    fn each_bad_field_is_named() {
        assert_eq!(form(" ", "", "", "").parse().map_err(ContactProblem::field), Err("name"));
        assert_eq!(form("Dana", "dana@", "", "").parse().map_err(ContactProblem::field), Err("email"));
        assert_eq!(form("Dana", "", "call me", "").parse().map_err(ContactProblem::field), Err("phone"));
        assert_eq!(form("Dana", "", "", &"r".repeat(81)).parse().map_err(ContactProblem::field), Err("role"));
    }

    #[test]
    fn a_phone_number_longer_than_forty_characters_is_refused() {
        assert_eq!(form("Dana", "", &"1".repeat(41), "").parse(), Err(ContactProblem::BadPhone));
        assert!(form("Dana", "", &"1".repeat(40), "").parse().is_ok());
    }
}
