//! Proving a custom domain through real DNS: the resolver asks dnsmasq for
//! the challenge TXT record, the domain's CNAME and its addresses, and the
//! rules of `pespro::domains` judge the answers — verified, wrong value,
//! missing, pointing elsewhere, removed later (drift), and a nameserver that
//! does not answer at all.

use crate::dns_server::{DnsServer, Record};
use pespro::domains::lifecycle::{CheckPolicy, DomainState, DomainStatus, after_check};
use pespro::domains::proof::{EdgeTarget, Finding, judge};
use pespro::domains::resolve::DomainResolver;
use std::time::Duration;

const DOMAIN: &str = "time.acme-law.test";
const CHALLENGE: &str = "_pespro-challenge.time.acme-law.test";
const VALUE: &str = "pespro-verify=abc123";

fn edge() -> EdgeTarget {
    EdgeTarget { cname: "edge.pespro.test".into(), addresses: vec!["127.0.0.1".parse().unwrap()] }
}

async fn finding(dns: &DnsServer) -> Finding {
    let resolver = DomainResolver::at(dns.address).unwrap();
    judge(&resolver.answers(DOMAIN).await, VALUE, &edge())
}

#[tokio::test]
async fn the_right_txt_record_and_an_address_of_the_platform_verify_a_domain() {
    let dns = DnsServer::start(&[Record::Txt(CHALLENGE, VALUE), Record::Host(DOMAIN, "127.0.0.1")]);
    assert_eq!(finding(&dns).await, Finding::Proven);
}

#[tokio::test]
async fn a_cname_to_the_platform_s_edge_verifies_a_domain_too() {
    let dns = DnsServer::start(&[
        Record::Txt(CHALLENGE, VALUE),
        Record::Host("edge.pespro.test", "127.0.0.1"),
        Record::Cname(DOMAIN, "edge.pespro.test"),
    ]);
    assert_eq!(finding(&dns).await, Finding::Proven);
}

#[tokio::test]
async fn a_wrong_value_a_missing_record_or_another_address_verify_nothing() {
    let wrong =
        DnsServer::start(&[Record::Txt(CHALLENGE, "pespro-verify=someone-else"), Record::Host(DOMAIN, "127.0.0.1")]);
    let missing = DnsServer::start(&[Record::Host(DOMAIN, "127.0.0.1")]);
    let elsewhere = DnsServer::start(&[Record::Txt(CHALLENGE, VALUE), Record::Host(DOMAIN, "192.0.2.99")]);

    assert_eq!(finding(&wrong).await, Finding::TxtWrong(vec!["pespro-verify=someone-else".into()]));
    assert_eq!(finding(&missing).await, Finding::TxtMissing);
    assert_eq!(finding(&elsewhere).await, Finding::NotPointing("192.0.2.99".into()));
}

#[tokio::test]
async fn a_txt_record_removed_after_verification_fails_the_domain_on_its_next_check() {
    let before = DnsServer::start(&[Record::Txt(CHALLENGE, VALUE), Record::Host(DOMAIN, "127.0.0.1")]);
    let policy = CheckPolicy::default();
    let verified = after_check(
        DomainState { status: DomainStatus::Pending, attempts: 0, unproven_for: Duration::ZERO },
        &finding(&before).await,
        &policy,
    );
    assert_eq!(verified.status, DomainStatus::Verified);
    drop(before);

    let after = DnsServer::start(&[Record::Host(DOMAIN, "127.0.0.1")]);
    let state = DomainState { status: verified.status, attempts: verified.attempts, unproven_for: Duration::ZERO };
    let drifted = after_check(state, &finding(&after).await, &policy);

    assert_eq!(drifted.status, DomainStatus::Failed);
    assert!(!drifted.status.serves());
}

#[tokio::test]
async fn a_nameserver_that_does_not_answer_decides_nothing() {
    // A port nobody serves: no answer, which is not "no records".
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let resolver = DomainResolver::at(silent.local_addr().unwrap()).unwrap();
    let found = judge(&resolver.answers(DOMAIN).await, VALUE, &edge());
    assert!(matches!(found, Finding::LookupFailed(_)), "{found:?}");
}
