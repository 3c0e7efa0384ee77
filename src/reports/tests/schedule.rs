use super::day;
use crate::first_day::FirstDay;
use crate::reports::schedule::{Cadence, ScheduleForm, parse_schedule, recipient_key};

#[test]
fn weekly_is_next_due_on_the_first_day_of_the_next_week_even_when_today_is_one() {
    // Tuesday 8 December 2026, and Monday 7 December.
    assert_eq!(Cadence::Weekly.next_after(day(2026, 12, 8), FirstDay::Monday), day(2026, 12, 14));
    assert_eq!(Cadence::Weekly.next_after(day(2026, 12, 7), FirstDay::Monday), day(2026, 12, 14));
    assert_eq!(Cadence::Weekly.next_after(day(2026, 12, 8), FirstDay::Sunday), day(2026, 12, 13));
}

#[test]
fn monthly_is_next_due_on_the_first_of_the_next_month_and_december_rolls_into_january() {
    assert_eq!(Cadence::Monthly.next_after(day(2026, 11, 1), FirstDay::Monday), day(2026, 12, 1));
    assert_eq!(Cadence::Monthly.next_after(day(2026, 12, 31), FirstDay::Monday), day(2027, 1, 1));
}

fn form(name: &str, cadence: &str, people: &[i64]) -> ScheduleForm {
    ScheduleForm {
        name: name.into(),
        cadence: cadence.into(),
        recipients: people.iter().map(|id| (recipient_key(*id), "on".to_owned())).collect(),
    }
}

#[test]
fn a_named_monthly_report_to_two_people_reads_with_its_name_trimmed() {
    let schedule = parse_schedule(&form("  Partners' utilization ", "monthly", &[3, 7])).unwrap();
    assert_eq!(schedule.name, "Partners' utilization");
    assert_eq!(schedule.cadence, Cadence::Monthly);
    assert_eq!(schedule.recipients, [3, 7]);
}

#[test]
fn a_schedule_without_a_name_a_cadence_or_anyone_to_send_to_is_refused_at_that_field() {
    assert_eq!(parse_schedule(&form(" ", "weekly", &[3])).unwrap_err().0, "name");
    assert_eq!(parse_schedule(&form(&"x".repeat(121), "weekly", &[3])).unwrap_err().0, "name");
    assert_eq!(parse_schedule(&form("Hours", "daily", &[3])).unwrap_err().0, "cadence");
    assert_eq!(parse_schedule(&form("Hours", "weekly", &[])).unwrap_err().0, "recipients");
    let mut forged = form("Hours", "weekly", &[3]);
    forged.recipients.insert("everyone".into(), "on".into());
    assert_eq!(parse_schedule(&forged).unwrap_err().0, "recipients");
}
