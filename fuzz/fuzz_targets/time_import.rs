//! Harvest and Toggl exports as anyone could upload them: any bytes, any
//! encoding. The parser must answer (a file or a reason), never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = pespro::import::parse(text);
    }
    let _ = pespro::import::parse(&String::from_utf8_lossy(data));
});
