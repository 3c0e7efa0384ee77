//! Feature flags and plan entitlements, resolved by one pure function so the
//! server, the browser and the staff console always agree on what a firm has
//! — and can say why.
//!
//! # Layers
//!
//! A flag's value for a firm is decided by layers, each overriding the one
//! before it:
//!
//! 1. **default** — the catalog's value for everybody;
//! 2. **rollout** — a switch released gradually is on for a stable
//!    percentage of firms (see [`rollout_bucket`]);
//! 3. **plan** — what the firm's plan includes, where the plan says anything;
//! 4. **staff override** — PesPro staff may set any value for one firm
//!    (a trial of a feature, a negotiated seat count), up or down;
//! 5. **firm setting** — where the flag is `firm_adjustable`, the firm's
//!    administrators may *narrow* what the layers above allow, never widen it:
//!    they can switch off a feature their plan has but not switch on one it
//!    lacks, and lower a limit but not raise it. Entitlements are what the
//!    firm pays for; settings are how it chooses to use them.
//!
//! A value of the wrong kind for its flag (a limit for a switch) is a data
//! error and is ignored by every layer, so one bad row cannot switch on a
//! paid feature.

mod catalog;
mod firm;
#[cfg(feature = "ssr")]
mod store;
mod stored;
#[cfg(test)]
mod tests;

pub use catalog::{CATALOG, Plan, definition};
pub use firm::{Feature, FirmFlag, FirmFlags, MAX_ACTIVE_USERS, seat_limit_message};
#[cfg(feature = "ssr")]
pub use store::{
    StaffActor, StaffOverride, firm_flags, firm_settings, set_firm_setting, set_plan, set_staff_override,
    staff_overrides,
};
pub use stored::{MAX_LIMIT, parse_input};

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FlagKind {
    /// On or off.
    Switch,
    /// A maximum count, or unlimited.
    Limit,
}

/// A flag's value. `On`/`Off` belong to switches; `Limit`/`Unlimited` to
/// limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FlagValue {
    On,
    Off,
    Limit(u32),
    Unlimited,
}

impl FlagValue {
    pub fn kind(self) -> FlagKind {
        match self {
            FlagValue::On | FlagValue::Off => FlagKind::Switch,
            FlagValue::Limit(_) | FlagValue::Unlimited => FlagKind::Limit,
        }
    }

    /// Does `self` allow no more than `ceiling`? Off is within anything, a
    /// lower limit within a higher one, anything within unlimited.
    pub fn within(self, ceiling: FlagValue) -> bool {
        match (self, ceiling) {
            (FlagValue::Off, FlagValue::On | FlagValue::Off) | (FlagValue::On, FlagValue::On) => true,
            (FlagValue::Limit(_) | FlagValue::Unlimited, FlagValue::Unlimited) => true,
            (FlagValue::Limit(value), FlagValue::Limit(max)) => value <= max,
            _ => false,
        }
    }

    /// Does this value allow `count` of something (users, say)? A switch
    /// allows anything when on.
    pub fn allows(self, count: u32) -> bool {
        match self {
            FlagValue::On | FlagValue::Unlimited => true,
            FlagValue::Off => false,
            FlagValue::Limit(max) => count <= max,
        }
    }
}

/// "On", "Off", "Limited to 5", "Unlimited".
impl fmt::Display for FlagValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlagValue::On => f.write_str("On"),
            FlagValue::Off => f.write_str("Off"),
            FlagValue::Limit(max) => write!(f, "Limited to {max}"),
            FlagValue::Unlimited => f.write_str("Unlimited"),
        }
    }
}

/// A flag as the code declares it (see [`CATALOG`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlagDefinition {
    /// Stable: stored in plans, overrides and settings, and hashed for rollouts.
    pub key: &'static str,
    pub description: &'static str,
    pub kind: FlagKind,
    pub default: FlagValue,
    /// May a firm's administrators narrow it for their own firm?
    pub firm_adjustable: bool,
    /// For switches being released: the percentage of firms (0–100) that get
    /// it switched on ahead of the plan layer. Ignored for limits.
    pub rollout_percent: Option<u8>,
}

/// Which layer decided a flag's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Layer {
    Default,
    Rollout { percent: u8 },
    Plan(Plan),
    StaffOverride,
    FirmSetting,
}

/// Why a firm's own setting was not applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Refusal {
    /// The flag is not `firm_adjustable`.
    NotAdjustable,
    /// The setting asks for more than the plan or staff allow.
    AboveAllowance,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    pub value: FlagValue,
    pub decided_by: Layer,
    /// A firm setting that was given but not applied, and why; shown next to
    /// the setting so the firm is not left wondering.
    pub firm_setting_refused: Option<(FlagValue, Refusal)>,
}

impl Resolved {
    pub fn is_on(&self) -> bool {
        self.value == FlagValue::On
    }
}

/// The value of `def` for the firm `tenant_id` on `plan`, with the staff
/// override and the firm's own setting for it, if any.
pub fn resolve(
    def: &FlagDefinition,
    tenant_id: &str,
    plan: Option<Plan>,
    staff_override: Option<FlagValue>,
    firm_setting: Option<FlagValue>,
) -> Resolved {
    let fits = |value: &FlagValue| value.kind() == def.kind;
    let mut resolved = Resolved { value: def.default, decided_by: Layer::Default, firm_setting_refused: None };
    if let Some(percent) = def.rollout_percent.filter(|_| def.kind == FlagKind::Switch) {
        let percent = percent.min(100);
        if rollout_bucket(def.key, tenant_id) < percent {
            resolved.value = FlagValue::On;
            resolved.decided_by = Layer::Rollout { percent };
        }
    }
    if let Some((plan, value)) = plan.and_then(|plan| plan.entitlement(def.key).filter(fits).map(|v| (plan, v))) {
        resolved.value = value;
        resolved.decided_by = Layer::Plan(plan);
    }
    if let Some(value) = staff_override.filter(fits) {
        resolved.value = value;
        resolved.decided_by = Layer::StaffOverride;
    }
    if let Some(setting) = firm_setting.filter(fits) {
        if !def.firm_adjustable {
            resolved.firm_setting_refused = Some((setting, Refusal::NotAdjustable));
        } else if !setting.within(resolved.value) {
            resolved.firm_setting_refused = Some((setting, Refusal::AboveAllowance));
        } else if setting != resolved.value {
            resolved.value = setting;
            resolved.decided_by = Layer::FirmSetting;
        }
    }
    resolved
}

/// A human sentence for the settings page: "On because the Team plan
/// includes it".
pub fn why(resolved: &Resolved) -> String {
    let value = resolved.value;
    let mut sentence = match (resolved.decided_by, value) {
        (Layer::Default, _) => format!("{value} by default"),
        (Layer::Rollout { percent }, _) => {
            format!("{value} because this firm is among the {percent}% that get it first")
        }
        (Layer::Plan(plan), FlagValue::On) => format!("On because the {} plan includes it", plan.label()),
        (Layer::Plan(plan), FlagValue::Off) => format!("Off because the {} plan doesn't include it", plan.label()),
        (Layer::Plan(plan), _) => format!("{value} on the {} plan", plan.label()),
        (Layer::StaffOverride, _) => format!("{value} because PesPro staff set it for this firm"),
        (Layer::FirmSetting, FlagValue::Off) => "Off because the firm switched it off".to_owned(),
        (Layer::FirmSetting, _) => format!("{value} because the firm chose it"),
    };
    match resolved.firm_setting_refused {
        Some((setting, Refusal::NotAdjustable)) => {
            sentence.push_str(&format!("; the firm's setting ({setting}) is not used because firms can't change this"));
        }
        Some((setting, Refusal::AboveAllowance)) => {
            sentence.push_str(&format!("; the firm's setting ({setting}) is not used because it goes beyond that"));
        }
        None => {}
    }
    sentence
}

/// The rollout bucket (0–99) of a firm for a flag: FNV-1a (64-bit) of
/// `"<flag key>/<tenant id>"`, modulo 100. A firm is in a rollout of `p`%
/// when its bucket is below `p`, so raising `p` only ever adds firms.
///
/// **This must never change.** Buckets are not stored; changing the hash,
/// its input or the modulus would silently move firms in and out of every
/// rollout at once. The flag key is part of the input so that the same few
/// firms are not first in line for every new feature.
pub fn rollout_bucket(flag_key: &str, tenant_id: &str) -> u8 {
    let hash = fnv1a64(format!("{flag_key}/{tenant_id}").as_bytes());
    // A value below 100 always fits in a u8.
    u8::try_from(hash % 100).unwrap_or(0)
}

/// FNV-1a, 64-bit (http://www.isthe.com/chongo/tech/comp/fnv/): tiny, well
/// known, identical on every platform and in WebAssembly — unlike std's
/// `DefaultHasher`, whose output may change between Rust releases.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(PRIME))
}
