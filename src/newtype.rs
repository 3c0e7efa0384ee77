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
