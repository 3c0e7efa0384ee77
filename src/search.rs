//! Quick search: one box finding a firm's clients, engagements and people
//! by name, code or email. The words typed are tidied here (the same rule
//! in the browser and on the server) and matched as a plain substring,
//! whatever the case: a `%` or `_` typed is looked for as itself.

use serde::{Deserialize, Serialize};

/// At most this many characters of what was typed are looked for.
pub const LONGEST: usize = 100;
/// At most this many results of each kind.
pub const PER_KIND: i64 = 10;

/// What was typed, trimmed and cut to [`LONGEST`]; `None` when nothing is
/// left to look for.
pub fn tidy(typed: &str) -> Option<String> {
    let tidy: String = typed.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(LONGEST).collect();
    (!tidy.is_empty()).then_some(tidy)
}

/// `text` as an SQL `ilike` pattern matching it anywhere, its own `%`, `_`
/// and `\` matched literally.
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 2);
    pattern.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundClient {
    pub client_id: i64,
    pub name: String,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundEngagement {
    pub engagement_id: i64,
    pub code: String,
    pub name: String,
    pub client_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundPerson {
    pub display_name: String,
    pub email: String,
}

/// What a search found, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// What was looked for, tidied; empty when nothing was.
    pub looked_for: String,
    pub clients: Vec<FoundClient>,
    pub engagements: Vec<FoundEngagement>,
    /// Only for those who manage people; empty for everyone else.
    pub people: Vec<FoundPerson>,
}

impl Found {
    pub fn is_empty(&self) -> bool {
        self.clients.is_empty() && self.engagements.is_empty() && self.people.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_typed_is_trimmed_and_its_spaces_collapsed() {
        assert_eq!(tidy("  acme   holdings "), Some("acme holdings".to_owned()));
        assert_eq!(tidy("   "), None);
        assert_eq!(tidy(&"x".repeat(500)).map(|t| t.len()), Some(LONGEST));
    }

    #[test]
    fn wildcards_typed_are_looked_for_as_themselves() {
        assert_eq!(contains_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
        assert_eq!(contains_pattern("acme"), "%acme%");
    }
}
