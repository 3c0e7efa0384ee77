use super::day;
use crate::engagement::BillingModel;
use crate::first_day::FirstDay;
use crate::invoice::drafting::{
    DraftRequest, EngagementTerms, Instalment, InstalmentError, LineKind, Quantity, SpendItem, WorkItem, instalment,
    plan,
};
use crate::invoice::grouping::{ExpenseGrouping, Grouping};
use crate::invoice::tax::Percent;
use crate::money::Minutes;

fn work(id: i64, engagement: i64, person: &str, date: (i32, u8, u8), minutes: u32, rate: Option<i64>) -> WorkItem {
    WorkItem {
        time_entry_id: id,
        engagement_id: engagement,
        person: person.to_owned(),
        role: if person == "Ann" { "Manager".into() } else { "Employee".into() },
        work_date: day(date.0, date.1, date.2),
        minutes: Minutes(minutes),
        rate_minor: rate,
        notes: format!("work {id}"),
    }
}

fn terms(id: i64, model: BillingModel) -> EngagementTerms {
    EngagementTerms {
        engagement_id: id,
        label: format!("E{id}"),
        model,
        fee_minor: Some(100_000),
        fee_billed_minor: 0,
        retainer_included: Some(Minutes(600)),
        bill_overage: true,
        retainer_already_billed: false,
        retainer_period: (day(2026, 11, 1), day(2026, 11, 30)),
    }
}

fn request(grouping: Grouping) -> DraftRequest {
    DraftRequest {
        grouping,
        expense_grouping: ExpenseGrouping::ByCategory,
        instalment: None,
        show_people: true,
        first_day: FirstDay::Monday,
    }
}

fn sample() -> Vec<WorkItem> {
    vec![
        work(1, 1, "Ann", (2026, 11, 2), 90, Some(20_000)),
        work(2, 1, "Bob", (2026, 11, 3), 60, Some(10_000)),
        work(3, 1, "Bob", (2026, 11, 10), 30, Some(10_000)),
        work(4, 1, "Ann", (2026, 11, 11), 20, Some(20_001)),
    ]
}

fn total(grouping: Grouping) -> i64 {
    plan(&request(grouping), &[terms(1, BillingModel::Hourly)], &sample(), &[])
        .lines
        .iter()
        .map(|l| l.amount_minor)
        .sum()
}

#[test]
fn every_grouping_bills_the_same_total_to_the_cent() {
    let detailed = total(Grouping::Detailed);
    for grouping in Grouping::ALL {
        assert_eq!(total(grouping), detailed, "{grouping:?}");
    }
}

#[test]
fn detailed_gives_one_line_per_entry_at_its_stamped_rate() {
    let p = plan(&request(Grouping::Detailed), &[terms(1, BillingModel::Hourly)], &sample(), &[]);
    assert_eq!(p.lines.len(), 4);
    assert_eq!(p.lines[0].quantity, Quantity::Minutes(Minutes(90)));
    assert_eq!(p.lines[0].rate_minor, Some(20_000));
    assert_eq!(p.lines[0].amount_minor, 30_000);
    assert_eq!(p.lines[0].entries, vec![1]);
}

#[test]
fn by_person_gives_a_line_per_person_and_rate() {
    let p = plan(&request(Grouping::ByPerson), &[terms(1, BillingModel::Hourly)], &sample(), &[]);
    // Ann at two rates, Bob at one.
    assert_eq!(p.lines.len(), 3);
    let bob = p.lines.iter().find(|l| l.description.ends_with("Bob")).unwrap();
    assert_eq!(bob.quantity, Quantity::Minutes(Minutes(90)));
    assert_eq!(bob.entries, vec![2, 3]);
}

#[test]
fn by_week_names_the_monday_of_each_week() {
    let p = plan(&request(Grouping::ByWeek), &[terms(1, BillingModel::Hourly)], &sample(), &[]);
    assert!(p.lines.iter().any(|l| l.description == "E1 — week of 2026-11-02"));
    assert!(p.lines.iter().any(|l| l.description == "E1 — week of 2026-11-09"));
}

#[test]
fn by_role_gives_a_line_per_role() {
    let p = plan(&request(Grouping::ByRole), &[terms(1, BillingModel::Hourly)], &sample(), &[]);
    assert!(p.lines.iter().any(|l| l.description == "E1 — Employee"));
    assert!(p.lines.iter().any(|l| l.description == "E1 — Manager"));
}

#[test]
fn a_summed_line_shows_no_rate_when_the_rates_differ() {
    let p = plan(&request(Grouping::Summed), &[terms(1, BillingModel::Hourly)], &sample(), &[]);
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.lines[0].rate_minor, None);
    assert_eq!(p.lines[0].quantity, Quantity::Minutes(Minutes(200)));
    assert_eq!(p.lines[0].entries.len(), 4);
}

#[test]
fn entries_without_a_rate_are_left_out_and_said_so() {
    let mut items = sample();
    items.push(work(9, 1, "Bob", (2026, 11, 12), 60, None));
    let p = plan(&request(Grouping::Detailed), &[terms(1, BillingModel::Hourly)], &items, &[]);
    assert_eq!(p.lines.len(), 4);
    assert!(p.left_out[0].starts_with("1 time entry has no rate"), "{:?}", p.left_out);
}

#[test]
fn non_billable_engagements_never_appear() {
    let p = plan(&request(Grouping::Detailed), &[terms(1, BillingModel::NonBillable)], &sample(), &[]);
    assert!(p.lines.is_empty());
}

#[test]
fn a_fixed_fee_bills_an_instalment_and_carries_the_periods_time() {
    let mut r = request(Grouping::Detailed);
    r.instalment = Some(Instalment::Percent(Percent::parse("25").unwrap()));
    let p = plan(&r, &[terms(1, BillingModel::FixedFee)], &sample(), &[]);
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.lines[0].kind, LineKind::FixedFee);
    assert_eq!(p.lines[0].amount_minor, 25_000);
    assert_eq!(p.lines[0].entries.len(), 4);
    assert!(p.lines[0].worked_minor > 0);
}

#[test]
fn a_fixed_fee_without_an_instalment_asked_for_is_left_out_with_a_reason() {
    let p = plan(&request(Grouping::Detailed), &[terms(1, BillingModel::FixedFee)], &sample(), &[]);
    assert!(p.lines.is_empty());
    assert_eq!(p.left_out.len(), 1);
}

#[test]
fn an_instalment_is_never_more_than_what_is_left_of_the_fee() {
    assert_eq!(
        instalment(Some(100_000), 80_000, Instalment::Amount(30_000)),
        Err(InstalmentError::MoreThanLeft { left: 20_000 })
    );
    assert_eq!(instalment(Some(100_000), 80_000, Instalment::Rest), Ok(20_000));
    assert_eq!(instalment(Some(100_000), 100_000, Instalment::Rest), Err(InstalmentError::NothingLeft));
    assert_eq!(instalment(None, 0, Instalment::Rest), Err(InstalmentError::NoFee));
    assert_eq!(instalment(Some(100_000), 0, Instalment::Amount(0)), Err(InstalmentError::NotPositive));
}

#[test]
fn a_percentage_instalment_is_of_the_whole_fee_rounded_half_away_from_zero() {
    assert_eq!(instalment(Some(1_001), 0, Instalment::Percent(Percent::parse("50").unwrap())), Ok(501));
}

#[test]
fn a_retainer_bills_its_amount_once_and_time_beyond_it_as_overage() {
    // 600 minutes included; 200 worked: all within.
    let p = plan(&request(Grouping::Detailed), &[terms(1, BillingModel::Retainer)], &sample(), &[]);
    assert_eq!(p.lines.len(), 1);
    assert_eq!(p.lines[0].kind, LineKind::Retainer);
    assert_eq!(p.lines[0].amount_minor, 100_000);
    // 100 minutes included: the first entry (90) fits; the second crosses the limit.
    let mut t = terms(1, BillingModel::Retainer);
    t.retainer_included = Some(Minutes(100));
    let p = plan(&request(Grouping::Detailed), &[t.clone()], &sample(), &[]);
    let overage = &p.lines[1];
    assert_eq!(overage.kind, LineKind::Overage);
    assert_eq!(overage.quantity, Quantity::Minutes(Minutes(50 + 30 + 20)));
    assert_eq!(overage.entries, vec![2, 3, 4]);
    // 50 min at 100.00, 30 at 100.00, 20 at 200.01.
    assert_eq!(overage.amount_minor, 8_333 + 5_000 + 6_667);
    // Not billed where the engagement says so, but still shown.
    t.bill_overage = false;
    let p = plan(&request(Grouping::Detailed), &[t], &sample(), &[]);
    assert_eq!(p.lines[1].amount_minor, 0);
    assert_eq!(p.lines[1].worked_minor, 20_000);
}

#[test]
fn a_retainer_already_invoiced_for_the_period_is_not_billed_again() {
    let mut t = terms(1, BillingModel::Retainer);
    t.retainer_already_billed = true;
    let p = plan(&request(Grouping::Detailed), &[t], &sample(), &[]);
    assert!(p.lines.is_empty());
    assert!(p.left_out[0].contains("already invoiced"));
}

fn spend(id: i64, category: &str, amount: i64) -> SpendItem {
    SpendItem {
        expense_id: id,
        engagement_id: 1,
        person: "Bob".into(),
        category: category.into(),
        spent_on: day(2026, 11, 4),
        amount_minor: amount,
        notes: String::new(),
    }
}

#[test]
fn expenses_are_grouped_by_category_or_listed_one_by_one() {
    let spent = [spend(1, "travel", 1_000), spend(2, "travel", 2_000), spend(3, "meals", 500)];
    let mut r = request(Grouping::Detailed);
    let p = plan(&r, &[terms(1, BillingModel::Hourly)], &[], &spent);
    assert_eq!(p.lines.len(), 2);
    let travel = p.lines.iter().find(|l| l.description.ends_with("travel")).unwrap();
    assert_eq!(travel.amount_minor, 3_000);
    assert_eq!(travel.expenses, vec![1, 2]);
    r.expense_grouping = ExpenseGrouping::Detailed;
    assert_eq!(plan(&r, &[terms(1, BillingModel::Hourly)], &[], &spent).lines.len(), 3);
}

fn without_people(grouping: Grouping, expense_grouping: ExpenseGrouping) -> DraftRequest {
    DraftRequest { grouping, expense_grouping, instalment: None, show_people: false, first_day: FirstDay::Monday }
}

#[test]
fn a_firm_that_hides_per_person_detail_gets_lines_that_name_no_one() {
    let engagements = [terms(1, BillingModel::Hourly)];
    let spent = [spend(7, "Travel", 4_500)];
    for grouping in [Grouping::Detailed, Grouping::ByEngagement, Grouping::ByRole, Grouping::ByWeek, Grouping::Summed] {
        let planned = plan(&without_people(grouping, ExpenseGrouping::Detailed), &engagements, &sample(), &spent);
        for line in &planned.lines {
            let text = format!("{} {}", line.description, line.detail);
            assert!(!text.contains("Ann") && !text.contains("Bob"), "{grouping:?} named someone: {text}");
        }
    }
}

#[test]
fn hiding_people_changes_the_words_but_not_the_money() {
    let engagements = [terms(1, BillingModel::Hourly)];
    let shown = plan(&request(Grouping::Detailed), &engagements, &sample(), &[]);
    let hidden = plan(&without_people(Grouping::Detailed, ExpenseGrouping::ByCategory), &engagements, &sample(), &[]);
    let money = |p: &crate::invoice::drafting::Plan| {
        p.lines.iter().map(|l| (l.amount_minor, l.quantity, l.entries.clone())).collect::<Vec<_>>()
    };
    assert_eq!(money(&shown), money(&hidden));
    assert_eq!(shown.lines[0].detail, "2026-11-02 · Ann · E1");
    assert_eq!(hidden.lines[0].detail, "2026-11-02 · E1");
}

#[test]
fn grouping_by_person_still_names_each_group_when_details_hide_people() {
    let planned = plan(
        &without_people(Grouping::ByPerson, ExpenseGrouping::ByCategory),
        &[terms(1, BillingModel::Hourly)],
        &sample(),
        &[],
    );
    let descriptions: Vec<&str> = planned.lines.iter().map(|l| l.description.as_str()).collect();
    assert!(descriptions.iter().any(|d| d.ends_with("— Ann")), "{descriptions:?}");
    assert!(planned.lines.iter().all(|l| !l.detail.contains(" by ")), "details still name people");
}
