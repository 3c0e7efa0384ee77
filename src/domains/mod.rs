//! Custom domains: a firm's own address (`time.acme-law.com`), served only
//! once the firm has proved it owns it through DNS.
//!
//! The rules are pure: which names a firm may add ([`name`]), what the DNS
//! answers mean ([`proof`]) and how a domain's status moves over time,
//! including when to look again ([`lifecycle`]). [`resolve`] asks DNS,
//! [`check`] stores what a check found and runs the background checks; a
//! firm's own changes (add, remove, primary) are `tenancy::domains`.

#[cfg(feature = "ssr")]
pub mod check;
pub mod firm_domain;
pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod name;
pub mod proof;
#[cfg(feature = "ssr")]
pub mod resolve;

pub use firm_domain::{DnsRecord, FirmDomain, MOST_PER_FIRM};
