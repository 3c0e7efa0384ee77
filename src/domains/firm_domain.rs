//! A firm's custom domain as its domains page shows it: what was found the
//! last time DNS was asked, and the records still to create.

use super::lifecycle::DomainStatus;
use super::proof::{EdgeTarget, challenge_name, challenge_value};
use serde::{Deserialize, Serialize};

/// How many custom domains one firm may have (served or not): enough for
/// a firm's few names, few enough that one firm cannot fill the check queue.
pub const MOST_PER_FIRM: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirmDomain {
    pub hostname: String,
    pub status: DomainStatus,
    /// Added by PesPro's operators, who vouched for it: DNS is not asked.
    pub by_operator: bool,
    /// The random part of the TXT record's value (domains the firm added).
    pub token: Option<String>,
    /// Why the last check did not prove it.
    pub reason: Option<String>,
    pub checked_at: Option<String>,
    /// When it is looked at again without anyone pressing "Check now".
    pub next_check_at: Option<String>,
    pub primary: bool,
}

/// One DNS record to create, as a registrar's form asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsRecord {
    pub kind: String,
    pub name: String,
    pub value: String,
}

impl FirmDomain {
    /// The records that prove and point this domain: the TXT record, then a
    /// CNAME to the edge or, for a name that cannot have one (the zone's
    /// apex), an A/AAAA record per platform address.
    pub fn records(&self, edge: &EdgeTarget) -> Vec<DnsRecord> {
        let Some(token) = &self.token else { return Vec::new() };
        let mut records =
            vec![DnsRecord { kind: "TXT".into(), name: challenge_name(&self.hostname), value: challenge_value(token) }];
        records.push(DnsRecord { kind: "CNAME".into(), name: self.hostname.clone(), value: edge.cname.clone() });
        records.extend(edge.addresses.iter().map(|address| DnsRecord {
            kind: if address.is_ipv4() { "A" } else { "AAAA" }.into(),
            name: self.hostname.clone(),
            value: address.to_string(),
        }));
        records
    }

    /// Whether "Make primary" applies.
    pub fn may_be_primary(&self) -> bool {
        self.status.serves() && !self.primary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(token: Option<&str>) -> FirmDomain {
        FirmDomain {
            hostname: "time.acme-law.com".into(),
            status: DomainStatus::Pending,
            by_operator: token.is_none(),
            token: token.map(Into::into),
            reason: None,
            checked_at: None,
            next_check_at: None,
            primary: false,
        }
    }

    fn edge(addresses: &[&str]) -> EdgeTarget {
        EdgeTarget {
            cname: "edge.pespro.app".into(),
            addresses: addresses.iter().map(|a| a.parse().unwrap()).collect(),
        }
    }

    #[test]
    fn a_firm_s_domain_asks_for_its_txt_proof_and_a_cname_to_the_edge() {
        let records = domain(Some("abc")).records(&edge(&[]));
        let shown: Vec<_> = records.iter().map(|r| (r.kind.as_str(), r.name.as_str(), r.value.as_str())).collect();
        assert_eq!(
            shown,
            [
                ("TXT", "_pespro-challenge.time.acme-law.com", "pespro-verify=abc"),
                ("CNAME", "time.acme-law.com", "edge.pespro.app"),
            ]
        );
    }

    #[test]
    fn platform_addresses_are_offered_as_a_and_aaaa_records_for_an_apex_domain() {
        let kinds: Vec<_> =
            domain(Some("abc")).records(&edge(&["192.0.2.1", "2001:db8::1"])).iter().map(|r| r.kind.clone()).collect();
        assert_eq!(kinds, ["TXT", "CNAME", "A", "AAAA"]);
    }

    #[test]
    fn a_domain_an_operator_vouched_for_needs_no_records() {
        assert!(domain(None).records(&edge(&[])).is_empty());
    }

    #[test]
    fn only_a_served_domain_that_is_not_already_primary_may_become_primary() {
        let mut d = domain(Some("abc"));
        assert!(!d.may_be_primary());
        d.status = DomainStatus::Verified;
        assert!(d.may_be_primary());
        d.primary = true;
        assert!(!d.may_be_primary());
    }
}
