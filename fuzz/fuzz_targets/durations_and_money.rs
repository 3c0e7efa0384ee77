//! Durations ("1:30", "1,5", "1h 30m"), amounts ("1 250,00") and currency
//! codes as typed into forms: every answer is a value or a problem, never
//! a panic (overflowing hours and long digit runs included).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pespro::money::{Currency, Minutes};

fuzz_target!(|text: &str| {
    let _ = Minutes::parse(text);
    let _ = pespro::workflow::parse_amount(text);
    for currency in ["USD", "EUR", "JPY", "GBP"] {
        if let Ok(currency) = Currency::parse(currency) {
            let _ = pespro::expenses::parse_amount(text, currency);
        }
    }
    let _ = Currency::parse(text);
});
