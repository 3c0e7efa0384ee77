use crate::reports::ReportKind;
use crate::reports::hours::Dimension;
use crate::reports::period::PeriodChoice;
use crate::reports::query::ReportQuery;

#[test]
fn an_address_with_nothing_readable_asks_for_utilization_over_twelve_weeks() {
    let query = ReportQuery::parse(Some("profit"), Some("forever"), Some("mood"), None);
    assert_eq!(query, ReportQuery::default());
    assert_eq!(query.address("/reports"), "/reports?report=utilization&period=last-12-weeks");
}

#[test]
fn the_hours_table_keeps_both_groupings_in_its_address_and_budgets_keep_only_their_name() {
    let hours = ReportQuery::parse(Some("hours"), Some("last-month"), Some("client"), Some("person"));
    assert_eq!(hours.address("/reports"), "/reports?report=hours&period=last-month&by=client&then=person");
    let budgets = hours.with_kind(ReportKind::Budgets);
    assert_eq!(budgets.address("/r.csv"), "/r.csv?report=budgets");
    assert_eq!(budgets.with_kind(ReportKind::Hours), hours);
}

#[test]
fn grouping_first_by_what_was_the_inner_grouping_drops_the_inner_one() {
    let query = ReportQuery::parse(Some("hours"), None, Some("client"), Some("person"));
    assert_eq!(query.with_by(Dimension::Person).then, None);
    assert_eq!(query.with_by(Dimension::Month).then, Some(Dimension::Person));
    assert_eq!(query.with_then(Some(Dimension::Client)).then, None);
    assert_eq!(query.with_period(PeriodChoice::ThisMonth).period, PeriodChoice::ThisMonth);
}

#[test]
fn an_address_asking_to_group_twice_by_client_groups_once() {
    let query = ReportQuery::parse(Some("hours"), None, Some("client"), Some("client"));
    assert_eq!(query.then, None);
}
