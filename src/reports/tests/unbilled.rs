use super::day;
use crate::money::Currency;
use crate::reports::unbilled::{Age, UnbilledItem, unbilled};

fn item(
    client: &str,
    engagement: &str,
    done_on: time::Date,
    minutes: u64,
    value: i64,
    currency: Option<&str>,
) -> UnbilledItem {
    UnbilledItem {
        client: client.into(),
        engagement: engagement.into(),
        done_on,
        minutes,
        value_minor: value,
        currency: currency.map(|c| Currency::parse(c).unwrap()),
    }
}

#[test]
fn work_is_aged_by_the_day_it_was_done_thirty_days_being_still_young() {
    let today = day(2026, 12, 3);
    assert_eq!(Age::of(day(2026, 11, 3), today), Age::Days0To30);
    assert_eq!(Age::of(day(2026, 11, 2), today), Age::Days31To60);
    assert_eq!(Age::of(day(2026, 9, 4), today), Age::Days61To90);
    assert_eq!(Age::of(day(2026, 9, 3), today), Age::Over90);
    assert_eq!(Age::of(day(2026, 12, 10), today), Age::Days0To30);
}

#[test]
fn three_hours_last_week_and_one_hour_in_august_fall_in_their_own_columns() {
    let today = day(2026, 12, 3);
    let items = [
        item("Acme", "ACM-AUDIT", day(2026, 11, 26), 180, 45_000, Some("EUR")),
        item("Acme", "ACM-AUDIT", day(2026, 8, 3), 60, 15_000, Some("EUR")),
    ];
    let reports = unbilled(&items, today);
    assert_eq!(reports.len(), 1);
    let (client, engagement, amounts) = &reports[0].rows[0];
    assert_eq!((client.as_str(), engagement.as_str()), ("Acme", "ACM-AUDIT"));
    assert_eq!(amounts.by_age, [45_000, 0, 0, 15_000]);
    assert_eq!((amounts.total, amounts.minutes), (60_000, 240));
    assert_eq!(reports[0].total, *amounts);
}

#[test]
fn currencies_are_never_added_together_and_time_with_no_rate_comes_last() {
    let today = day(2026, 12, 3);
    let items = [
        item("Globex", "GLX-1", today, 60, 0, None),
        item("Acme", "ACM-1", today, 60, 10_000, Some("USD")),
        item("Acme", "ACM-2", today, 60, 9_000, Some("EUR")),
    ];
    let reports = unbilled(&items, today);
    let currencies: Vec<_> = reports.iter().map(|r| r.currency.map(|c| c.as_str().to_owned())).collect();
    assert_eq!(currencies, [Some("EUR".to_owned()), Some("USD".to_owned()), None]);
    assert_eq!(reports[2].total.minutes, 60);
}

#[test]
fn clients_are_sorted_ignoring_case_and_each_engagement_has_its_row() {
    let today = day(2026, 12, 3);
    let items = [
        item("beta", "B-1", today, 60, 100, Some("EUR")),
        item("Alpha", "A-2", today, 60, 100, Some("EUR")),
        item("Alpha", "A-1", today, 30, 50, Some("EUR")),
    ];
    let rows: Vec<_> = unbilled(&items, today)[0].rows.iter().map(|(c, e, _)| format!("{c}/{e}")).collect();
    assert_eq!(rows, ["Alpha/A-1", "Alpha/A-2", "beta/B-1"]);
}
