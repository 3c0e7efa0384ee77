//! A firm's data, as `pg_dump --data-only --format=plain` writes it, moved
//! to another schema. A restore never reuses the schema it was taken from
//! (the firm may still be there, or restored beside itself under another
//! slug), so the statements that name the schema are rewritten. Only those:
//! the rows between `COPY … FROM stdin;` and `\.` are data and pass through
//! untouched, whatever text they hold. Pure, so it is tested here.

/// Rewrites `dump`'s `COPY` and `setval` statements from schema `from` to
/// schema `to` (both plain `tenant_<id>` names, which need no quoting), and
/// refuses a dump that names any other schema.
pub fn retarget(dump: &str, from: &str, to: &str) -> Result<String, DumpError> {
    let copy_prefix = format!("COPY {from}.");
    let setval_prefix = format!("SELECT pg_catalog.setval('{from}.");
    let mut out = String::with_capacity(dump.len() + 1024);
    let mut in_data = false;
    for (number, line) in dump.split_inclusive('\n').enumerate() {
        if in_data {
            in_data = line.trim_end_matches(['\r', '\n']) != "\\.";
            out.push_str(line);
        } else if let Some(rest) = line.strip_prefix(&copy_prefix) {
            in_data = true;
            out.push_str(&format!("COPY {to}.{rest}"));
        } else if let Some(rest) = line.strip_prefix(&setval_prefix) {
            out.push_str(&format!("SELECT pg_catalog.setval('{to}.{rest}"));
        } else if line.starts_with("COPY ") || line.starts_with("SELECT pg_catalog.setval(") {
            return Err(DumpError::OtherSchema { line: number + 1 });
        } else {
            out.push_str(line);
        }
    }
    if in_data {
        return Err(DumpError::Truncated);
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DumpError {
    #[error("line {line} of the backup names a schema other than the firm's")]
    OtherSchema { line: usize },
    #[error("the backup ends inside a table's rows: it is incomplete")]
    Truncated,
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUMP: &str = "SET statement_timeout = 0;\n\
        SELECT pg_catalog.set_config('search_path', '', false);\n\
        COPY tenant_7.clients (client_id, name) FROM stdin;\n\
        1\tAcme\n\
        2\tCOPY tenant_7.x is only a name here\n\
        \\.\n\
        SELECT pg_catalog.setval('tenant_7.clients_client_id_seq', 2, true);\n";

    #[test]
    fn copy_and_setval_statements_move_to_the_new_schema() {
        let moved = retarget(DUMP, "tenant_7", "tenant_12").unwrap();
        assert!(moved.contains("COPY tenant_12.clients (client_id, name) FROM stdin;"));
        assert!(moved.contains("SELECT pg_catalog.setval('tenant_12.clients_client_id_seq', 2, true);"));
    }

    #[test]
    fn rows_pass_through_untouched_whatever_they_say() {
        let moved = retarget(DUMP, "tenant_7", "tenant_12").unwrap();
        assert!(moved.contains("2\tCOPY tenant_7.x is only a name here\n"));
    }

    #[test]
    fn a_statement_naming_another_schema_is_refused() {
        let foreign = "COPY tenant_9.clients (client_id) FROM stdin;\n1\n\\.\n";
        assert_eq!(retarget(foreign, "tenant_7", "tenant_12"), Err(DumpError::OtherSchema { line: 1 }));
    }

    #[test]
    fn a_dump_cut_off_inside_rows_is_refused() {
        let cut = "COPY tenant_7.clients (client_id) FROM stdin;\n1\n";
        assert_eq!(retarget(cut, "tenant_7", "tenant_12"), Err(DumpError::Truncated));
    }

    #[test]
    fn a_schema_whose_name_starts_like_the_firms_is_not_the_firms() {
        let longer = "COPY tenant_70.clients (client_id) FROM stdin;\n\\.\n";
        assert_eq!(retarget(longer, "tenant_7", "tenant_12"), Err(DumpError::OtherSchema { line: 1 }));
    }
}
