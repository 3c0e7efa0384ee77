//! Which rule prices an entry, and the sentence that says why.

use super::*;

#[test]
fn an_engagement_person_rate_beats_everything() {
    let rules: Vec<RateRule> = matching_scopes().into_iter().zip(1..).map(|(scope, id)| rule(id, scope, 100)).collect();

    let rate = resolve(&rules, RateKind::Billable, &ctx()).unwrap();

    assert_eq!(rate.scope, RateScope::EngagementPerson { engagement_id: ENGAGEMENT, user_id: ADA });
}

#[test]
fn an_engagement_rate_beats_a_person_rate() {
    assert_eq!(
        winner(&[rule(1, RateScope::Engagement(ENGAGEMENT), 150), rule(2, RateScope::Person(ADA), 200)]),
        Some(1)
    );
}

#[test]
fn a_person_rate_beats_a_client_rate() {
    assert_eq!(winner(&[rule(1, RateScope::Client(CLIENT), 90), rule(2, RateScope::Person(ADA), 120)]), Some(2));
}

#[test]
fn a_client_rate_beats_a_role_rate() {
    assert_eq!(
        winner(&[rule(1, RateScope::Role(Role::Manager), 140), rule(2, RateScope::Client(CLIENT), 110)]),
        Some(2)
    );
}

#[test]
fn a_role_rate_beats_the_firm_default() {
    assert_eq!(winner(&[rule(1, RateScope::FirmDefault, 100), rule(2, RateScope::Role(Role::Manager), 140)]), Some(2));
}

#[test]
fn every_scope_beats_every_less_specific_scope_in_either_order() {
    let scopes = matching_scopes();
    for (i, less) in scopes.iter().enumerate() {
        for more in &scopes[i + 1..] {
            // The less specific rule is newer and entered later: it still loses.
            let specific = rule(1, *more, 100);
            let general = from(day(2026, 3, 1), rule(2, *less, 200));

            assert_eq!(winner(&[specific.clone(), general.clone()]), Some(1), "{more:?} over {less:?}");
            assert_eq!(winner(&[general, specific]), Some(1), "{more:?} over {less:?}");
        }
    }
}

#[test]
fn specificity_beats_recency() {
    let negotiated = from(day(2024, 6, 1), rule(1, RateScope::Engagement(ENGAGEMENT), 120));
    let firm_increase = from(day(2026, 1, 1), rule(2, RateScope::FirmDefault, 150));

    assert_eq!(winner(&[negotiated, firm_increase]), Some(1));
}

#[test]
fn the_firm_default_prices_an_entry_nothing_else_matches() {
    let rules = [
        rule(1, RateScope::FirmDefault, 100),
        rule(2, RateScope::Person(99), 300),
        rule(3, RateScope::Client(99), 300),
        rule(4, RateScope::Engagement(99), 300),
        rule(5, RateScope::Role(Role::Admin), 300),
    ];

    assert_eq!(winner(&rules), Some(1));
}

#[test]
fn no_rule_at_all_gives_no_rate() {
    assert_eq!(winner(&[]), None);
}

#[test]
fn a_rule_taking_effect_after_the_entry_does_not_apply() {
    let future = from(day(2026, 3, 11), rule(1, RateScope::Person(ADA), 200));

    assert_eq!(winner(std::slice::from_ref(&future)), None);
    assert_eq!(winner(&[future, rule(2, RateScope::FirmDefault, 100)]), Some(2));
}

#[test]
fn a_rule_taking_effect_on_the_entry_date_applies() {
    assert_eq!(winner(&[from(day(2026, 3, 10), rule(1, RateScope::Person(ADA), 200))]), Some(1));
}

#[test]
fn within_a_scope_the_latest_effective_date_wins() {
    let old = from(day(2025, 1, 1), rule(2, RateScope::Person(ADA), 100));
    let new = from(day(2026, 2, 1), rule(1, RateScope::Person(ADA), 120));

    assert_eq!(winner(&[old, new]), Some(1));
}

#[test]
fn an_older_rule_still_prices_entries_before_a_newer_one_starts() {
    let old = from(day(2025, 1, 1), rule(1, RateScope::Person(ADA), 100));
    let new = from(day(2026, 4, 1), rule(2, RateScope::Person(ADA), 120));

    assert_eq!(winner(&[old, new]), Some(1));
}

#[test]
fn within_a_scope_and_date_the_later_entered_rule_wins() {
    let rules = [
        rule(7, RateScope::Client(CLIENT), 100),
        rule(9, RateScope::Client(CLIENT), 95),
        rule(8, RateScope::Client(CLIENT), 90),
    ];

    assert_eq!(winner(&rules), Some(9));
}

#[test]
fn a_rule_in_another_currency_does_not_apply() {
    let dollars = RateRule { hourly: Money::new(20_000, Currency::USD), ..rule(1, RateScope::Person(ADA), 0) };

    assert_eq!(winner(std::slice::from_ref(&dollars)), None);
    assert_eq!(winner(&[dollars, rule(2, RateScope::FirmDefault, 100)]), Some(2));
}

#[test]
fn a_cost_rate_never_prices_billable_time_and_the_reverse() {
    let cost = RateRule { kind: RateKind::Cost, ..rule(1, RateScope::Person(ADA), 60) };
    let billable = rule(2, RateScope::FirmDefault, 100);
    let rules = [cost, billable];

    assert_eq!(winner(&rules), Some(2));
    assert_eq!(resolve(&rules, RateKind::Cost, &ctx()).map(|r| r.rate_id), Some(1));
}

#[test]
fn rates_for_other_people_clients_and_engagements_do_not_apply() {
    for scope in [
        RateScope::Person(6),
        RateScope::Client(8),
        RateScope::Engagement(71),
        RateScope::EngagementPerson { engagement_id: 71, user_id: ADA },
        RateScope::EngagementPerson { engagement_id: ENGAGEMENT, user_id: 6 },
        RateScope::Role(Role::Employee),
        RateScope::Role(Role::Admin),
    ] {
        assert_eq!(winner(&[rule(1, scope, 100)]), None, "{scope:?}");
    }
}

#[test]
fn a_role_rate_follows_the_role_held_on_the_entry_date() {
    let rules = [rule(1, RateScope::Role(Role::Employee), 80), rule(2, RateScope::Role(Role::Manager), 140)];
    let as_employee = EntryContext { role: Role::Employee, ..ctx() };

    assert_eq!(resolve(&rules, RateKind::Billable, &as_employee).map(|r| r.rate_id), Some(1));
    assert_eq!(winner(&rules), Some(2));
}

#[test]
fn the_resolved_rate_carries_the_rule_it_came_from() {
    let rule = from(day(2025, 7, 1), rule(4, RateScope::Client(CLIENT), 95));

    let rate = resolve(std::slice::from_ref(&rule), RateKind::Billable, &ctx()).unwrap();

    assert_eq!(
        (rate.rate_id, rate.hourly, rate.scope, rate.effective_from),
        (4, Money::new(9_500, Currency::EUR), RateScope::Client(CLIENT), day(2025, 7, 1))
    );
}

#[test]
fn the_explanation_names_the_scope_kind_and_date() {
    let rate = resolve(&[rule(1, RateScope::Engagement(ENGAGEMENT), 150)], RateKind::Billable, &ctx()).unwrap();

    assert_eq!(rate.explanation, "Engagement billable rate, effective 2026-01-01");
}

#[test]
fn the_explanation_names_the_rates_it_takes_precedence_over() {
    let rules = [
        rule(1, RateScope::FirmDefault, 100),
        rule(2, RateScope::Client(CLIENT), 110),
        from(day(2025, 1, 1), rule(3, RateScope::Client(CLIENT), 105)),
        rule(4, RateScope::EngagementPerson { engagement_id: ENGAGEMENT, user_id: ADA }, 130),
        rule(5, RateScope::Role(Role::Manager), 140),
    ];

    let rate = resolve(&rules, RateKind::Billable, &ctx()).unwrap();

    assert_eq!(
        rate.explanation,
        "Engagement + person billable rate, effective 2026-01-01; \
         it takes precedence over the client, Manager role and firm default rates"
    );
}

#[test]
fn a_cost_rate_explains_itself_as_a_cost_rate() {
    let cost = RateRule { kind: RateKind::Cost, ..rule(1, RateScope::FirmDefault, 60) };

    let rate = resolve(&[cost, rule(2, RateScope::Person(ADA), 100)], RateKind::Cost, &ctx()).unwrap();

    assert_eq!(rate.explanation, "Firm default cost rate, effective 2026-01-01");
}

#[test]
fn rules_and_resolved_rates_round_trip_through_json() {
    let rule = rule(1, RateScope::EngagementPerson { engagement_id: ENGAGEMENT, user_id: ADA }, 130);
    let rate = resolve(std::slice::from_ref(&rule), RateKind::Billable, &ctx()).unwrap();

    let rule_back: RateRule = serde_json::from_str(&serde_json::to_string(&rule).unwrap()).unwrap();
    let rate_back: ResolvedRate = serde_json::from_str(&serde_json::to_string(&rate).unwrap()).unwrap();

    assert_eq!((rule_back, rate_back), (rule, rate));
}
