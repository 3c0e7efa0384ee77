//! Identifier quoting for the few statements (roles, schemas) that cannot take
//! bind parameters. The names quoted here are derived from ids by this crate,
//! never typed by a user; quoting is the second belt.

/// Quotes an SQL identifier the way PostgreSQL's `quote_ident` does.
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
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
}
