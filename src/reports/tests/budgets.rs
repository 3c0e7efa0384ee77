use super::day;
use crate::first_day::FirstDay;
use crate::money::Currency;
use crate::reports::budgets::{BudgetUnit, EngagementUse, Outlook, budget_burn, history};

fn engagement(name: &str, budget_hours: i64, used_hours: i64, recent_hours: i64) -> EngagementUse {
    EngagementUse {
        engagement_id: 1,
        engagement: name.into(),
        client: "Acme".into(),
        unit: BudgetUnit::Minutes,
        budget: budget_hours * 60,
        used: used_hours * 60,
        recent: recent_hours * 60,
        ends_on: None,
        daily: Vec::new(),
    }
}

#[test]
fn forty_hours_left_at_twenty_eight_hours_in_four_weeks_run_out_in_forty_days() {
    // 28 h in 28 days is 1 h a day; 40 h left last 40 days.
    let today = day(2026, 12, 3);
    let lines = budget_burn(&[engagement("A", 100, 60, 28)], today, FirstDay::Monday);
    assert_eq!(lines[0].percent, 60);
    assert_eq!(lines[0].outlook, Outlook::RunsOut(day(2027, 1, 12)));
    assert!(!lines[0].at_risk);
}

#[test]
fn a_budget_running_out_within_four_weeks_is_at_risk() {
    // 10 h left at 1 h a day: gone on 13 December.
    let lines = budget_burn(&[engagement("A", 100, 90, 28)], day(2026, 12, 3), FirstDay::Monday);
    assert_eq!(lines[0].outlook, Outlook::RunsOut(day(2026, 12, 13)));
    assert!(lines[0].at_risk);
}

#[test]
fn a_budget_lasting_past_four_weeks_is_still_at_risk_if_it_ends_before_the_engagement_does() {
    let mut late = engagement("A", 100, 60, 28);
    late.ends_on = Some(day(2027, 3, 31));
    let lines = budget_burn(&[late], day(2026, 12, 3), FirstDay::Monday);
    assert!(lines[0].at_risk);
}

#[test]
fn an_engagement_nobody_worked_on_lately_has_no_forecast_and_is_at_risk_only_when_nearly_used_up() {
    let lines =
        budget_burn(&[engagement("A", 100, 50, 0), engagement("B", 100, 95, 0)], day(2026, 12, 3), FirstDay::Monday);
    assert_eq!(lines[0].engagement, "B");
    assert_eq!((lines[0].outlook, lines[0].at_risk), (Outlook::Idle, true));
    assert_eq!((lines[1].outlook, lines[1].at_risk), (Outlook::Idle, false));
}

#[test]
fn over_budget_comes_first_then_the_soonest_to_run_out_then_the_rest_by_use() {
    let today = day(2026, 12, 3);
    let lines = budget_burn(
        &[
            engagement("calm", 100, 10, 1),
            engagement("soon", 100, 80, 28),
            engagement("over", 100, 120, 28),
            engagement("sooner", 100, 85, 56),
            engagement("busy", 100, 70, 1),
        ],
        today,
        FirstDay::Monday,
    );
    let order: Vec<_> = lines.iter().map(|line| line.engagement.as_str()).collect();
    assert_eq!(order, ["over", "sooner", "soon", "busy", "calm"]);
    assert_eq!(lines[0].outlook, Outlook::Over);
    assert_eq!(lines[0].percent, 120);
}

#[test]
fn a_money_budget_is_compared_in_its_own_currency() {
    let eur = Currency::parse("EUR").unwrap();
    let spend = EngagementUse {
        unit: BudgetUnit::Money(eur),
        budget: 1_000_000,
        used: 250_000,
        recent: 0,
        ..engagement("A", 1, 0, 0)
    };
    let lines = budget_burn(&[spend], day(2026, 12, 3), FirstDay::Monday);
    assert_eq!((lines[0].unit, lines[0].percent), (BudgetUnit::Money(eur), 25));
}

#[test]
fn ten_hours_on_each_of_the_last_two_mondays_show_as_eighty_then_ninety_then_a_hundred_percent() {
    // Thursday 3 December 2026; a 100 h budget with 100 h used, of which
    // 10 h on Monday 23 November and 10 h on Monday 30 November.
    let mut busy = engagement("A", 100, 100, 20);
    busy.daily = vec![(day(2026, 11, 23), 600), (day(2026, 11, 30), 600)];
    let weeks = history(&busy, day(2026, 12, 3), FirstDay::Monday);
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks[0].0, day(2026, 9, 14));
    assert_eq!(&weeks[9..], [(day(2026, 11, 16), 80), (day(2026, 11, 23), 90), (day(2026, 11, 30), 100)]);
    assert_eq!(budget_burn(&[busy], day(2026, 12, 3), FirstDay::Monday)[0].history, weeks);
}
