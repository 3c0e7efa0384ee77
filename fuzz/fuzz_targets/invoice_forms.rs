//! What people type into invoicing's forms: number formats (every one
//! accepted must render for any date and counter, and two different
//! counters must give two different numbers), tax rates, line edits and
//! the new-invoice form. Every answer is a value or a problem, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pespro::invoice::drafting::LineKind;
use pespro::invoice::lines::{LineForm, check_line};
use pespro::invoice::new_form::NewInvoiceForm;
use pespro::invoice::{NumberPattern, Percent, Restart};
use pespro::money::Currency;
use time::{Date, Month};

fuzz_target!(|input: (&str, &str, &str, u64, u16)| {
    let (text, quantity, rate, counter, day) = input;
    let date = Date::from_calendar_date(2000 + i32::from(day % 200), Month::March, 1 + (day % 28) as u8)
        .unwrap_or(Date::MIN);
    for restart in Restart::ALL {
        if let Ok(pattern) = NumberPattern::parse(text, restart) {
            let a = pattern.render(date, "ACME", counter);
            let b = pattern.render(date, "ACME", counter.wrapping_add(1));
            assert_ne!(a, b, "two counters, one number: {text:?}");
            let _ = pattern.counter_key(date, 7);
        }
    }
    let _ = Percent::parse(text);
    let form = LineForm { description: text.to_owned(), quantity: quantity.to_owned(), rate: rate.to_owned(), reason: String::new() };
    for kind in LineKind::ALL {
        for currency in [Currency::USD, Currency::parse("JPY").unwrap_or(Currency::USD)] {
            let _ = check_line(kind, &form, currency, Some(1_000));
            let _ = check_line(kind, &form, currency, None);
        }
    }
    let new = NewInvoiceForm {
        client_id: text.to_owned(),
        from: quantity.to_owned(),
        to: rate.to_owned(),
        grouping: text.to_owned(),
        expense_grouping: String::new(),
        instalment: "amount".to_owned(),
        instalment_value: rate.to_owned(),
    };
    let _ = new.check(Currency::EUR);
});
