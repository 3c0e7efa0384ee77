//! The sentences shown next to flags, and the catalog and plans themselves.

use super::*;

// Explanations.

#[test]
fn why_names_the_layer_that_decided() {
    let cases = [
        (resolve(&def("expenses"), TENANT, Some(Plan::Team), None, None), "On because the Team plan includes it"),
        (
            resolve(&def("multi_step_approvals"), TENANT, Some(Plan::Starter), None, None),
            "Off because the Starter plan doesn't include it",
        ),
        (resolve(&def("max_active_users"), TENANT, Some(Plan::Team), None, None), "Limited to 50 on the Team plan"),
        (
            resolve(&def("max_active_users"), TENANT, Some(Plan::Enterprise), None, None),
            "Unlimited on the Enterprise plan",
        ),
        (resolve(&def("expenses"), TENANT, None, None, None), "Off by default"),
        (
            resolve(&def("timer"), "tenant-1", None, None, None),
            "On because this firm is among the 25% that get it first",
        ),
        (
            resolve(&def("expenses"), TENANT, Some(Plan::Starter), Some(FlagValue::Off), None),
            "Off because PesPro staff set it for this firm",
        ),
        (
            resolve(&def("expenses"), TENANT, Some(Plan::Team), None, Some(FlagValue::Off)),
            "Off because the firm switched it off",
        ),
        (
            resolve(&def("max_active_users"), TENANT, Some(Plan::Team), None, Some(FlagValue::Limit(5))),
            "Limited to 5 because the firm chose it",
        ),
    ];
    for (resolved, expected) in cases {
        assert_eq!(why(&resolved), expected);
    }
}

#[test]
fn why_says_when_the_firms_own_setting_was_not_used() {
    let above = resolve(&def("multi_step_approvals"), TENANT, Some(Plan::Starter), None, Some(FlagValue::On));
    let fixed = FlagDefinition { firm_adjustable: false, ..def("expenses") };
    let not_adjustable = resolve(&fixed, TENANT, Some(Plan::Team), None, Some(FlagValue::Off));

    assert_eq!(
        why(&above),
        "Off because the Starter plan doesn't include it; the firm's setting (On) is not used because it goes beyond that"
    );
    assert_eq!(
        why(&not_adjustable),
        "On because the Team plan includes it; the firm's setting (Off) is not used because firms can't change this"
    );
}

// The catalog and plans.

#[test]
fn the_catalog_declares_the_flags_the_code_checks() {
    for key in ["expenses", "timer", "multi_step_approvals", "max_active_users"] {
        assert!(definition(key).is_some(), "{key}");
    }
    assert_eq!(definition("teleport"), None);
}

#[test]
fn catalog_entries_are_unique_and_consistent() {
    for (i, def) in CATALOG.iter().enumerate() {
        assert!(CATALOG[i + 1..].iter().all(|other| other.key != def.key), "{} twice", def.key);
        assert_eq!(def.default.kind(), def.kind, "{}", def.key);
        if let Some(percent) = def.rollout_percent {
            assert!(def.kind == FlagKind::Switch && percent <= 100, "{}", def.key);
        }
    }
}

#[test]
fn every_plan_entitlement_names_a_catalog_flag_with_a_value_of_its_kind() {
    for plan in Plan::ALL {
        for (key, value) in plan.entitlements() {
            let def = definition(key).unwrap_or_else(|| panic!("{plan:?} names unknown flag {key}"));
            assert_eq!(value.kind(), def.kind, "{plan:?} {key}");
        }
    }
}

#[test]
fn a_bigger_plan_includes_at_least_what_a_smaller_one_does() {
    for pair in Plan::ALL.windows(2) {
        let (smaller, bigger) = (pair[0], pair[1]);
        for (key, value) in smaller.entitlements() {
            let theirs = bigger.entitlement(key).unwrap_or_else(|| panic!("{bigger:?} is silent on {key}"));
            assert!(value.within(theirs), "{smaller:?} {key}");
        }
    }
}

#[test]
fn a_plan_round_trips_through_its_stored_form_and_unknown_forms_are_refused() {
    for plan in Plan::ALL {
        assert_eq!(Plan::parse(plan.as_str()), Some(plan));
    }
    assert_eq!(Plan::parse("Team"), None);
}

#[test]
fn a_limit_allows_counts_up_to_it_and_unlimited_allows_any() {
    assert!(FlagValue::Limit(5).allows(5));
    assert!(!FlagValue::Limit(5).allows(6));
    assert!(FlagValue::Unlimited.allows(u32::MAX));
    assert!(!FlagValue::Off.allows(0));
}

#[test]
fn a_resolved_flag_round_trips_through_json() {
    let resolved = resolve(&def("multi_step_approvals"), TENANT, Some(Plan::Starter), None, Some(FlagValue::On));

    let back: Resolved = serde_json::from_str(&serde_json::to_string(&resolved).unwrap()).unwrap();

    assert_eq!(back, resolved);
}
