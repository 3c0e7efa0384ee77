use super::day;
use crate::invoice::numbering::{NumberPattern, PatternError, Restart};

fn pattern(raw: &str, restart: Restart) -> NumberPattern {
    NumberPattern::parse(raw, restart).unwrap()
}

#[test]
fn a_year_and_padded_counter_make_the_familiar_number() {
    assert_eq!(pattern("{YYYY}-{seq:4}", Restart::Yearly).render(day(2026, 3, 9), "ACME", 42), "2026-0042");
}

#[test]
fn a_counter_wider_than_its_padding_just_grows() {
    assert_eq!(pattern("INV{seq:2}", Restart::Never).render(day(2026, 3, 9), "", 1234), "INV1234");
}

#[test]
fn the_client_code_and_a_per_client_counter_make_per_client_numbers() {
    let p = pattern("INV/{client}/{cseq:3}", Restart::Never);
    assert_eq!(p.render(day(2026, 1, 2), "ACME", 7), "INV/ACME/007");
}

#[test]
fn two_digit_years_and_months_are_zero_padded() {
    let p = pattern("{YY}{MM}-{seq}", Restart::Never);
    assert_eq!(p.render(day(2007, 2, 1), "", 5), "0702-5");
}

#[test]
fn a_pattern_without_a_counter_is_refused_because_numbers_would_repeat() {
    assert_eq!(NumberPattern::parse("INV-{YYYY}", Restart::Never), Err(PatternError::NoCounter));
}

#[test]
fn a_yearly_restart_without_the_year_is_refused() {
    assert_eq!(NumberPattern::parse("INV-{seq:4}", Restart::Yearly), Err(PatternError::RestartsWithoutYear));
}

#[test]
fn a_monthly_restart_needs_the_month_as_well_as_the_year() {
    assert_eq!(NumberPattern::parse("{YYYY}-{seq}", Restart::Monthly), Err(PatternError::RestartsWithoutMonth));
    assert!(NumberPattern::parse("{YYYY}{MM}-{seq}", Restart::Monthly).is_ok());
}

#[test]
fn a_yearly_restart_with_a_two_digit_year_is_refused_as_it_repeats_every_century() {
    assert_eq!(NumberPattern::parse("{YY}-{seq}", Restart::Yearly), Err(PatternError::TwoDigitYearRepeats));
}

#[test]
fn a_per_client_counter_without_the_client_code_is_refused() {
    assert_eq!(NumberPattern::parse("{cseq:3}", Restart::Never), Err(PatternError::ClientCounterWithoutClient));
}

#[test]
fn two_counters_are_refused() {
    assert_eq!(NumberPattern::parse("{seq}-{cseq}-{client}", Restart::Never), Err(PatternError::TwoCounters));
}

#[test]
fn unknown_tokens_unclosed_braces_and_odd_characters_are_refused_with_a_reason() {
    assert_eq!(NumberPattern::parse("{year}-{seq}", Restart::Never), Err(PatternError::UnknownToken("year".into())));
    assert_eq!(NumberPattern::parse("{seq", Restart::Never), Err(PatternError::Unclosed));
    assert_eq!(NumberPattern::parse("<{seq}>", Restart::Never), Err(PatternError::BadCharacter));
    assert_eq!(NumberPattern::parse("{seq:0}", Restart::Never), Err(PatternError::BadWidth));
    assert_eq!(NumberPattern::parse("{seq:x}", Restart::Never), Err(PatternError::BadWidth));
    assert_eq!(NumberPattern::parse("  ", Restart::Never), Err(PatternError::Empty));
    assert_eq!(NumberPattern::parse(&format!("{}{{seq}}", "A".repeat(40)), Restart::Never), Err(PatternError::TooLong));
}

#[test]
fn the_reason_for_a_refusal_names_the_tokens_to_use() {
    let message = PatternError::NoCounter.to_string();
    assert!(message.contains("{seq}"), "{message}");
}

#[test]
fn a_firm_counter_that_never_restarts_is_one_counter_for_ever() {
    let p = pattern("{seq:5}", Restart::Never);
    assert_eq!(p.counter_key(day(2026, 1, 1), 3), p.counter_key(day(2031, 6, 1), 9));
}

#[test]
fn a_yearly_counter_is_a_different_counter_each_year_and_the_same_within_one() {
    let p = pattern("{YYYY}-{seq:4}", Restart::Yearly);
    assert_eq!(p.counter_key(day(2026, 1, 1), 1), p.counter_key(day(2026, 12, 31), 2));
    assert_ne!(p.counter_key(day(2026, 12, 31), 1), p.counter_key(day(2027, 1, 1), 1));
}

#[test]
fn a_monthly_counter_is_a_different_counter_each_month() {
    let p = pattern("{YYYY}{MM}-{seq}", Restart::Monthly);
    assert_ne!(p.counter_key(day(2026, 1, 31), 1), p.counter_key(day(2026, 2, 1), 1));
}

#[test]
fn a_per_client_counter_is_a_different_counter_for_each_client() {
    let p = pattern("{client}-{cseq}", Restart::Never);
    assert_ne!(p.counter_key(day(2026, 1, 1), 1), p.counter_key(day(2026, 1, 1), 2));
    let firm = pattern("{client}-{seq}", Restart::Never);
    assert_eq!(firm.counter_key(day(2026, 1, 1), 1), firm.counter_key(day(2026, 1, 1), 2));
}

#[test]
fn the_default_settings_patterns_parse() {
    let settings = crate::invoice::InvoiceSettings::default();
    assert!(NumberPattern::parse(&settings.number_pattern, settings.restart).is_ok());
    assert!(NumberPattern::parse(&settings.credit_pattern, settings.restart).is_ok());
}
