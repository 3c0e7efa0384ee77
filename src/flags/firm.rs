//! Every catalogue flag resolved for one firm at once, from the inputs the
//! server holds for it: the plan and staff overrides (from the tenant
//! registry) and the firm's own settings (from its `firm_settings`). Code
//! asks this one value "is expenses on?", "how many seats?", and the
//! settings page lists it, so they can never disagree.

use super::{CATALOG, FlagDefinition, FlagKind, FlagValue, Layer, Plan, Resolved, resolve};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The switches code checks by name. A typed list rather than strings at
/// the call sites, so a typo is a compile error and the refusal sentence
/// can name the feature properly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Feature {
    Expenses,
    Timer,
    MultiStepApprovals,
}

impl Feature {
    pub const ALL: [Feature; 3] = [Feature::Expenses, Feature::Timer, Feature::MultiStepApprovals];

    /// Its key in the catalogue.
    pub fn key(self) -> &'static str {
        match self {
            Feature::Expenses => "expenses",
            Feature::Timer => "timer",
            Feature::MultiStepApprovals => "multi_step_approvals",
        }
    }

    /// How a sentence names it, with the verb that agrees with it.
    fn subject(self) -> (&'static str, &'static str) {
        match self {
            Feature::Expenses => ("Expenses", "aren't"),
            Feature::Timer => ("The timer", "isn't"),
            Feature::MultiStepApprovals => ("Approval workflows with more than one step", "aren't"),
        }
    }
}

/// The key of the seat limit.
pub const MAX_ACTIVE_USERS: &str = "max_active_users";

/// One flag as it stands for a firm, with the inputs that decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirmFlag {
    pub definition: &'static FlagDefinition,
    pub resolved: Resolved,
    pub staff_override: Option<FlagValue>,
    pub firm_setting: Option<FlagValue>,
}

/// What one firm has: every flag of the catalogue, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirmFlags {
    flags: Vec<FirmFlag>,
}

impl FirmFlags {
    /// `overrides` and `settings` are by flag key; keys the catalogue does
    /// not know are ignored (a flag retired from the code).
    pub fn resolve(
        tenant_id: &str,
        plan: Plan,
        overrides: &HashMap<String, FlagValue>,
        settings: &HashMap<String, FlagValue>,
    ) -> Self {
        let flags = CATALOG
            .iter()
            .map(|definition| {
                let staff_override = overrides.get(definition.key).copied();
                let firm_setting = settings.get(definition.key).copied();
                let resolved = resolve(definition, tenant_id, Some(plan), staff_override, firm_setting);
                FirmFlag { definition, resolved, staff_override, firm_setting }
            })
            .collect();
        Self { flags }
    }

    pub fn iter(&self) -> impl Iterator<Item = &FirmFlag> {
        self.flags.iter()
    }

    pub fn get(&self, key: &str) -> Option<&FirmFlag> {
        self.flags.iter().find(|flag| flag.definition.key == key)
    }

    pub fn is_on(&self, feature: Feature) -> bool {
        self.get(feature.key()).is_some_and(|flag| flag.resolved.is_on())
    }

    /// The switches that are on, for the page (which hides the others).
    pub fn enabled(&self) -> Vec<Feature> {
        Feature::ALL.into_iter().filter(|feature| self.is_on(*feature)).collect()
    }

    /// How many people may be active at once.
    pub fn max_active_users(&self) -> FlagValue {
        self.get(MAX_ACTIVE_USERS)
            .map(|flag| flag.resolved.value)
            .filter(|value| value.kind() == FlagKind::Limit)
            .unwrap_or(FlagValue::Limit(0))
    }

    /// Why `feature` can't be used here, as a sentence that names who can
    /// change it; `None` when it is on.
    pub fn refusal(&self, feature: Feature) -> Option<String> {
        if self.is_on(feature) {
            return None;
        }
        let (name, verb) = feature.subject();
        let decided_by = self.get(feature.key()).map(|flag| flag.resolved.decided_by);
        Some(match decided_by {
            Some(Layer::FirmSetting) => format!(
                "{name} {verb} available here: the firm's administrators switched this off. An administrator can \
                 switch it back on under Settings → Features."
            ),
            Some(Layer::StaffOverride) => format!(
                "{name} {verb} available here: PesPro switched this off for the firm. Your firm's administrator \
                 can ask PesPro about it."
            ),
            _ => format!(
                "{name} {verb} included in this firm's plan. Your firm's administrator can ask PesPro to change \
                 the plan."
            ),
        })
    }
}

/// "you can't have more than N active people" — for every place that adds
/// or reactivates someone.
pub fn seat_limit_message(limit: u32) -> String {
    let people = if limit == 1 { "person" } else { "people" };
    format!(
        "This firm's plan allows {limit} active {people}, and that many are active already. Deactivate someone, \
         or ask PesPro to change the plan."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(plan: Plan, overrides: &[(&str, FlagValue)], settings: &[(&str, FlagValue)]) -> FirmFlags {
        let to_map =
            |pairs: &[(&str, FlagValue)]| pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect::<HashMap<_, _>>();
        // Tenant "2" is outside the timer's 25% rollout, so the plan decides.
        FirmFlags::resolve("2", plan, &to_map(overrides), &to_map(settings))
    }

    #[test]
    fn every_catalogue_flag_is_resolved() {
        let firm = flags(Plan::Team, &[], &[]);
        assert_eq!(firm.iter().count(), CATALOG.len());
    }

    #[test]
    fn the_plan_decides_when_nothing_else_is_set() {
        let firm = flags(Plan::Starter, &[], &[]);
        assert!(firm.is_on(Feature::Expenses));
        assert!(!firm.is_on(Feature::MultiStepApprovals));
        assert_eq!(firm.max_active_users(), FlagValue::Limit(5));
        assert_eq!(firm.enabled(), vec![Feature::Expenses]);
    }

    #[test]
    fn a_staff_override_switches_on_what_the_plan_lacks() {
        let firm = flags(Plan::Team, &[("timer", FlagValue::On)], &[]);
        assert!(firm.is_on(Feature::Timer));
        assert_eq!(firm.get("timer").unwrap().resolved.decided_by, Layer::StaffOverride);
    }

    #[test]
    fn a_firm_setting_narrows_and_the_refusal_says_who_can_undo_it() {
        let firm = flags(Plan::Enterprise, &[], &[("expenses", FlagValue::Off)]);
        assert!(!firm.is_on(Feature::Expenses));
        let message = firm.refusal(Feature::Expenses).unwrap();
        assert!(message.contains("administrator"), "{message}");
        assert!(message.contains("Settings → Features"), "{message}");
    }

    #[test]
    fn a_feature_missing_from_the_plan_is_refused_naming_the_plan() {
        let firm = flags(Plan::Starter, &[], &[]);
        let message = firm.refusal(Feature::MultiStepApprovals).unwrap();
        assert!(message.starts_with("Approval workflows with more than one step aren't included in this firm's plan"));
        assert_eq!(firm.refusal(Feature::Expenses), None);
    }

    #[test]
    fn a_firm_setting_cannot_raise_the_seat_limit() {
        let firm = flags(Plan::Starter, &[], &[(MAX_ACTIVE_USERS, FlagValue::Limit(500))]);
        assert_eq!(firm.max_active_users(), FlagValue::Limit(5));
        let lowered = flags(Plan::Starter, &[], &[(MAX_ACTIVE_USERS, FlagValue::Limit(2))]);
        assert_eq!(lowered.max_active_users(), FlagValue::Limit(2));
    }

    #[test]
    fn unknown_keys_are_ignored() {
        let firm = flags(Plan::Team, &[("teleport", FlagValue::On)], &[("teleport", FlagValue::On)]);
        assert!(firm.get("teleport").is_none());
    }

    #[test]
    fn the_seat_limit_message_names_the_limit() {
        assert!(seat_limit_message(5).contains("allows 5 active people"));
        assert!(seat_limit_message(1).contains("allows 1 active person"));
    }
}
