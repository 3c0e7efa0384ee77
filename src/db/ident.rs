//! Identifier and literal quoting for the few statements that cannot take
//! bind parameters (roles, schemas, and the tenant transaction's `begin`).
//! The names quoted here are derived from ids by this crate, never typed by
//! a user; quoting is the second belt.

/// Quotes an SQL identifier the way PostgreSQL's `quote_ident` does.
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Quotes an SQL string literal as an escape string (`E'…'`), which reads
/// the same whatever `standard_conforming_strings` says: quotes and
/// backslashes are doubled.
pub(crate) fn quote_literal(value: &str) -> String {
    format!("E'{}'", value.replace('\\', "\\\\").replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_name_is_wrapped_in_double_quotes() {
        assert_eq!(quote_ident("tenant_7"), "\"tenant_7\"");
    }

    #[test]
    fn embedded_double_quotes_are_doubled_so_they_cannot_end_the_identifier() {
        assert_eq!(quote_ident("a\"; drop schema x; --"), "\"a\"\"; drop schema x; --\"");
    }

    #[test]
    fn a_literal_doubles_its_quotes_and_backslashes_so_it_cannot_end_early() {
        assert_eq!(quote_literal("tenant_7"), "E'tenant_7'");
        assert_eq!(quote_literal("a'; drop schema x; --"), "E'a''; drop schema x; --'");
        assert_eq!(quote_literal("a\\'; --"), "E'a\\\\''; --'");
    }
}
