use super::*;
use crate::formats::Formats;

fn form() -> EngagementForm {
    EngagementForm {
        code: " acm-audit ".into(),
        name: "Year-end audit".into(),
        billing_model: "hourly".into(),
        active: Some("on".into()),
        ..EngagementForm::default()
    }
}

#[test]
fn a_minimal_hourly_engagement_reads_with_its_code_upper_cased() {
    let details = parse_engagement(&form()).unwrap();
    assert_eq!(details.code, "ACM-AUDIT");
    assert_eq!(details.billing_model, BillingModel::Hourly);
    assert_eq!(details.budget, Budget::None);
    assert!(details.active);
}

#[test]
fn a_code_with_spaces_or_symbols_is_refused() {
    assert_eq!(parse_engagement(&EngagementForm { code: "ACM AUDIT".into(), ..form() }).unwrap_err().0, "code");
    assert_eq!(parse_engagement(&EngagementForm { code: String::new(), ..form() }).unwrap_err().0, "code");
}

#[test]
fn a_budget_is_in_hours_or_money_and_more_than_zero() {
    let hours = parse_engagement(&EngagementForm { budget_kind: "hours".into(), budget: "120".into(), ..form() });
    assert_eq!(hours.unwrap().budget, Budget::Hours(Minutes(7200)));
    let money = parse_engagement(&EngagementForm { budget_kind: "money".into(), budget: "25.000,00".into(), ..form() });
    assert_eq!(money.unwrap().budget, Budget::Money(2_500_000));
    let zero = parse_engagement(&EngagementForm { budget_kind: "hours".into(), budget: "0".into(), ..form() });
    assert_eq!(zero.unwrap_err().0, "budget");
}

#[test]
fn a_fixed_fee_needs_its_fee_and_a_retainer_its_period() {
    let no_fee = parse_engagement(&EngagementForm { billing_model: "fixed_fee".into(), ..form() });
    assert_eq!(no_fee.unwrap_err().0, "fee");
    let retainer = EngagementForm { billing_model: "retainer".into(), fee: "1500".into(), ..form() };
    assert_eq!(parse_engagement(&retainer).unwrap_err().0, "retainer_period");
    let monthly = EngagementForm { retainer_period: "month".into(), ..retainer };
    assert_eq!(parse_engagement(&monthly).unwrap().fee_minor, Some(150_000));
}

#[test]
fn an_hourly_engagement_ignores_a_stray_fee() {
    let details = parse_engagement(&EngagementForm { fee: "99".into(), ..form() }).unwrap();
    assert_eq!(details.fee_minor, None);
}

#[test]
fn the_end_date_cannot_come_before_the_start() {
    let backwards = EngagementForm { starts_on: "2026-12-01".into(), ends_on: "2026-11-01".into(), ..form() };
    assert_eq!(parse_engagement(&backwards).unwrap_err().0, "ends_on");
}

#[test]
fn checked_members_are_read_from_their_keys() {
    let mut members = BTreeMap::new();
    members.insert(member_key(3), "on".to_owned());
    members.insert(member_key(7), "on".to_owned());
    assert_eq!(parse_engagement(&EngagementForm { members, ..form() }).unwrap().members, vec![3, 7]);
}

#[test]
fn a_client_needs_a_name_and_a_currency_and_a_plausible_tax_id() {
    let client = ClientForm {
        name: "Acme".into(),
        currency: "EUR".into(),
        tax_id: "DE 123/456".into(),
        ..ClientForm::default()
    };
    assert_eq!(parse_client(&client).unwrap().tax_id, "DE 123/456");
    assert_eq!(parse_client(&ClientForm { tax_id: "<script>".into(), ..client.clone() }).unwrap_err().0, "tax_id");
    assert_eq!(parse_client(&ClientForm { currency: "euro".into(), ..client.clone() }).unwrap_err().0, "currency");
    assert_eq!(parse_client(&ClientForm { name: " ".into(), ..client }).unwrap_err().0, "name");
}

#[test]
fn burn_is_shown_against_an_hours_budget_and_flags_an_overrun() {
    let burn_of = |used| burn(Budget::Hours(Minutes(600)), Minutes(used), None, Formats::default()).unwrap();
    assert_eq!(burn_of(150).percent, 25);
    assert!(!burn_of(600).over);
    assert!(burn_of(601).over);
    assert_eq!(burn_of(150).used, "2:30 h");
}

#[test]
fn a_money_budget_burns_only_once_time_is_priced() {
    assert_eq!(burn(Budget::Money(10_000), Minutes(60), None, Formats::default()), None);
    let burnt = burn(Budget::Money(10_000), Minutes(60), Some(12_500), Formats::default()).unwrap();
    assert_eq!((burnt.percent, burnt.over, burnt.used.as_str()), (125, true, "125.00"));
    assert_eq!(burn(Budget::None, Minutes(60), Some(1), Formats::default()), None);
}

fn retainer() -> EngagementForm {
    EngagementForm { billing_model: "retainer".into(), fee: "1500".into(), retainer_period: "month".into(), ..form() }
}

#[test]
fn a_retainer_s_included_hours_read_as_whole_or_clock_hours() {
    for typed in ["20", "20:00", " 20h "] {
        let details = parse_engagement(&EngagementForm { retainer_hours: typed.into(), ..retainer() }).unwrap();
        assert_eq!(details.retainer_included, Some(Minutes(1200)), "{typed}");
    }
    let blank = parse_engagement(&retainer()).unwrap();
    assert_eq!((blank.retainer_included, blank.bill_overage), (None, false));
}

#[test]
fn included_hours_must_be_more_than_zero_and_readable() {
    for typed in ["0", "0:00", "twenty", "20:75"] {
        let refused = parse_engagement(&EngagementForm { retainer_hours: typed.into(), ..retainer() });
        assert_eq!(refused.unwrap_err().0, "retainer_hours", "{typed}");
    }
    let too_many = parse_engagement(&EngagementForm { retainer_hours: "40000000".into(), ..retainer() });
    assert_eq!(too_many.unwrap_err().0, "retainer_hours");
}

#[test]
fn billing_overage_needs_included_hours() {
    let without = parse_engagement(&EngagementForm { bill_overage: Some("on".into()), ..retainer() });
    assert_eq!(without.unwrap_err().0, "bill_overage");
    let with = EngagementForm { retainer_hours: "20".into(), bill_overage: Some("on".into()), ..retainer() };
    assert!(parse_engagement(&with).unwrap().bill_overage);
}

#[test]
fn other_billing_models_ignore_retainer_hours_and_overage() {
    let hourly = EngagementForm { retainer_hours: "nonsense".into(), bill_overage: Some("on".into()), ..form() };
    let details = parse_engagement(&hourly).unwrap();
    assert_eq!((details.retainer_included, details.bill_overage), (None, false));
}
