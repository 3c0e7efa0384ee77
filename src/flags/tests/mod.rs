//! Rollout buckets and the resolution layers; sentences and the catalog are in `explain`.

mod explain;

use super::*;

fn def(key: &str) -> FlagDefinition {
    definition(key).unwrap().clone()
}

fn rolling(percent: u8) -> FlagDefinition {
    FlagDefinition { rollout_percent: Some(percent), ..def("multi_step_approvals") }
}

const TENANT: &str = "tenant-1";

// The hash and buckets.

#[test]
fn fnv1a_matches_the_published_test_vectors() {
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn a_firms_rollout_bucket_never_changes() {
    // Fixed forever: changing these moves real firms in or out of rollouts.
    assert_eq!(rollout_bucket("timer", "tenant-1"), 17);
    assert_eq!(rollout_bucket("timer", "3f2b8c1e-0000-4000-8000-000000000001"), 90);
    assert_eq!(rollout_bucket("timer", "42"), 25);
    assert_eq!(rollout_bucket("timer", "tenant-1"), rollout_bucket("timer", "tenant-1"));
}

#[test]
fn about_a_quarter_of_ten_thousand_firms_land_in_a_25_percent_rollout() {
    let inside = (0..10_000).filter(|i| rollout_bucket("timer", &format!("tenant-{i}")) < 25).count();
    assert!((2_300..=2_700).contains(&inside), "{inside}");
}

#[test]
fn about_a_tenth_of_ten_thousand_uuid_like_firms_land_in_a_10_percent_rollout() {
    let inside =
        (0..10_000).filter(|i| rollout_bucket("timer", &format!("00000000-0000-4000-8000-{i:012}")) < 10).count();
    assert!((900..=1_100).contains(&inside), "{inside}");
}

#[test]
fn different_flags_roll_out_to_different_firms_first() {
    let differs = (0..100).filter(|i| {
        let tenant = format!("tenant-{i}");
        rollout_bucket("timer", &tenant) != rollout_bucket("expenses", &tenant)
    });
    assert!(differs.count() > 50);
}

// The layers, one at a time.

#[test]
fn with_nothing_set_the_default_decides() {
    let resolved = resolve(&def("expenses"), TENANT, None, None, None);
    assert_eq!((resolved.value, resolved.decided_by), (FlagValue::Off, Layer::Default));
}

#[test]
fn a_firm_in_the_rollout_gets_the_switch_on() {
    let resolved = resolve(&def("timer"), "tenant-1", None, None, None);
    assert_eq!((resolved.value, resolved.decided_by), (FlagValue::On, Layer::Rollout { percent: 25 }));
}

#[test]
fn a_firm_outside_the_rollout_keeps_the_default() {
    let resolved = resolve(&def("timer"), "3f2b8c1e-0000-4000-8000-000000000001", None, None, None);
    assert_eq!((resolved.value, resolved.decided_by), (FlagValue::Off, Layer::Default));
}

#[test]
fn a_rollout_of_zero_reaches_nobody_and_of_one_hundred_everybody() {
    assert_eq!(resolve(&rolling(0), TENANT, None, None, None).value, FlagValue::Off);
    assert_eq!(resolve(&rolling(100), TENANT, None, None, None).value, FlagValue::On);
}

#[test]
fn a_plan_that_mentions_the_flag_overrides_default_and_rollout() {
    let resolved = resolve(&rolling(100), TENANT, Some(Plan::Starter), None, None);
    assert_eq!((resolved.value, resolved.decided_by), (FlagValue::Off, Layer::Plan(Plan::Starter)));
}

#[test]
fn a_plan_that_is_silent_leaves_the_flag_to_default_and_rollout() {
    let resolved = resolve(&def("timer"), "tenant-1", Some(Plan::Team), None, None);
    assert_eq!(resolved.decided_by, Layer::Rollout { percent: 25 });
}

#[test]
fn a_staff_override_beats_the_plan_both_ways() {
    let trial = resolve(&def("multi_step_approvals"), TENANT, Some(Plan::Starter), Some(FlagValue::On), None);
    let withdrawn = resolve(&def("multi_step_approvals"), TENANT, Some(Plan::Team), Some(FlagValue::Off), None);

    assert_eq!((trial.value, trial.decided_by), (FlagValue::On, Layer::StaffOverride));
    assert_eq!((withdrawn.value, withdrawn.decided_by), (FlagValue::Off, Layer::StaffOverride));
}

#[test]
fn a_firm_can_switch_off_a_feature_its_plan_has() {
    let resolved = resolve(&def("expenses"), TENANT, Some(Plan::Team), None, Some(FlagValue::Off));
    assert_eq!((resolved.value, resolved.decided_by), (FlagValue::Off, Layer::FirmSetting));
}

#[test]
fn a_firm_cannot_switch_on_a_feature_its_plan_lacks() {
    let resolved = resolve(&def("multi_step_approvals"), TENANT, Some(Plan::Starter), None, Some(FlagValue::On));

    assert_eq!((resolved.value, resolved.decided_by), (FlagValue::Off, Layer::Plan(Plan::Starter)));
    assert_eq!(resolved.firm_setting_refused, Some((FlagValue::On, Refusal::AboveAllowance)));
}

#[test]
fn a_firm_cannot_switch_on_what_staff_switched_off_but_can_switch_off_what_staff_switched_on() {
    let def = def("multi_step_approvals");

    let on = resolve(&def, TENANT, Some(Plan::Team), Some(FlagValue::Off), Some(FlagValue::On));
    let off = resolve(&def, TENANT, Some(Plan::Starter), Some(FlagValue::On), Some(FlagValue::Off));

    assert_eq!((on.value, on.decided_by), (FlagValue::Off, Layer::StaffOverride));
    assert_eq!((off.value, off.decided_by), (FlagValue::Off, Layer::FirmSetting));
}

#[test]
fn a_firm_can_lower_a_limit_but_not_raise_it() {
    let def = def("max_active_users");

    let lowered = resolve(&def, TENANT, Some(Plan::Team), None, Some(FlagValue::Limit(20)));
    let raised = resolve(&def, TENANT, Some(Plan::Team), None, Some(FlagValue::Limit(80)));
    let unlimited = resolve(&def, TENANT, Some(Plan::Team), None, Some(FlagValue::Unlimited));

    assert_eq!((lowered.value, lowered.decided_by), (FlagValue::Limit(20), Layer::FirmSetting));
    assert_eq!((raised.value, raised.decided_by), (FlagValue::Limit(50), Layer::Plan(Plan::Team)));
    assert_eq!(unlimited.value, FlagValue::Limit(50));
    assert_eq!(unlimited.firm_setting_refused, Some((FlagValue::Unlimited, Refusal::AboveAllowance)));
}

#[test]
fn a_firm_can_cap_an_unlimited_plan() {
    let resolved = resolve(&def("max_active_users"), TENANT, Some(Plan::Enterprise), None, Some(FlagValue::Limit(200)));
    assert_eq!((resolved.value, resolved.decided_by), (FlagValue::Limit(200), Layer::FirmSetting));
}

#[test]
fn a_firm_setting_equal_to_what_is_allowed_leaves_the_reason_with_the_plan() {
    let resolved = resolve(&def("expenses"), TENANT, Some(Plan::Team), None, Some(FlagValue::On));
    assert_eq!(
        (resolved.value, resolved.decided_by, resolved.firm_setting_refused),
        (FlagValue::On, Layer::Plan(Plan::Team), None)
    );
}

#[test]
fn a_firm_setting_for_a_flag_firms_cannot_adjust_is_refused() {
    let fixed = FlagDefinition { firm_adjustable: false, ..def("expenses") };

    let resolved = resolve(&fixed, TENANT, Some(Plan::Team), None, Some(FlagValue::Off));

    assert_eq!(resolved.value, FlagValue::On);
    assert_eq!(resolved.firm_setting_refused, Some((FlagValue::Off, Refusal::NotAdjustable)));
}

#[test]
fn a_value_of_the_wrong_kind_is_ignored_at_every_layer() {
    let switch = resolve(&def("expenses"), TENANT, None, Some(FlagValue::Unlimited), Some(FlagValue::Limit(1)));
    let limit = resolve(&def("max_active_users"), TENANT, None, Some(FlagValue::On), Some(FlagValue::Off));

    assert_eq!((switch.value, switch.decided_by), (FlagValue::Off, Layer::Default));
    assert_eq!((limit.value, limit.decided_by), (FlagValue::Limit(3), Layer::Default));
}

#[test]
fn a_rollout_on_a_limit_is_ignored() {
    let odd = FlagDefinition { rollout_percent: Some(100), ..def("max_active_users") };
    assert_eq!(resolve(&odd, TENANT, None, None, None).decided_by, Layer::Default);
}

#[test]
fn in_every_combination_the_firm_never_gets_more_than_the_layers_above_allow() {
    let def = rolling(100);
    let options = [None, Some(FlagValue::On), Some(FlagValue::Off)];
    for tenant_in_rollout in [true, false] {
        let def = FlagDefinition { rollout_percent: Some(if tenant_in_rollout { 100 } else { 0 }), ..def.clone() };
        for plan in [None, Some(Plan::Starter), Some(Plan::Team)] {
            for staff in options {
                let allowed = resolve(&def, TENANT, plan, staff, None);
                for firm in options {
                    let resolved = resolve(&def, TENANT, plan, staff, firm);
                    let case = format!("rollout {tenant_in_rollout}, {plan:?}, staff {staff:?}, firm {firm:?}");

                    assert!(resolved.value.within(allowed.value), "{case}");
                    if firm == Some(FlagValue::Off) {
                        assert_eq!(resolved.value, FlagValue::Off, "{case}");
                    }
                    if let Some(staff) = staff.filter(|_| firm.is_none()) {
                        assert_eq!((resolved.value, resolved.decided_by), (staff, Layer::StaffOverride), "{case}");
                    }
                    if staff.is_none() && firm.is_none() && plan.is_none() {
                        let expected = if tenant_in_rollout { FlagValue::On } else { FlagValue::Off };
                        assert_eq!(resolved.value, expected, "{case}");
                    }
                }
            }
        }
    }
}
