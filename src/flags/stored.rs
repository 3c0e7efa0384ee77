//! How a flag value is written down — in the platform's staff overrides, in
//! a firm's settings, and in the forms that change them: `on`, `off`,
//! `unlimited` or a whole number. One spelling everywhere, readable in SQL.

use super::{FlagDefinition, FlagKind, FlagValue};

/// The largest limit accepted (what the platform's check constraint allows).
pub const MAX_LIMIT: u32 = 999_999_999;

impl FlagValue {
    /// The stored form: `on`, `off`, `unlimited` or the number.
    pub fn stored_form(self) -> String {
        match self {
            FlagValue::On => "on".to_owned(),
            FlagValue::Off => "off".to_owned(),
            FlagValue::Unlimited => "unlimited".to_owned(),
            FlagValue::Limit(max) => max.to_string(),
        }
    }

    /// Reads a stored form back; `None` for anything else.
    pub fn from_stored(raw: &str) -> Option<Self> {
        match raw {
            "on" => Some(FlagValue::On),
            "off" => Some(FlagValue::Off),
            "unlimited" => Some(FlagValue::Unlimited),
            digits if !digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().ok().map(FlagValue::Limit)
            }
            _ => None,
        }
    }
}

/// A value typed or chosen in a form for `def`, checked against its kind.
/// The error is a sentence for the field.
pub fn parse_input(def: &FlagDefinition, raw: &str) -> Result<FlagValue, String> {
    let raw = raw.trim().to_ascii_lowercase();
    match def.kind {
        FlagKind::Switch => match raw.as_str() {
            "on" => Ok(FlagValue::On),
            "off" => Ok(FlagValue::Off),
            _ => Err("choose on or off".to_owned()),
        },
        FlagKind::Limit => match raw.as_str() {
            "unlimited" => Ok(FlagValue::Unlimited),
            "" => Err("enter a number of people, or “unlimited”".to_owned()),
            digits => match digits.parse::<u32>() {
                Ok(max) if max <= MAX_LIMIT => Ok(FlagValue::Limit(max)),
                _ => Err(format!("enter a whole number from 0 to {MAX_LIMIT}, or “unlimited”")),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::definition;
    use super::*;

    #[test]
    fn every_kind_of_value_round_trips_through_its_stored_form() {
        for value in [FlagValue::On, FlagValue::Off, FlagValue::Unlimited, FlagValue::Limit(0), FlagValue::Limit(50)] {
            assert_eq!(FlagValue::from_stored(&value.stored_form()), Some(value));
        }
    }

    #[test]
    fn anything_else_stored_is_not_a_value() {
        for raw in ["", "ON", "yes", "-1", "1.5", "9999999999"] {
            assert_eq!(FlagValue::from_stored(raw), None, "{raw}");
        }
    }

    #[test]
    fn a_switch_accepts_only_on_or_off() {
        let expenses = definition("expenses").unwrap();
        assert_eq!(parse_input(expenses, " Off "), Ok(FlagValue::Off));
        assert_eq!(parse_input(expenses, "on"), Ok(FlagValue::On));
        assert!(parse_input(expenses, "7").is_err());
    }

    #[test]
    fn a_limit_accepts_a_whole_number_or_unlimited() {
        let seats = definition("max_active_users").unwrap();
        assert_eq!(parse_input(seats, "12"), Ok(FlagValue::Limit(12)));
        assert_eq!(parse_input(seats, "Unlimited"), Ok(FlagValue::Unlimited));
        for bad in ["", "on", "-3", "2.5", "1000000000"] {
            assert!(parse_input(seats, bad).is_err(), "{bad}");
        }
    }
}
