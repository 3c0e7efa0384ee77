use super::*;
use crate::formats::Formats;
use crate::money::Currency;
use time::macros::date;

fn entry(engagement_id: i64, minutes: u32, billable: bool, rate: Option<i64>) -> CardEntry {
    CardEntry {
        engagement_id,
        entry: WeekEntry {
            time_entry_id: 1,
            work_date: date!(2026 - 11 - 30),
            minutes: Minutes(minutes),
            billable,
            notes: String::new(),
            client_name: "Acme".into(),
            engagement_code: "E1".into(),
            engagement_name: "Audit".into(),
            locked: true,
            imported: None,
        },
        rate: rate.map(|minor| Money::new(minor, Currency::EUR)),
    }
}

fn usage(engagement_id: i64, budget: Budget, logged: u32, priced: Option<i64>) -> EngagementUse {
    EngagementUse {
        engagement_id,
        label: format!("Acme — E{engagement_id}"),
        budget,
        currency: "EUR".into(),
        logged: Minutes(logged),
        priced,
    }
}

#[test]
fn a_billable_entry_shows_its_hourly_rate_and_one_without_a_rate_says_so() {
    assert_eq!(entry(1, 60, true, Some(18_000)).rate_text(Formats::default()), "180.00 EUR/h");
    assert_eq!(entry(1, 60, true, None).rate_text(Formats::default()), "no rate yet");
}

#[test]
fn non_billable_time_shows_no_rate_even_when_one_is_stamped() {
    assert_eq!(entry(1, 60, false, Some(18_000)).rate_text(Formats::default()), "—");
}

#[test]
fn the_week_s_time_is_summed_per_engagement_in_the_order_they_first_appear() {
    let entries = [entry(2, 90, true, None), entry(1, 60, true, None), entry(2, 30, false, None)];
    let uses = [usage(1, Budget::None, 600, None), usage(2, Budget::Hours(Minutes(6000)), 3000, None)];
    let lines = budget_lines(&entries, &uses, Formats::default());
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[0].engagement.as_str(), lines[0].this_week), ("Acme — E2", Minutes(120)));
    assert_eq!((lines[1].engagement.as_str(), lines[1].this_week), ("Acme — E1", Minutes(60)));
}

#[test]
fn an_hours_budget_reads_as_hours_used_of_the_budget() {
    let lines = budget_lines(
        &[entry(1, 60, true, None)],
        &[usage(1, Budget::Hours(Minutes(6000)), 4800, None)],
        Formats::default(),
    );
    assert_eq!(lines[0].budget_text(), "budget 80:00 h of 100:00 h used (80 %)");
}

#[test]
fn a_money_budget_past_its_total_is_called_over_budget_with_its_currency() {
    let uses = [usage(1, Budget::Money(100_000), 600, Some(120_000))];
    let lines = budget_lines(&[entry(1, 60, true, Some(12_000))], &uses, Formats::default());
    assert_eq!(lines[0].budget_text(), "budget 1,200.00 of 1,000.00 EUR used (120 %), over budget");
}

#[test]
fn an_engagement_without_a_budget_says_so() {
    let lines = budget_lines(&[entry(1, 60, true, None)], &[usage(1, Budget::None, 60, None)], Formats::default());
    assert_eq!(lines[0].budget_text(), "no budget");
}

#[test]
fn an_entry_whose_engagement_was_not_loaded_gets_no_line_rather_than_a_wrong_one() {
    assert!(
        budget_lines(&[entry(9, 60, true, None)], &[usage(1, Budget::None, 60, None)], Formats::default()).is_empty()
    );
}

#[test]
fn approving_several_weeks_says_how_many_in_words_with_correct_plurals() {
    let answer = |approved, next_step| BulkAnswer { approved, next_step, refused: Vec::new() }.sentence();
    assert_eq!(answer(3, 0), "Approved 3 weeks.");
    assert_eq!(answer(1, 0), "Approved 1 week.");
    assert_eq!(answer(2, 1), "Your approval is recorded on 3 weeks: 2 approved, 1 waits for the next step.");
    assert_eq!(answer(0, 2), "Your approval is recorded on 2 weeks: 0 approved, 2 wait for the next step.");
    assert_eq!(answer(0, 0), "No week was approved.");
}
