//! Previewing what a change of rates does to existing entries.

use super::*;

/// An open 90-minute entry priced by `rate_id` at `euros` an hour.
fn entry(entry_id: i64, rate_id: Option<i64>, euros: i64) -> PricedEntry {
    PricedEntry { entry_id, ctx: ctx(), minutes: Minutes(90), locked: false, rate_id, hourly_minor: euros * 100 }
}

fn locked(entry: PricedEntry) -> PricedEntry {
    PricedEntry { locked: true, ..entry }
}

#[test]
fn a_new_person_rate_shows_the_entries_it_reprices_with_their_amounts() {
    let rules_after = [rule(1, RateScope::FirmDefault, 100), rule(2, RateScope::Person(ADA), 120)];

    let preview = reprice_preview(&[entry(10, Some(1), 100)], &rules_after, RateKind::Billable);

    assert_eq!(
        preview.changes,
        vec![PriceChange {
            entry_id: 10,
            from_rate_id: Some(1),
            to_rate_id: Some(2),
            from_hourly_minor: 10_000,
            to_hourly_minor: Some(12_000),
            from_amount_minor: 15_000,
            to_amount_minor: Some(18_000),
            explanation: "Person billable rate, effective 2026-01-01; it takes precedence over the firm default rate"
                .to_owned(),
        }]
    );
    assert_eq!(preview.total_delta_minor(), 3_000);
}

#[test]
fn locked_entries_are_never_changed_only_counted() {
    let rules_after = [rule(2, RateScope::Person(ADA), 120)];
    let entries = [locked(entry(10, Some(1), 100)), locked(entry(11, None, 0)), entry(12, Some(1), 100)];

    let preview = reprice_preview(&entries, &rules_after, RateKind::Billable);

    assert_eq!(preview.skipped_locked, 2);
    assert_eq!(preview.changes.iter().map(|c| c.entry_id).collect::<Vec<_>>(), vec![12]);
}

#[test]
fn entries_keeping_their_rule_and_rate_are_counted_as_unchanged() {
    let rules_after = [rule(1, RateScope::FirmDefault, 100), rule(2, RateScope::Client(99), 300)];

    let preview =
        reprice_preview(&[entry(10, Some(1), 100), entry(11, Some(1), 100)], &rules_after, RateKind::Billable);

    assert_eq!((preview.changes.len(), preview.unchanged, preview.skipped_locked), (0, 2, 0));
}

#[test]
fn moving_to_another_rule_at_the_same_rate_is_still_a_change() {
    let rules_after = [rule(1, RateScope::FirmDefault, 100), rule(2, RateScope::Client(CLIENT), 100)];

    let preview = reprice_preview(&[entry(10, Some(1), 100)], &rules_after, RateKind::Billable);

    assert_eq!(preview.changes.len(), 1);
    assert_eq!(preview.changes[0].delta_minor(), 0);
}

#[test]
fn a_rule_whose_amount_was_edited_reprices_its_entries() {
    let preview =
        reprice_preview(&[entry(10, Some(1), 100)], &[rule(1, RateScope::FirmDefault, 110)], RateKind::Billable);

    assert_eq!(preview.changes[0].to_amount_minor, Some(16_500));
}

#[test]
fn an_entry_whose_rule_is_gone_is_shown_without_a_rate() {
    let preview = reprice_preview(&[entry(10, Some(1), 100)], &[], RateKind::Billable);

    let change = &preview.changes[0];
    assert_eq!((change.to_rate_id, change.to_hourly_minor, change.to_amount_minor), (None, None, None));
    assert_eq!(change.explanation, "No rate applies to this entry any more");
    assert_eq!(change.delta_minor(), -15_000);
}

#[test]
fn an_unpriced_entry_that_gains_a_rule_is_a_change() {
    let preview = reprice_preview(&[entry(10, None, 0)], &[rule(1, RateScope::FirmDefault, 100)], RateKind::Billable);

    assert_eq!(preview.changes[0].to_amount_minor, Some(15_000));
}

#[test]
fn an_unpriced_entry_that_stays_unpriced_is_unchanged() {
    let preview = reprice_preview(&[entry(10, None, 0)], &[], RateKind::Billable);

    assert_eq!((preview.changes.len(), preview.unchanged), (0, 1));
}

#[test]
fn a_future_rate_does_not_reprice_todays_entries() {
    let rules_after =
        [rule(1, RateScope::FirmDefault, 100), from(day(2026, 6, 1), rule(2, RateScope::FirmDefault, 130))];

    let preview = reprice_preview(&[entry(10, Some(1), 100)], &rules_after, RateKind::Billable);

    assert_eq!(preview.unchanged, 1);
}

#[test]
fn a_cost_preview_looks_only_at_cost_rates() {
    let rules_after = [
        rule(1, RateScope::FirmDefault, 100),
        RateRule { kind: RateKind::Cost, ..rule(2, RateScope::FirmDefault, 40) },
    ];

    let preview = reprice_preview(&[entry(10, Some(9), 35)], &rules_after, RateKind::Cost);

    assert_eq!(preview.changes[0].to_rate_id, Some(2));
    assert_eq!(preview.changes[0].to_hourly_minor, Some(4_000));
}
