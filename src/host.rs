//! Which firm a request is for, decided from its `Host`.
//!
//! `<slug>.<base domain>` names a firm by its slug, the admin host is the
//! platform's own console, and any other name may be a custom domain a firm
//! has registered. The rules are pure so they can be tested exhaustively; the
//! lookup of slugs and custom names happens in the tenant registry.

use crate::newtype::text_newtype;
use crate::slug::TenantSlug;
use serde::{Deserialize, Serialize};

/// A lowercase DNS hostname without port or trailing dot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Hostname(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HostnameError {
    #[error("a hostname is made of dot-separated labels of letters, digits and hyphens, like time.ledgerline.com")]
    Format,
    #[error("a custom hostname needs at least two labels, like ledgerline.com")]
    SingleLabel,
}

impl Hostname {
    pub fn parse(raw: &str) -> Result<Self, HostnameError> {
        let host = raw.trim().trim_end_matches('.').to_ascii_lowercase();
        if host.is_empty() || host.len() > 253 {
            return Err(HostnameError::Format);
        }
        let label_ok = |label: &str| {
            (1..=63).contains(&label.len())
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        };
        if !host.split('.').all(label_ok) {
            return Err(HostnameError::Format);
        }
        if !host.contains('.') {
            return Err(HostnameError::SingleLabel);
        }
        Ok(Self(host))
    }

    /// True when this name is `domain` itself or any name below it.
    pub fn is_within(&self, domain: &str) -> bool {
        self.0 == domain || self.0.ends_with(&format!(".{domain}"))
    }
}

text_newtype!(Hostname, HostnameError);

/// Where a request's host points, before any tenant is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostTarget {
    /// The platform staff console.
    Admin,
    /// `<slug>.<base domain>`.
    Subdomain(TenantSlug),
    /// A name outside the base domain that a firm may have registered.
    Custom(String),
}

/// The configured names that give a host its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostRules {
    base_domain: String,
    admin_host: String,
}

impl HostRules {
    pub fn new(base_domain: &str, admin_host: &str) -> Self {
        Self { base_domain: normalise(base_domain), admin_host: normalise(admin_host) }
    }

    pub fn base_domain(&self) -> &str {
        &self.base_domain
    }

    pub fn admin_host(&self) -> &str {
        &self.admin_host
    }

    /// A firm's own address, `<slug>.<base domain>`: where links to the firm
    /// point (custom domains are extra names, this one always works).
    pub fn firm_host(&self, slug: &TenantSlug) -> String {
        format!("{}.{}", slug.as_str(), self.base_domain)
    }

    /// The start of every link to the firm in an email
    /// (`scheme://host[:port]`): its chosen domain once it has one, else
    /// its own address; never the `Host` header of some request.
    pub fn firm_base(&self, slug: &TenantSlug, primary_host: Option<&str>, https: bool, port: Option<u16>) -> String {
        let host = primary_host.map(str::to_owned).unwrap_or_else(|| self.firm_host(slug));
        let scheme = if https { "https" } else { "http" };
        match port {
            None | Some(80 | 443) => format!("{scheme}://{host}"),
            Some(port) => format!("{scheme}://{host}:{port}"),
        }
    }

    /// Classifies the raw value of a `Host` (or trusted `X-Forwarded-Host`)
    /// header. `None` means the host can never belong to a firm.
    pub fn classify(&self, raw_host: &str) -> Option<HostTarget> {
        let host = normalise(strip_port(raw_host)?);
        if host.is_empty() {
            return None;
        }
        if host == self.admin_host {
            return Some(HostTarget::Admin);
        }
        if let Some(label) = host.strip_suffix(&self.base_domain).and_then(|h| h.strip_suffix('.')) {
            // Only a single label under the base domain names a firm; deeper
            // names and reserved labels are nobody's.
            return TenantSlug::parse(label).ok().map(HostTarget::Subdomain);
        }
        if host == self.base_domain {
            return None;
        }
        Hostname::parse(&host).ok().map(|h| HostTarget::Custom(h.0))
    }
}

fn normalise(host: &str) -> String {
    host.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Removes a `:port` suffix; IPv6 literals (`[::1]:3000`) are never firms.
fn strip_port(raw: &str) -> Option<&str> {
    if raw.starts_with('[') {
        return None;
    }
    match raw.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => Some(host),
        Some(_) => None,
        None => Some(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> HostRules {
        HostRules::new("localhost", "admin.localhost")
    }

    #[test]
    fn an_emailed_link_uses_the_firms_chosen_domain_and_the_public_port() {
        let acme = TenantSlug::parse("acme").unwrap();
        assert_eq!(rules().firm_base(&acme, None, false, Some(3000)), "http://acme.localhost:3000");
        assert_eq!(rules().firm_base(&acme, Some("time.acme.example"), true, Some(443)), "https://time.acme.example");
    }

    fn slug(s: &str) -> Option<HostTarget> {
        Some(HostTarget::Subdomain(TenantSlug::parse(s).unwrap()))
    }

    #[test]
    fn a_firm_subdomain_names_the_firm_by_slug() {
        assert_eq!(rules().classify("ledgerline.localhost"), slug("ledgerline"));
    }

    #[test]
    fn a_firms_own_host_is_its_slug_under_the_base_domain_and_classifies_back_to_it() {
        let host = rules().firm_host(&TenantSlug::parse("ledgerline").unwrap());
        assert_eq!(host, "ledgerline.localhost");
        assert_eq!(rules().classify(&host), slug("ledgerline"));
    }

    #[test]
    fn the_port_is_ignored() {
        assert_eq!(rules().classify("ledgerline.localhost:3000"), slug("ledgerline"));
    }

    #[test]
    fn case_and_a_trailing_dot_do_not_matter() {
        assert_eq!(rules().classify("LedgerLine.LOCALHOST."), slug("ledgerline"));
    }

    #[test]
    fn the_admin_host_is_the_console_not_a_firm() {
        assert_eq!(rules().classify("admin.localhost:3000"), Some(HostTarget::Admin));
    }

    #[test]
    fn the_bare_base_domain_is_nobodys() {
        assert_eq!(rules().classify("localhost:3000"), None);
    }

    #[test]
    fn reserved_labels_under_the_base_domain_are_nobodys() {
        assert_eq!(rules().classify("www.localhost"), None);
        assert_eq!(rules().classify("api.localhost"), None);
    }

    #[test]
    fn nested_names_under_the_base_domain_are_nobodys() {
        assert_eq!(rules().classify("a.ledgerline.localhost"), None);
    }

    #[test]
    fn a_name_that_only_ends_with_the_base_domain_text_is_not_a_subdomain() {
        assert_eq!(rules().classify("evillocalhost.com"), Some(HostTarget::Custom("evillocalhost.com".into())));
        assert_eq!(rules().classify("evillocalhost"), None);
    }

    #[test]
    fn other_names_are_candidates_for_a_custom_domain() {
        assert_eq!(
            rules().classify("Time.Harbor-Law.example:443"),
            Some(HostTarget::Custom("time.harbor-law.example".into()))
        );
    }

    #[test]
    fn ip_addresses_and_garbage_are_nobodys() {
        assert_eq!(rules().classify("[::1]:3000"), None);
        assert_eq!(rules().classify("ledgerline.localhost:abc"), None);
        assert_eq!(rules().classify("bad host.example"), None);
        assert_eq!(rules().classify(""), None);
    }

    #[test]
    fn a_custom_base_domain_is_honoured() {
        let rules = HostRules::new("pespro.example", "console.pespro.example");
        assert_eq!(rules.classify("ledgerline.pespro.example"), slug("ledgerline"));
        assert_eq!(rules.classify("console.pespro.example"), Some(HostTarget::Admin));
        assert_eq!(rules.classify("ledgerline.localhost"), Some(HostTarget::Custom("ledgerline.localhost".into())));
    }

    #[test]
    fn hostnames_are_lowercased_and_must_have_two_labels() {
        assert_eq!(Hostname::parse("Time.Ledgerline.COM.").unwrap().as_str(), "time.ledgerline.com");
        assert_eq!(Hostname::parse("intranet"), Err(HostnameError::SingleLabel));
    }

    #[test]
    fn hostnames_refuse_bad_labels() {
        for raw in ["-a.com", "a-.com", "a..com", "a_b.com", "a b.com", "a.com/x"] {
            assert_eq!(Hostname::parse(raw), Err(HostnameError::Format), "{raw}");
        }
    }

    #[test]
    fn a_hostname_knows_whether_it_lies_within_a_domain() {
        let host = Hostname::parse("billing.localhost").unwrap();
        assert!(host.is_within("localhost"));
        assert!(!Hostname::parse("notlocalhost.com").unwrap().is_within("localhost"));
    }
}
