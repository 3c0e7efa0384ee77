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
        history: Vec::new(),
    };
    let file = budgets_csv(&[line]);
    assert_eq!(file.lines().nth(1), Some("Acme,ACM-AUDIT — Year-end audit,hours,100.00,90.00,90,2026-12-13,true"));
}

#[test]
fn realization_rows_name_what_they_add_up_and_a_write_down_carries_its_invoice_and_reason() {
    use crate::reports::csv::realization_csv;
    use crate::reports::realization::{RealizationReport, Worth, WriteDown};
    let eur = Currency::parse("EUR").unwrap();
    let worth = Worth { worked: 20_000, billed: 15_000 };
    let report = RealizationReport {
        currency: eur,
        engagements: vec![("Acme".into(), "AC-1".into(), worth)],
        clients: vec![("Acme".into(), worth)],
        people: vec![("Mia".into(), worth)],
        total: worth,
        write_downs: vec![WriteDown {
            number: "2026-0001".into(),
            client: "Acme".into(),
            line: "Audit".into(),
            currency: eur,
            worth,
            reason: "-10% agreed".into(),
        }],
    };
    let file = realization_csv(&[report]);
    let lines: Vec<_> = file.lines().collect();
    assert_eq!(lines[1], "engagement,EUR,Acme,AC-1,200.00,150.00,75,,");
    assert_eq!(lines[3], "person,EUR,,Mia,200.00,150.00,75,,");
    assert_eq!(lines[5], "write_down,EUR,Acme,Audit,200.00,150.00,75,2026-0001,'-10% agreed");
}

#[test]
fn the_hours_file_has_a_row_per_client_then_one_per_person_within_it() {
    use crate::first_day::FirstDay;
    use crate::reports::csv::hours_table_csv;
    use crate::reports::hours::{Dimension, HoursEntry, hours_table};
    let entry = |person: &str, billable: bool, minutes: u64| HoursEntry {
        date: day(2026, 12, 7),
        person: person.into(),
        team: None,
        role: "Employee".into(),
        client: "@Acme".into(),
        engagement: "Audit".into(),
        billable,
        minutes,
    };
    let entries = [entry("Ada", true, 90), entry("Mia", false, 30)];
    let file = hours_table_csv(&hours_table(&entries, Dimension::Client, Some(Dimension::Person), FirstDay::Monday));
    let lines: Vec<&str> = file.lines().collect();
    assert_eq!(
        lines,
        ["client,person,hours,billable_hours", "'@Acme,,2.00,1.50", "'@Acme,Ada,1.50,1.50", "'@Acme,Mia,0.50,0.00"]
    );
}

#[test]
fn the_receivables_file_lists_the_trend_then_who_owes_today() {
    use crate::invoice::aging::{AgingReport, AgingRow};
    use crate::reports::csv::receivables_csv;
    use crate::reports::receivables::{ReceivablesReport, ReceivablesTrend};
    let usd = Currency::USD;
    let owed = AgingRow { buckets: [0, 60_000, 0, 0, 0], total: 60_000 };
    let report = ReceivablesReport {
        trend: vec![ReceivablesTrend { currency: usd, points: vec![(day(2026, 10, 31), owed.clone())] }],
        today: vec![AgingReport { currency: usd, clients: vec![("Acme".into(), owed.clone())], total: owed }],
    };
    let lines: Vec<String> = receivables_csv(&report).lines().map(str::to_owned).collect();
    assert_eq!(
        lines,
        [
            "currency,as_of,client,current,days_1_30,days_31_60,days_61_90,over_90,total",
            "USD,2026-10-31,,0.00,600.00,0.00,0.00,0.00,600.00",
            "USD,today,Acme,0.00,600.00,0.00,0.00,0.00,600.00",
        ]
    );
}
