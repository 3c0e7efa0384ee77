//! Names for the clients and engagements rules are limited to, so the
//! sentences people read say "only for client Acme Ltd", not an id they
//! have never seen. The names are loaded by the caller (only those the
//! rules mention); a scope whose name is missing (removed since the policy
//! was written) is still named, by its id.

use super::{Rule, Scope};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScopeNames(HashMap<Scope, String>);

impl ScopeNames {
    pub fn new(names: impl IntoIterator<Item = (Scope, String)>) -> Self {
        Self(names.into_iter().collect())
    }

    /// "client Acme Ltd", or "client #7" when its name is unknown.
    pub fn label(&self, scope: Scope) -> String {
        let (kind, id) = match scope {
            Scope::Client(id) => ("client", id),
            Scope::Engagement(id) => ("engagement", id),
        };
        match self.0.get(&scope) {
            Some(name) => format!("{kind} {name}"),
            None => format!("{kind} #{id}"),
        }
    }
}

/// Every client and engagement `rules` are limited to: the names to load.
pub fn scopes_of(rules: &[Rule]) -> Vec<Scope> {
    let mut scopes: Vec<Scope> = rules.iter().filter_map(Rule::only_for).collect();
    scopes.sort_by_key(|scope| match *scope {
        Scope::Client(id) => (0, id),
        Scope::Engagement(id) => (1, id),
    });
    scopes.dedup();
    scopes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_scope_is_named_and_an_unknown_one_shows_its_id() {
        let names = ScopeNames::new([(Scope::Client(7), "Acme Ltd".to_owned())]);

        assert_eq!(names.label(Scope::Client(7)), "client Acme Ltd");
        assert_eq!(names.label(Scope::Engagement(7)), "engagement #7");
    }

    #[test]
    fn each_scope_a_policy_mentions_is_looked_up_once() {
        let scoped = |only_for| Rule::SubmitterManager { only_for: Some(only_for) };
        let rules = [scoped(Scope::Engagement(3)), scoped(Scope::Client(9)), scoped(Scope::Client(9))];

        let scopes = scopes_of(&[rules.as_slice(), &[Rule::ManagersManager { only_for: None }]].concat());

        assert_eq!(scopes, vec![Scope::Client(9), Scope::Engagement(3)]);
    }
}
