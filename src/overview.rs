//! What the firm dashboard shows: clients with their engagements. Plain data
//! that crosses to the browser; the database rows it is built from stay on
//! the server.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientOverview {
    pub client_id: i64,
    pub name: String,
    pub engagements: Vec<EngagementOverview>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngagementOverview {
    pub engagement_id: i64,
    pub code: String,
    pub name: String,
    pub active: bool,
}

impl ClientOverview {
    /// Whether a filter typed on the dashboard matches this client: by the
    /// client's name or any engagement's code or name, ignoring case.
    pub fn matches(&self, filter: &str) -> bool {
        let needle = filter.trim().to_lowercase();
        needle.is_empty()
            || self.name.to_lowercase().contains(&needle)
            || self
                .engagements
                .iter()
                .any(|e| e.code.to_lowercase().contains(&needle) || e.name.to_lowercase().contains(&needle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> ClientOverview {
        ClientOverview {
            client_id: 1,
            name: "Acme Holdings".into(),
            engagements: vec![EngagementOverview {
                engagement_id: 1,
                code: "ACM-AUDIT".into(),
                name: "Year-end audit".into(),
                active: true,
            }],
        }
    }

    #[test]
    fn an_empty_filter_matches_every_client() {
        assert!(acme().matches("   "));
    }

    #[test]
    fn a_filter_matches_the_client_name_ignoring_case() {
        assert!(acme().matches("acme"));
        assert!(!acme().matches("globex"));
    }

    #[test]
    fn a_filter_matches_an_engagement_code_or_name() {
        assert!(acme().matches("acm-au"));
        assert!(acme().matches("YEAR-END"));
    }
}
