use super::*;

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
}

fn formats(date: DateStyle, number: NumberStyle) -> Formats {
    Formats { date, number, ..Formats::default() }
}

#[test]
fn each_date_style_writes_the_third_of_december_its_own_way() {
    let written: Vec<String> =
        DateStyle::ALL.into_iter().map(|s| formats(s, NumberStyle::default()).date(date(2026, 12, 3))).collect();
    assert_eq!(written, ["3 Dec 2026", "Dec 3, 2026", "2026-12-03", "03/12/2026", "12/03/2026", "03.12.2026"]);
}

#[test]
fn a_day_in_a_week_names_its_weekday_and_leaves_out_the_year() {
    let monday = date(2026, 11, 23);
    assert_eq!(Formats::default().day(monday), "Mon 23 Nov");
    assert_eq!(formats(DateStyle::MonthNameDay, NumberStyle::default()).day(monday), "Mon, Nov 23");
    assert_eq!(formats(DateStyle::DayDotMonth, NumberStyle::default()).day(monday), "Mon 23.11.");
    assert_eq!(formats(DateStyle::MonthSlashDay, NumberStyle::default()).day(date(2026, 11, 29)), "Sun 11/29");
}

#[test]
fn a_moment_is_its_date_then_the_twenty_four_hour_time() {
    let at = PrimitiveDateTime::new(date(2026, 12, 3), time::Time::from_hms(14, 58, 31).unwrap());
    assert_eq!(Formats::default().when(at), "3 Dec 2026, 14:58");
    assert_eq!(formats(DateStyle::Iso, NumberStyle::default()).when(at), "2026-12-03, 14:58");
}

#[test]
fn amounts_are_grouped_in_threes_with_the_firms_marks() {
    let eur = Currency::parse("EUR").unwrap();
    let written: Vec<String> =
        NumberStyle::ALL.into_iter().map(|n| formats(DateStyle::default(), n).amount(123_456_789, eur)).collect();
    assert_eq!(written, ["1,234,567.89 EUR", "1.234.567,89 EUR", "1\u{a0}234\u{a0}567,89 EUR", "1'234'567.89 EUR"]);
}

#[test]
fn small_negative_and_whole_currency_amounts_keep_sign_and_decimals_right() {
    let f = formats(DateStyle::default(), NumberStyle::PointThousandsCommaDecimals);
    assert_eq!(f.amount(-50, Currency::parse("EUR").unwrap()), "-0,50 EUR");
    assert_eq!(f.amount(1_234_000, Currency::parse("JPY").unwrap()), "1.234.000 JPY");
    assert_eq!(f.amount(999, Currency::parse("USD").unwrap()), "9,99 USD");
}

#[test]
fn a_form_field_shows_the_decimal_mark_without_grouping() {
    let f = formats(DateStyle::default(), NumberStyle::SpaceThousandsCommaDecimals);
    assert_eq!(f.field_amount(123_450, Currency::parse("EUR").unwrap()), "1234,50");
    assert_eq!(f.amount_placeholder(), "12,50");
    assert_eq!(Formats::default().amount_placeholder(), "12.50");
}

#[test]
fn every_style_reads_back_from_its_key_and_nothing_else_does() {
    for style in DateStyle::ALL {
        assert_eq!(DateStyle::parse(style.key()), Some(style));
    }
    for style in NumberStyle::ALL {
        assert_eq!(NumberStyle::parse(style.key()), Some(style));
    }
    assert_eq!(DateStyle::parse("dd/mm/yyyy"), None);
    assert_eq!(NumberStyle::parse(""), None);
}
