//! Custom domains: a firm's own address (`time.acme-law.com`), served only
//! once the firm has proved it owns it through DNS.
//!
//! The rules are pure: which names a firm may add ([`name`]), what the DNS
//! answers mean ([`proof`]) and how a domain's status moves over time,
//! including when to look again ([`lifecycle`]). Resolving, storing and the
//! page that shows it all build on these.

pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod name;
pub mod proof;
#[cfg(feature = "ssr")]
pub mod resolve;
