//! The flags PesPro knows and what each plan includes. Both are data in code:
//! a flag exists because code checks it, so declaring it next to that code
//! (and reviewing it with it) keeps the two in step, and a typo in a key is
//! caught by the tests below rather than by a firm.

use super::{FlagDefinition, FlagKind, FlagValue};
use serde::{Deserialize, Serialize};

pub const CATALOG: &[FlagDefinition] = &[
    FlagDefinition {
        key: "expenses",
        description: "Record and approve expenses",
        kind: FlagKind::Switch,
        default: FlagValue::Off,
        firm_adjustable: true,
        rollout_percent: None,
    },
    FlagDefinition {
        key: "timer",
        description: "Start and stop a timer instead of typing durations",
        kind: FlagKind::Switch,
        default: FlagValue::Off,
        firm_adjustable: true,
        // New: released to a quarter of firms first.
        rollout_percent: Some(25),
    },
    FlagDefinition {
        key: "multi_step_approvals",
        description: "Approval workflows with more than one step",
        kind: FlagKind::Switch,
        default: FlagValue::Off,
        firm_adjustable: true,
        rollout_percent: None,
    },
    FlagDefinition {
        key: "max_active_users",
        description: "How many people can be active in the firm at once",
        kind: FlagKind::Limit,
        default: FlagValue::Limit(3),
        // A firm may cap its own seats (a budget), never add to them.
        firm_adjustable: true,
        rollout_percent: None,
    },
];

/// The flag declared under `key`.
pub fn definition(key: &str) -> Option<&'static FlagDefinition> {
    CATALOG.iter().find(|def| def.key == key)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Plan {
    Starter,
    Team,
    Enterprise,
}

/// What each plan says about each flag. A flag a plan does not mention is
/// left to the layers below it (default and rollout): that is how a feature
/// in rollout reaches firms on every plan.
const STARTER: &[(&str, FlagValue)] =
    &[("expenses", FlagValue::On), ("multi_step_approvals", FlagValue::Off), ("max_active_users", FlagValue::Limit(5))];
const TEAM: &[(&str, FlagValue)] =
    &[("expenses", FlagValue::On), ("multi_step_approvals", FlagValue::On), ("max_active_users", FlagValue::Limit(50))];
const ENTERPRISE: &[(&str, FlagValue)] = &[
    ("expenses", FlagValue::On),
    ("multi_step_approvals", FlagValue::On),
    ("timer", FlagValue::On),
    ("max_active_users", FlagValue::Unlimited),
];

impl Plan {
    pub const ALL: [Plan; 3] = [Plan::Starter, Plan::Team, Plan::Enterprise];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Plan::Starter => "starter",
            Plan::Team => "team",
            Plan::Enterprise => "enterprise",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|plan| plan.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Plan::Starter => "Starter",
            Plan::Team => "Team",
            Plan::Enterprise => "Enterprise",
        }
    }

    pub fn entitlements(self) -> &'static [(&'static str, FlagValue)] {
        match self {
            Plan::Starter => STARTER,
            Plan::Team => TEAM,
            Plan::Enterprise => ENTERPRISE,
        }
    }

    /// What this plan says about the flag `key`, if anything.
    pub fn entitlement(self, key: &str) -> Option<FlagValue> {
        self.entitlements().iter().find(|(k, _)| *k == key).map(|(_, value)| *value)
    }
}
