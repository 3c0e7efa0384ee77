//! What a firm's reports count, as its administrators set it: the weekly
//! capacity of everyone with none of their own, each person's own, and
//! which utilization formula the firm reads. Capacities are typed the way
//! people type hours anywhere in PesPro ("40", "37.5", "37:30").

use super::utilization::UtilizationBasis;
use crate::money::Minutes;
use serde::{Deserialize, Serialize};

/// A week has 168 hours; no one's capacity is more.
pub const MOST_WEEKLY: Minutes = Minutes(168 * 60);

/// The settings page's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDefinitions {
    pub weekly_capacity: Minutes,
    pub basis: UtilizationBasis,
    /// Active people by name: id, name, their own capacity (none: the firm's).
    pub people: Vec<(i64, String, Option<Minutes>)>,
}

/// A typed capacity; empty is none (a person then has the firm's).
pub fn parse_capacity(raw: &str) -> Result<Option<Minutes>, &'static str> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let minutes = Minutes::parse(raw).map_err(|_| "Write hours a week, like 40 or 37.5.")?;
    if minutes > MOST_WEEKLY {
        return Err("A week has 168 hours: write at most that.");
    }
    Ok(Some(minutes))
}

/// Minutes as the hours a capacity field shows: "40", "37.5", "37:20".
pub fn capacity_text(minutes: Minutes) -> String {
    match minutes.0 % 60 {
        0 => (minutes.0 / 60).to_string(),
        30 => format!("{}.5", minutes.0 / 60),
        rest => format!("{}:{rest:02}", minutes.0 / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capacity_is_read_as_hours_in_any_of_the_usual_ways() {
        assert_eq!(parse_capacity("40"), Ok(Some(Minutes(2400))));
        assert_eq!(parse_capacity(" 37.5 "), Ok(Some(Minutes(2250))));
        assert_eq!(parse_capacity("37:20"), Ok(Some(Minutes(2240))));
        assert_eq!(parse_capacity("0"), Ok(Some(Minutes(0))));
    }

    #[test]
    fn an_empty_capacity_means_the_firm_s_and_nonsense_or_more_than_a_week_is_refused() {
        assert_eq!(parse_capacity("  "), Ok(None));
        assert!(parse_capacity("lots").is_err());
        assert_eq!(parse_capacity("169"), Err("A week has 168 hours: write at most that."));
    }

    #[test]
    fn a_capacity_is_shown_as_it_would_be_typed() {
        assert_eq!(capacity_text(Minutes(2400)), "40");
        assert_eq!(capacity_text(Minutes(2250)), "37.5");
        assert_eq!(capacity_text(Minutes(2240)), "37:20");
        assert_eq!(parse_capacity(&capacity_text(Minutes(2240))), Ok(Some(Minutes(2240))));
    }
}
