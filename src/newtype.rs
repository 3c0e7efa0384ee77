//! The plumbing every validated text newtype shares, so each one only states
//! its rule (`parse`). Serde goes through `parse` too: a value arriving from
//! the browser or a database is checked exactly like one typed in a form.

/// For `struct $name(String)` with `fn parse(&str) -> Result<Self, $error>`:
/// `as_str`, `Display`, `TryFrom<String>` and `From<$name> for String`.
macro_rules! text_newtype {
    ($name:ident, $error:ty) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

pub(crate) use text_newtype;

/// What can be wrong with a name someone typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameProblem {
    Empty,
    TooLong,
    Control,
}

/// Names as people type them: trimmed, inner runs of whitespace collapsed (so
/// "Acme  Ltd" and "Acme Ltd" are one), at most `max_chars`, no control
/// characters. Each name type maps the problem to its own message.
pub(crate) fn tidy_name(raw: &str, max_chars: usize) -> Result<String, NameProblem> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(NameProblem::Empty)
    } else if name.chars().count() > max_chars {
        Err(NameProblem::TooLong)
    } else if name.chars().any(char::is_control) {
        Err(NameProblem::Control)
    } else {
        Ok(name)
    }
}
