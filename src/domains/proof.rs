//! What DNS must say for a domain to count as the firm's: a TXT record at
//! `_pespro-challenge.<domain>` holding the firm's own value (only someone
//! who controls the domain's zone can put it there), and the domain itself
//! pointing at the platform — a CNAME to its edge name, or an address of
//! its own — so that, once served, requests for it actually arrive here.

use std::net::IpAddr;

/// The label in front of a domain where its TXT proof lives.
pub const CHALLENGE_LABEL: &str = "_pespro-challenge";

/// The name to put the TXT record at.
pub fn challenge_name(domain: &str) -> String {
    format!("{CHALLENGE_LABEL}.{domain}")
}

/// The TXT record's value for a domain's own token.
pub fn challenge_value(token: &str) -> String {
    format!("pespro-verify={token}")
}

/// Where custom domains must point (configuration: the platform's edge).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeTarget {
    /// The name a CNAME should name, like `edge.pespro.app`.
    pub cname: String,
    /// Addresses an A/AAAA record may name instead (an apex domain cannot
    /// have a CNAME).
    pub addresses: Vec<IpAddr>,
}

/// One lookup's outcome: records, none (the name or type does not exist),
/// or no answer at all (timeout, server failure: it says nothing yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup<T> {
    Found(Vec<T>),
    NoRecords,
    Failed(String),
}

/// What the resolver said about one domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// Each TXT record at the challenge name, its strings joined.
    pub txt: Lookup<String>,
    /// The domain's CNAME target, if it has one.
    pub cname: Lookup<String>,
    /// The addresses the domain resolves to.
    pub addresses: Lookup<IpAddr>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Proven,
    TxtMissing,
    TxtWrong(Vec<String>),
    NotPointing(String),
    /// The resolver gave no answer: nothing is known, nothing changes.
    LookupFailed(String),
}

impl Finding {
    /// The reason shown beside the domain, naming the record to fix.
    pub fn reason(&self, domain: &str, target: &EdgeTarget) -> Option<String> {
        let challenge = challenge_name(domain);
        match self {
            Self::Proven => None,
            Self::TxtMissing => Some(format!("No TXT record at {challenge} yet.")),
            Self::TxtWrong(found) => {
                Some(format!("The TXT record at {challenge} says “{}”, not this domain's value.", found.join("”, “")))
            }
            Self::NotPointing(found) => {
                Some(format!("{domain} points at {found}, not at {} (CNAME) or the platform's address.", target.cname))
            }
            Self::LookupFailed(why) => Some(format!("DNS did not answer ({why}); it will be asked again.")),
        }
    }
}

/// Whether `answers` prove `domain` for the value `expected`.
pub fn judge(answers: &Answers, expected: &str, target: &EdgeTarget) -> Finding {
    let txt = match &answers.txt {
        Lookup::Failed(why) => return Finding::LookupFailed(why.clone()),
        Lookup::NoRecords => return Finding::TxtMissing,
        Lookup::Found(values) => values,
    };
    if !txt.iter().any(|value| value.trim() == expected) {
        return Finding::TxtWrong(txt.clone());
    }
    let same_name = |a: &str, b: &str| a.trim_end_matches('.').eq_ignore_ascii_case(b.trim_end_matches('.'));
    if let Lookup::Found(names) = &answers.cname
        && names.iter().any(|name| same_name(name, &target.cname))
    {
        return Finding::Proven;
    }
    match (&answers.addresses, &answers.cname) {
        (Lookup::Found(found), _) if found.iter().any(|a| target.addresses.contains(a)) => Finding::Proven,
        (Lookup::Failed(why), _) => Finding::LookupFailed(why.clone()),
        (_, Lookup::Found(names)) => Finding::NotPointing(names.join(", ")),
        (Lookup::Found(found), _) => {
            Finding::NotPointing(found.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
        }
        (Lookup::NoRecords, _) => Finding::NotPointing("nothing".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALUE: &str = "pespro-verify=abc123";

    fn target() -> EdgeTarget {
        EdgeTarget { cname: "edge.pespro.app".into(), addresses: vec!["192.0.2.10".parse().unwrap()] }
    }

    fn answers(txt: Lookup<String>, cname: Lookup<String>, addresses: Lookup<IpAddr>) -> Answers {
        Answers { txt, cname, addresses }
    }

    fn txt(values: &[&str]) -> Lookup<String> {
        Lookup::Found(values.iter().map(|v| v.to_string()).collect())
    }

    #[test]
    fn the_right_txt_and_a_cname_to_the_edge_prove_the_domain() {
        let a =
            answers(txt(&["v=spf1 -all", VALUE]), Lookup::Found(vec!["Edge.PesPro.app.".into()]), Lookup::NoRecords);
        assert_eq!(judge(&a, VALUE, &target()), Finding::Proven);
    }

    #[test]
    fn the_right_txt_and_an_address_of_the_platform_prove_an_apex_domain() {
        let a = answers(txt(&[VALUE]), Lookup::NoRecords, Lookup::Found(vec!["192.0.2.10".parse().unwrap()]));
        assert_eq!(judge(&a, VALUE, &target()), Finding::Proven);
    }

    #[test]
    fn without_the_txt_record_nothing_is_proven_whatever_the_domain_points_at() {
        let a = answers(Lookup::NoRecords, Lookup::Found(vec!["edge.pespro.app".into()]), Lookup::NoRecords);
        assert_eq!(judge(&a, VALUE, &target()), Finding::TxtMissing);
        assert_eq!(
            Finding::TxtMissing.reason("time.acme.com", &target()).unwrap(),
            "No TXT record at _pespro-challenge.time.acme.com yet."
        );
    }

    #[test]
    fn another_firm_s_value_in_the_txt_record_proves_nothing() {
        let a = answers(txt(&["pespro-verify=zzz"]), Lookup::Found(vec!["edge.pespro.app".into()]), Lookup::NoRecords);
        assert_eq!(judge(&a, VALUE, &target()), Finding::TxtWrong(vec!["pespro-verify=zzz".into()]));
    }

    #[test]
    fn a_domain_pointing_elsewhere_is_named_with_where_it_points() {
        let a = answers(txt(&[VALUE]), Lookup::Found(vec!["old-host.example.".into()]), Lookup::NoRecords);
        let finding = judge(&a, VALUE, &target());
        assert_eq!(finding, Finding::NotPointing("old-host.example.".into()));
        assert!(finding.reason("time.acme.com", &target()).unwrap().contains("edge.pespro.app"));
        let elsewhere = answers(txt(&[VALUE]), Lookup::NoRecords, Lookup::Found(vec!["198.51.100.7".parse().unwrap()]));
        assert_eq!(judge(&elsewhere, VALUE, &target()), Finding::NotPointing("198.51.100.7".into()));
    }

    #[test]
    fn a_resolver_that_does_not_answer_decides_nothing() {
        let a = answers(Lookup::Failed("timed out".into()), Lookup::NoRecords, Lookup::NoRecords);
        assert_eq!(judge(&a, VALUE, &target()), Finding::LookupFailed("timed out".into()));
    }

    #[test]
    fn the_challenge_lives_under_its_own_label() {
        assert_eq!(challenge_name("time.acme.com"), "_pespro-challenge.time.acme.com");
        assert_eq!(challenge_value("abc123"), VALUE);
    }
}
