use super::*;

#[test]
fn a_currency_is_three_letters_stored_upper_case() {
    assert_eq!(Currency::parse(" eur ").unwrap(), Currency::EUR);
    assert_eq!(Currency::parse("USD").unwrap().as_str(), "USD");
}

#[test]
fn anything_but_three_letters_is_not_a_currency() {
    for raw in ["", "EU", "EURO", "E1R", "€UR", "E R"] {
        assert_eq!(Currency::parse(raw), Err(CurrencyError::NotThreeLetters), "{raw}");
    }
}

#[test]
fn money_round_trips_through_json_with_the_currency_as_text() {
    let money = Money::new(12_345, Currency::GBP);
    let json = serde_json::to_string(&money).unwrap();
    assert_eq!(json, r#"{"minor":12345,"currency":"GBP"}"#);
    assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), money);
    assert!(serde_json::from_str::<Money>(r#"{"minor":1,"currency":"EURO"}"#).is_err());
}

#[test]
fn hours_and_minutes_are_read_with_a_colon() {
    assert_eq!(Minutes::parse("1:30"), Ok(Minutes(90)));
    assert_eq!(Minutes::parse("0:05"), Ok(Minutes(5)));
    assert_eq!(Minutes::parse("1:60"), Err(DurationError::MinutesOutOfRange));
    assert_eq!(Minutes::parse("1:5"), Err(DurationError::Unreadable));
}

#[test]
fn decimal_hours_are_read_with_a_point_or_a_locale_comma() {
    assert_eq!(Minutes::parse("1.5"), Ok(Minutes(90)));
    assert_eq!(Minutes::parse("1,5"), Ok(Minutes(90)));
    assert_eq!(Minutes::parse("0.1"), Ok(Minutes(6)));
    assert_eq!(Minutes::parse(",25"), Ok(Minutes(15)));
    assert_eq!(Minutes::parse("2"), Ok(Minutes(120)));
}

#[test]
fn decimal_hours_round_to_the_nearest_minute() {
    // 0.33 h = 19.8 min; 0.0083 h = 0.498 min; 0.0084 h = 0.504 min.
    assert_eq!(Minutes::parse("0.33"), Ok(Minutes(20)));
    assert_eq!(Minutes::parse("0.0083"), Ok(Minutes(0)));
    assert_eq!(Minutes::parse("0.0084"), Ok(Minutes(1)));
}

#[test]
fn durations_with_units_are_read() {
    assert_eq!(Minutes::parse("90m"), Ok(Minutes(90)));
    assert_eq!(Minutes::parse("2h"), Ok(Minutes(120)));
    assert_eq!(Minutes::parse("1.5H"), Ok(Minutes(90)));
    assert_eq!(Minutes::parse("1h30m"), Ok(Minutes(90)));
    assert_eq!(Minutes::parse(" 1h 30m "), Ok(Minutes(90)));
}

#[test]
fn nonsense_and_negative_durations_are_refused() {
    assert_eq!(Minutes::parse("  "), Err(DurationError::Empty));
    for raw in ["abc", "-1", "1.5.5", "h", "m", "1:30m", "1..5", "+2"] {
        assert!(Minutes::parse(raw).is_err(), "{raw}");
    }
}

#[test]
fn absurdly_long_durations_are_refused_not_wrapped() {
    assert_eq!(Minutes::parse("99999999999"), Err(DurationError::TooLong));
    assert_eq!(Minutes::parse("80000000:00"), Err(DurationError::TooLong));
}

#[test]
fn durations_display_as_hours_and_two_digit_minutes() {
    assert_eq!(Minutes(90).to_string(), "1:30");
    assert_eq!(Minutes(5).to_string(), "0:05");
    assert_eq!(Minutes(720).to_string(), "12:00");
}

#[test]
fn what_is_displayed_parses_back_to_the_same_duration() {
    for m in [0, 1, 59, 60, 61, 1439, 10_000] {
        assert_eq!(Minutes::parse(&Minutes(m).to_string()), Ok(Minutes(m)));
    }
}

#[test]
fn minutes_add_up_and_saturate_rather_than_overflow() {
    let total: Minutes = [Minutes(30), Minutes(45)].into_iter().sum();
    assert_eq!(total, Minutes(75));
    assert_eq!(Minutes(u32::MAX) + Minutes(1), Minutes(u32::MAX));
}

#[test]
fn an_hour_and_a_half_at_one_hundred_is_one_hundred_and_fifty() {
    assert_eq!(amount_for(Minutes(90), 10_000), 15_000);
}

#[test]
fn a_half_cent_rounds_away_from_zero() {
    // 1 minute at 30 cents/hour = 0.5 cent.
    assert_eq!(amount_for(Minutes(1), 30), 1);
    assert_eq!(amount_for(Minutes(1), -30), -1);
    // 1 minute at 29 cents/hour = 0.483 cent.
    assert_eq!(amount_for(Minutes(1), 29), 0);
    // 1 minute at 31 cents/hour = 0.517 cent.
    assert_eq!(amount_for(Minutes(1), 31), 1);
}

#[test]
fn a_huge_amount_saturates_instead_of_wrapping() {
    assert_eq!(amount_for(Minutes(u32::MAX), i64::MAX), i64::MAX);
    assert_eq!(amount_for(Minutes(u32::MAX), i64::MIN), i64::MIN);
    assert_eq!(amount_for(Minutes(0), i64::MAX), 0);
}
