//! Configuration, read once from the environment at startup.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `DATABASE_URL` | unset | PostgreSQL to use; unset starts the embedded cluster |
//! | `PESPRO_DATA_DIR` | `.pespro` | where the embedded cluster keeps its data |
//! | `PESPRO_BASE_DOMAIN` | `localhost` | firms answer on `<slug>.<base domain>` |
//! | `PESPRO_ADMIN_HOST` | `admin.<base domain>` | the platform staff console |
//! | `PESPRO_TRUST_PROXY` | `false` | honour `X-Forwarded-Host` from a reverse proxy |
//! | `PESPRO_HTTPS` | `false` | served over HTTPS (by a proxy): session cookies get `Secure` |
//! | `PESPRO_DB_MAX_CONNECTIONS` | `16` | pool size; also how many firms migrate at once |
//! | `PESPRO_SESSIONS_IN_MEMORY` | `10000` | sessions each process keeps in memory in front of the database (0: none, every request reads its session) |
//! | `PESPRO_SMTP_URL` | unset | `smtp://host:port` relay for outgoing mail; unset writes `.eml` files to the outbox |
//! | `PESPRO_OUTBOX_DIR` | `<data dir>/outbox` | where mail goes without SMTP |
//! | `PESPRO_MAIL_FROM` | `PesPro <no-reply@<base domain>>` | sender of outgoing mail |
//! | `PESPRO_SECRET_KEY` | `<data dir>/secret.key` (created once) | 64 hex characters: the key that seals firms' SSO client secrets |
//! | `PESPRO_OIDC_ALLOW_INTERNAL` | unset | comma-separated hosts whose internal addresses identity providers may use (local providers, tests) |
//! | `PESPRO_PUBLIC_PORT` | the port of `LEPTOS_SITE_ADDR`, or none with `PESPRO_HTTPS` | the port in links sent by email (80 and 443 are left out); never taken from a request |
//! | `PESPRO_EDGE_NAME` | `edge.<base domain>` | the name firms' custom domains point at by CNAME (the edge proxy's) |
//! | `PESPRO_EDGE_ADDRESSES` | unset | comma-separated addresses an apex domain may point at instead (A/AAAA) |
//! | `PESPRO_DNS_SERVER` | the machine's (`/etc/resolv.conf`) | `address:port` of the nameserver custom domains are checked against |
//! | `PESPRO_DOMAIN_GIVE_UP_HOURS` | `72` | how long an unproven custom domain is checked automatically |
//! | `PESPRO_DOMAIN_CHECK_SECONDS` | `30` | how often due custom domains are checked |
//! | `LEPTOS_SITE_ADDR` | `127.0.0.1:3000` | where the server listens |
//! | `LEPTOS_HASH_FILES` | `true` when `hash.txt` is beside the binary | name the bundle's files by content hash (`make site` builds them so) |

use leptos::config::Env;
use leptos::prelude::LeptosOptions;
use pespro::domains::check::DomainChecks;
use pespro::domains::lifecycle::CheckPolicy;
use pespro::domains::proof::EdgeTarget;
use pespro::domains::resolve::DomainResolver;
use pespro::host::HostRules;
use pespro::mail::Mailer;
use pespro::secrets::SecretKey;
use pespro::sso::InternalAllowList;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub enum DatabaseSource {
    Url(String),
    Embedded { data_dir: PathBuf },
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database: DatabaseSource,
    pub max_connections: u32,
    /// Sessions kept in memory (`pespro::session_cache`); 0 keeps none.
    pub sessions_in_memory: usize,
    pub hosts: HostRules,
    pub trust_proxy: bool,
    pub https: bool,
    /// The port people's browsers use, for links sent by email.
    pub public_port: Option<u16>,
    pub mailer: Mailer,
    pub leptos: LeptosOptions,
    /// From `PESPRO_SECRET_KEY`; when unset, `serve` reads or creates
    /// `secret_key_file` (see [`Config::sealing_key`]).
    pub secret_key: Option<SecretKey>,
    pub secret_key_file: PathBuf,
    pub oidc_allow_internal: InternalAllowList,
    /// How long a staff member may act as a firm's person before the
    /// session ends on its own. Not configurable from the environment: a
    /// field so tests can make it short.
    pub impersonation_duration: std::time::Duration,
    /// Where and how custom domains are checked (`pespro::domains::check`).
    pub domain_checks: DomainChecks,
    pub domain_check_every: std::time::Duration,
}

/// Thirty minutes: enough to reproduce a problem, short enough that a
/// forgotten support session does not linger.
pub const IMPERSONATION_MINUTES: u64 = 30;

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(String);

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let var = |key: &str| std::env::var(key).ok().filter(|v| !v.trim().is_empty());
        let database = match var("DATABASE_URL") {
            Some(url) => DatabaseSource::Url(url),
            None => DatabaseSource::Embedded {
                data_dir: var("PESPRO_DATA_DIR").map_or_else(|| PathBuf::from(".pespro"), PathBuf::from),
            },
        };
        let base_domain = var("PESPRO_BASE_DOMAIN").unwrap_or_else(|| "localhost".into());
        let data_dir = var("PESPRO_DATA_DIR").map_or_else(|| PathBuf::from(".pespro"), PathBuf::from);
        let outbox = var("PESPRO_OUTBOX_DIR").map_or_else(|| data_dir.join("outbox"), PathBuf::from);
        let from = var("PESPRO_MAIL_FROM").unwrap_or_else(|| format!("PesPro <no-reply@{base_domain}>"));
        let mailer = Mailer::new(var("PESPRO_SMTP_URL").as_deref(), outbox, &from)
            .map_err(|e| ConfigError(format!("PESPRO_SMTP_URL / PESPRO_MAIL_FROM: {e}")))?
            .logging_links(!matches!(
                var("LEPTOS_ENV").map(|e| e.to_lowercase()).as_deref(),
                Some("prod" | "production")
            ));
        let admin_host = var("PESPRO_ADMIN_HOST").unwrap_or_else(|| format!("admin.{base_domain}"));
        let max_connections = match var("PESPRO_DB_MAX_CONNECTIONS") {
            None => 16,
            Some(raw) => raw.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                ConfigError(format!("PESPRO_DB_MAX_CONNECTIONS must be a positive number, not {raw:?}"))
            })?,
        };
        let sessions_in_memory = match var("PESPRO_SESSIONS_IN_MEMORY") {
            None => pespro::session_cache::SESSIONS_PER_PROCESS,
            Some(raw) => raw.parse().map_err(|_| {
                ConfigError(format!("PESPRO_SESSIONS_IN_MEMORY must be a number (0 for none), not {raw:?}"))
            })?,
        };
        let flag = |key: &str| match var(key).as_deref() {
            None | Some("0" | "false" | "no") => Ok(false),
            Some("1" | "true" | "yes") => Ok(true),
            Some(other) => Err(ConfigError(format!("{key} must be true or false, not {other:?}"))),
        };
        let trust_proxy = flag("PESPRO_TRUST_PROXY")?;
        let https = flag("PESPRO_HTTPS")?;
        // The same variables cargo-leptos sets, with the same defaults, read
        // at run time: the binary does not depend on how it was built.
        let site_addr = var("LEPTOS_SITE_ADDR").unwrap_or_else(|| "127.0.0.1:3000".into());
        let site_addr: std::net::SocketAddr = site_addr.parse().map_err(|_| {
            ConfigError(format!("LEPTOS_SITE_ADDR must be an address like 127.0.0.1:3000, not {site_addr:?}"))
        })?;
        // Emailed links are built from configuration only: a request's Host
        // header (and its port) is the client's to choose.
        let public_port = match var("PESPRO_PUBLIC_PORT") {
            Some(raw) => Some(
                raw.parse::<u16>()
                    .map_err(|_| ConfigError(format!("PESPRO_PUBLIC_PORT must be a port number, not {raw:?}")))?,
            ),
            None if https => None,
            None => Some(site_addr.port()),
        };
        let env = match var("LEPTOS_ENV").map(|e| e.to_lowercase()).as_deref() {
            Some("prod" | "production") => Env::PROD,
            _ => Env::DEV,
        };
        let hash_file: String = var("LEPTOS_HASH_FILE_NAME").unwrap_or_else(|| "hash.txt".into());
        let hash_files = var("LEPTOS_HASH_FILES").as_deref() != Some("false") && beside_binary(&hash_file);
        let leptos = LeptosOptions::builder()
            .output_name(var("LEPTOS_OUTPUT_NAME").unwrap_or_else(|| "pespro".into()))
            .site_root(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()))
            .site_pkg_dir(var("LEPTOS_SITE_PKG_DIR").unwrap_or_else(|| "pkg".into()))
            .site_addr(site_addr)
            .env(env)
            .hash_files(hash_files)
            .hash_file(hash_file.as_str().into())
            .build();
        let domain_checks = domain_checks(&var, &base_domain)?;
        let domain_check_every = match var("PESPRO_DOMAIN_CHECK_SECONDS") {
            None => std::time::Duration::from_secs(30),
            Some(raw) => raw.parse().ok().filter(|n| *n > 0).map(std::time::Duration::from_secs).ok_or_else(|| {
                ConfigError(format!("PESPRO_DOMAIN_CHECK_SECONDS must be a positive number, not {raw:?}"))
            })?,
        };
        Ok(Self {
            domain_checks,
            domain_check_every,
            database,
            max_connections,
            sessions_in_memory,
            hosts: HostRules::new(&base_domain, &admin_host),
            trust_proxy,
            https,
            public_port,
            mailer,
            leptos,
            secret_key: var("PESPRO_SECRET_KEY")
                .map(|hex| SecretKey::from_hex(&hex))
                .transpose()
                .map_err(|e| ConfigError(e.to_string()))?,
            secret_key_file: data_dir.join("secret.key"),
            oidc_allow_internal: InternalAllowList::parse(&var("PESPRO_OIDC_ALLOW_INTERNAL").unwrap_or_default()),
            impersonation_duration: std::time::Duration::from_secs(IMPERSONATION_MINUTES * 60),
        })
    }

    /// The key that seals secrets: the configured one, or the key file in
    /// the data directory (created on first use). Sealed values outlive
    /// restarts only if the key does.
    pub fn sealing_key(&self) -> Result<SecretKey, ConfigError> {
        match &self.secret_key {
            Some(key) => Ok(key.clone()),
            None => SecretKey::load_or_create(&self.secret_key_file).map_err(|e| ConfigError(e.to_string())),
        }
    }
}

/// The edge custom domains must point at, the nameserver that is asked and
/// how long an unproven domain is looked at.
fn domain_checks(var: &impl Fn(&str) -> Option<String>, base_domain: &str) -> Result<DomainChecks, ConfigError> {
    let cname = var("PESPRO_EDGE_NAME").unwrap_or_else(|| format!("edge.{base_domain}"));
    let addresses = var("PESPRO_EDGE_ADDRESSES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| a.parse().map_err(|_| ConfigError(format!("PESPRO_EDGE_ADDRESSES: {a:?} is not an IP address"))))
        .collect::<Result<_, _>>()?;
    let resolver = match var("PESPRO_DNS_SERVER") {
        None => DomainResolver::system(),
        Some(raw) => {
            let address = raw.parse().map_err(|_| {
                ConfigError(format!("PESPRO_DNS_SERVER must be an address and port like 127.0.0.1:53, not {raw:?}"))
            })?;
            DomainResolver::at(address)
        }
    }
    .map_err(|e| ConfigError(format!("the DNS resolver for custom domains: {e}")))?;
    let mut policy = CheckPolicy::default();
    if let Some(raw) = var("PESPRO_DOMAIN_GIVE_UP_HOURS") {
        let hours: u64 = raw
            .parse()
            .map_err(|_| ConfigError(format!("PESPRO_DOMAIN_GIVE_UP_HOURS must be a number of hours, not {raw:?}")))?;
        policy.give_up_after = std::time::Duration::from_secs(hours * 3600);
    }
    Ok(DomainChecks { resolver, edge: EdgeTarget { cname, addresses }, policy })
}

/// Whether cargo-leptos left the site's hashed file names beside this
/// binary (`target/debug/hash.txt` after `make site`). Leptos reads them
/// from there to name the bundle in each page, and panics if told to and
/// the file is missing; a binary without one (a test, the benchmark's
/// release build) names the plain files.
fn beside_binary(file: &str) -> bool {
    std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join(file).is_file())).unwrap_or(false)
}
