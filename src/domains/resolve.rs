//! Asking DNS about a custom domain, with a real stub resolver
//! (hickory-resolver) over UDP and TCP. Which nameserver is configuration:
//! the machine's own (`/etc/resolv.conf`) by default, or one address — an
//! operator's resolver, or the test suite's dnsmasq. Nothing is cached:
//! every check asks afresh, so a record just added (or removed) is seen.

use super::proof::{Answers, Lookup, challenge_name};
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig, ResolverOpts};
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::{RData, RecordType};
use hickory_resolver::{Resolver, TokioResolver};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

#[derive(Clone)]
pub struct DomainResolver(TokioResolver);

impl std::fmt::Debug for DomainResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DomainResolver")
    }
}

impl DomainResolver {
    /// The machine's own nameservers.
    pub fn system() -> Result<Self, String> {
        let mut builder = Resolver::builder_tokio().map_err(|e| e.to_string())?;
        *builder.options_mut() = options();
        builder.build().map(Self).map_err(|e| e.to_string())
    }

    /// The one nameserver at `address`.
    pub fn at(address: SocketAddr) -> Result<Self, String> {
        let connections = [ConnectionConfig::udp(), ConnectionConfig::tcp()]
            .into_iter()
            .map(|mut connection| {
                connection.port = address.port();
                connection
            })
            .collect();
        let server = NameServerConfig::new(address.ip(), true, connections);
        let config = ResolverConfig::from_name_servers(vec![server]);
        let mut builder = Resolver::builder_with_config(config, TokioRuntimeProvider::default());
        *builder.options_mut() = options();
        builder.build().map(Self).map_err(|e| e.to_string())
    }

    /// The TXT records at the domain's challenge name, its CNAME and its
    /// addresses. Names are asked for fully qualified, so no search domain
    /// of the machine's is ever tried.
    pub async fn answers(&self, domain: &str) -> Answers {
        let (challenge, name) = (format!("{}.", challenge_name(domain)), format!("{domain}."));
        let (txt, cname, addresses) = tokio::join!(
            self.records(&challenge, RecordType::TXT),
            self.records(&name, RecordType::CNAME),
            self.addresses(&name),
        );
        let txt = txt.map(|data| match data {
            RData::TXT(txt) => Some(txt.txt_data.iter().map(|part| String::from_utf8_lossy(part)).collect()),
            _ => None,
        });
        let cname = cname.map(|data| match data {
            RData::CNAME(cname) => Some(cname.0.to_ascii()),
            _ => None,
        });
        Answers { txt, cname, addresses }
    }

    async fn records(&self, name: &str, kind: RecordType) -> RawLookup {
        match self.0.lookup(name, kind).await {
            Ok(lookup) => RawLookup(outcome(lookup.answers().iter().map(|r| r.data.clone()).collect())),
            Err(error) => RawLookup(failure(&error)),
        }
    }

    async fn addresses(&self, name: &str) -> Lookup<IpAddr> {
        match self.0.lookup_ip(name).await {
            Ok(found) => outcome(found.iter().collect()),
            Err(error) => failure(&error),
        }
    }
}

/// One lookup's records, before they are read as their type.
struct RawLookup(Lookup<RData>);

impl RawLookup {
    fn map<T>(self, read: impl Fn(RData) -> Option<T>) -> Lookup<T> {
        match self.0 {
            Lookup::Found(records) => outcome(records.into_iter().filter_map(read).collect()),
            Lookup::NoRecords => Lookup::NoRecords,
            Lookup::Failed(why) => Lookup::Failed(why),
        }
    }
}

fn outcome<T>(found: Vec<T>) -> Lookup<T> {
    if found.is_empty() { Lookup::NoRecords } else { Lookup::Found(found) }
}

/// "No such name" and "no such record" are answers; anything else is not.
fn failure<T>(error: &NetError) -> Lookup<T> {
    if error.is_no_records_found() || error.is_nx_domain() {
        Lookup::NoRecords
    } else {
        Lookup::Failed(error.to_string())
    }
}

fn options() -> ResolverOpts {
    let mut options = ResolverOpts::default();
    options.cache_size = 0;
    options.timeout = Duration::from_secs(3);
    options.attempts = 2;
    options
}
