//! Who manages whom, derived from teams. Approval rules say "the submitter's
//! manager" and "the manager's manager"; firms say "Morgan runs the audit
//! team". This turns the second into the first, purely, so the rule can be
//! tested without a database and the same answer is given everywhere.
//!
//! A person belongs to at most one team. Their manager is that team's
//! manager, unless they *are* that manager (a manager listed in their own
//! team answers to whoever manages the team they are otherwise in, and
//! having none is normal for the managing partner). The chain stops at a
//! loop rather than going round it: bad data must not hang an approval.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A team's name: 1–80 characters once trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamName(String);

impl TeamName {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        match name.chars().count() {
            0 => Err("give the team a name"),
            81.. => Err("keep the name under 80 characters"),
            _ => Ok(Self(name)),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A team as the teams page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamView {
    pub team_id: i64,
    pub name: String,
    pub manager_id: i64,
    pub manager: String,
    pub members: Vec<String>,
}

/// The longest chain followed; deeper hierarchies do not exist in firms of
/// the size PesPro serves, and a bound makes the worst case obvious.
pub const MAX_CHAIN: usize = 16;

/// Team membership and team managers, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hierarchy {
    /// person → team
    team_of: HashMap<i64, i64>,
    /// team → its manager
    manager_of_team: HashMap<i64, i64>,
    /// manager → the team they manage (a manager may also be a member of another team)
    teams_managed: HashMap<i64, Vec<i64>>,
}

impl Hierarchy {
    /// From `(team_id, manager_id)` and `(user_id, team_id)` pairs.
    pub fn new(teams: &[(i64, i64)], members: &[(i64, i64)]) -> Self {
        let mut teams_managed: HashMap<i64, Vec<i64>> = HashMap::new();
        for &(team, manager) in teams {
            teams_managed.entry(manager).or_default().push(team);
        }
        Self {
            team_of: members.iter().copied().collect(),
            manager_of_team: teams.iter().copied().collect(),
            teams_managed,
        }
    }

    /// The person's direct manager, if any.
    pub fn manager_of(&self, person: i64) -> Option<i64> {
        let team = self.team_of.get(&person)?;
        self.manager_of_team.get(team).copied().filter(|manager| *manager != person)
    }

    /// The person's manager, then that manager's manager, and so on.
    pub fn manager_chain(&self, person: i64) -> Vec<i64> {
        let mut chain = Vec::new();
        let mut current = person;
        while let Some(manager) = self.manager_of(current) {
            if manager == person || chain.contains(&manager) || chain.len() == MAX_CHAIN {
                break;
            }
            chain.push(manager);
            current = manager;
        }
        chain
    }

    /// Does `manager` manage `person`, directly or further up?
    pub fn manages(&self, manager: i64, person: i64) -> bool {
        self.manager_chain(person).contains(&manager)
    }

    /// Does the person manage any team?
    pub fn is_manager(&self, person: i64) -> bool {
        self.teams_managed.contains_key(&person)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Avery (1) manages "Partners" (10); Morgan (2) is a partner and manages
    // "Audit" (20), where Emery (3) and Morgan herself are listed.
    fn firm() -> Hierarchy {
        Hierarchy::new(&[(10, 1), (20, 2)], &[(2, 10), (3, 20)])
    }

    #[test]
    fn a_team_name_is_trimmed_and_must_not_be_empty_or_too_long() {
        assert_eq!(TeamName::parse("  Audit   team ").unwrap().as_str(), "Audit team");
        assert!(TeamName::parse("   ").is_err());
        assert!(TeamName::parse(&"x".repeat(81)).is_err());
    }

    #[test]
    fn a_team_member_answers_to_the_team_manager() {
        assert_eq!(firm().manager_of(3), Some(2));
    }

    #[test]
    fn the_chain_climbs_through_the_manager_s_own_team() {
        assert_eq!(firm().manager_chain(3), vec![2, 1]);
    }

    #[test]
    fn the_person_at_the_top_has_no_manager() {
        assert_eq!(firm().manager_chain(1), Vec::<i64>::new());
    }

    #[test]
    fn someone_in_no_team_has_no_manager() {
        assert_eq!(firm().manager_chain(99), Vec::<i64>::new());
    }

    #[test]
    fn a_manager_listed_in_their_own_team_is_not_their_own_manager() {
        let h = Hierarchy::new(&[(20, 2)], &[(2, 20), (3, 20)]);
        assert_eq!(h.manager_of(2), None);
        assert_eq!(h.manager_chain(3), vec![2]);
    }

    #[test]
    fn a_loop_in_the_data_ends_the_chain_instead_of_hanging() {
        // 1 manages a team 2 is in; 2 manages a team 1 is in.
        let h = Hierarchy::new(&[(10, 1), (20, 2)], &[(2, 10), (1, 20), (3, 10)]);
        assert_eq!(h.manager_chain(3), vec![1, 2]);
        assert_eq!(h.manager_chain(1), vec![2]);
    }

    #[test]
    fn a_manager_manages_everyone_below_them_not_above() {
        let h = firm();
        assert!(h.manages(1, 3));
        assert!(h.manages(2, 3));
        assert!(!h.manages(3, 2));
        assert!(h.is_manager(2));
        assert!(!h.is_manager(3));
    }

    #[test]
    fn a_very_deep_chain_is_cut_at_the_bound() {
        let teams: Vec<(i64, i64)> = (1..=40).map(|i| (i, i)).collect();
        let members: Vec<(i64, i64)> = (1..=40).map(|i| (i + 1, i)).collect();
        let h = Hierarchy::new(&teams, &members);
        assert_eq!(h.manager_chain(41).len(), MAX_CHAIN);
    }
}
