//! The workflow editor's rows as a form posts them: any text in any field.
//! Parsing answers rules or problems per row, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pespro::workflow::{RuleForm, parse_rules};

fuzz_target!(|fields: Vec<(String, String, String, String, String, String)>| {
    let rows: Vec<RuleForm> = fields
        .into_iter()
        .take(16)
        .map(|(kind, threshold, currency, count, role, scope)| RuleForm {
            kind,
            threshold,
            currency,
            count,
            role,
            scope,
        })
        .collect();
    let _ = parse_rules(&rows);
});
