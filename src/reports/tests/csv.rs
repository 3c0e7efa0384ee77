use super::day;
use crate::money::Currency;
use crate::reports::budgets::{BudgetLine, BudgetUnit, Outlook};
use crate::reports::csv::{budgets_csv, hours, unbilled_csv};
use crate::reports::unbilled::{AgedAmounts, UnbilledReport};

#[test]
fn ninety_minutes_are_one_and_a_half_hours() {
    assert_eq!(hours(90), "1.50");
    assert_eq!(hours(1), "0.02");
    assert_eq!(hours(0), "0.00");
}

#[test]
fn a_client_named_like_a_formula_is_written_inert() {
    let amounts = AgedAmounts { by_age: [12_345, 0, 0, 0], total: 12_345, minutes: 60 };
    let report = UnbilledReport {
        currency: Some(Currency::parse("EUR").unwrap()),
        rows: vec![("=HYPERLINK(1)".into(), "E-1".into(), amounts.clone())],
        total: amounts,
    };
    let file = unbilled_csv(&[report]);
    let second = file.lines().nth(1).unwrap();
    assert_eq!(second, "EUR,'=HYPERLINK(1),E-1,1.00,123.45,0.00,0.00,0.00,123.45");
}

#[test]
fn a_budget_line_names_its_unit_and_when_it_runs_out() {
    let line = BudgetLine {
        engagement_id: 1,
        engagement: "ACM-AUDIT — Year-end audit".into(),
        client: "Acme".into(),
        unit: BudgetUnit::Minutes,
        budget: 6000,
        used: 5400,
        percent: 90,
        outlook: Outlook::RunsOut(day(2026, 12, 13)),
        at_risk: true,
    };
    let file = budgets_csv(&[line]);
    assert_eq!(file.lines().nth(1), Some("Acme,ACM-AUDIT — Year-end audit,hours,100.00,90.00,90,2026-12-13,true"));
}
