//! Custom domains, Host headers and brand colours as typed or sent: each
//! parser answers a value or a problem, never panics; a host is classified
//! whatever the header says.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pespro::colour::HexColour;
use pespro::host::{HostRules, Hostname};

fuzz_target!(|text: &str| {
    let _ = Hostname::parse(text);
    let _ = HexColour::parse(text);
    let rules = HostRules::new("pespro.example", "admin.pespro.example");
    let _ = rules.classify(text);
});
