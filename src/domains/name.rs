//! Which names a firm may add as a custom domain. A name typed by a firm
//! admin ends up in DNS queries, certificate requests and the host lookup
//! of every request, so it is normalised once, here: trimmed, one trailing
//! dot dropped, lowercased, and an internationalised name converted to the
//! ASCII form DNS uses (IDNA, UTS #46: `tïme.example` → `xn--tme-zma.example`).
//! Each refusal says what to type instead. (Server-side only: the IDNA
//! tables would add to the browser's bundle for a form used once.)

use crate::host::{HostRules, Hostname, HostnameError};
use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameRefusal {
    #[error("type the name only, without http:// or a path: like time.your-firm.com")]
    Address,
    #[error("leave out the port: certificates and DNS are for names, like time.your-firm.com")]
    Port,
    #[error("a wildcard can't be verified; add each name people will use, like time.your-firm.com")]
    Wildcard,
    #[error("an IP address can't be a firm's domain; use a name that points at the platform")]
    IpAddress,
    #[error("{0}")]
    Format(HostnameError),
    #[error("a domain ends in a top-level domain of letters, like .com or .law")]
    NumericTop,
    #[error("{0} belongs to the platform itself; your firm already has {1}")]
    Platform(String, String),
}

/// A custom domain as typed, checked against the platform's own names.
pub fn parse_custom_domain(raw: &str, rules: &HostRules, firm_host: &str) -> Result<Hostname, NameRefusal> {
    let typed = raw.trim();
    let typed = typed.strip_suffix('.').unwrap_or(typed);
    if typed.contains("://") || typed.contains('/') || typed.contains('?') || typed.contains('@') {
        return Err(NameRefusal::Address);
    }
    if typed.contains('*') {
        return Err(NameRefusal::Wildcard);
    }
    let bare = typed.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<IpAddr>().is_ok() {
        return Err(NameRefusal::IpAddress);
    }
    if typed.contains(':') {
        return Err(NameRefusal::Port);
    }
    let ascii = idna::domain_to_ascii(typed).map_err(|_| NameRefusal::Format(HostnameError::Format))?;
    let host = Hostname::parse(&ascii).map_err(NameRefusal::Format)?;
    let top = host.as_str().rsplit('.').next().unwrap_or_default();
    if top.bytes().all(|b| b.is_ascii_digit()) {
        // All-numeric labels read as an IPv4 address in some resolvers.
        return Err(NameRefusal::NumericTop);
    }
    if host.is_within(rules.base_domain()) || host.as_str() == rules.admin_host() {
        return Err(NameRefusal::Platform(host.to_string(), firm_host.to_owned()));
    }
    Ok(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> HostRules {
        HostRules::new("pespro.app", "admin.pespro.app")
    }

    fn parse(raw: &str) -> Result<String, NameRefusal> {
        parse_custom_domain(raw, &rules(), "acme.pespro.app").map(|h| h.to_string())
    }

    #[test]
    fn a_plain_name_is_kept_as_typed() {
        assert_eq!(parse("time.acme-law.com").unwrap(), "time.acme-law.com");
    }

    #[test]
    fn uppercase_surrounding_spaces_and_one_trailing_dot_are_forgiven() {
        assert_eq!(parse("  Time.ACME-Law.com. ").unwrap(), "time.acme-law.com");
    }

    #[test]
    fn an_internationalised_name_becomes_its_ascii_form() {
        // Expected values from Python's own IDNA codec ("tïme".encode("idna")).
        assert_eq!(parse("tïme.bücher.example").unwrap(), "xn--tme-zma.xn--bcher-kva.example");
        assert_eq!(parse("TÏME.example").unwrap(), "xn--tme-zma.example", "lowercased by UTS 46 too");
    }

    #[test]
    fn addresses_with_a_scheme_or_path_are_refused_with_what_to_type() {
        for raw in ["https://time.acme.com", "time.acme.com/login", "user@time.acme.com", "time.acme.com?x=1"] {
            assert_eq!(parse(raw), Err(NameRefusal::Address), "{raw}");
        }
    }

    #[test]
    fn ports_wildcards_and_ip_addresses_are_refused_each_with_its_reason() {
        assert_eq!(parse("time.acme.com:443"), Err(NameRefusal::Port));
        assert_eq!(parse("*.acme.com"), Err(NameRefusal::Wildcard));
        for raw in ["192.0.2.10", "[2001:db8::1]", "2001:db8::1"] {
            assert_eq!(parse(raw), Err(NameRefusal::IpAddress), "{raw}");
        }
        assert_eq!(parse("time.acme.123"), Err(NameRefusal::NumericTop));
    }

    #[test]
    fn malformed_names_are_refused_as_the_hostname_rules_say() {
        assert_eq!(parse("acme"), Err(NameRefusal::Format(HostnameError::SingleLabel)));
        for raw in ["", "-time.acme.com", "time..acme.com", "time_acme.com", &format!("{}.com", "a".repeat(64))] {
            assert!(matches!(parse(raw), Err(NameRefusal::Format(_))), "{raw}");
        }
    }

    #[test]
    fn the_platform_s_own_names_are_never_a_firm_s_domain() {
        for raw in ["pespro.app", "other-firm.pespro.app", "admin.pespro.app", "deep.acme.pespro.app"] {
            assert!(matches!(parse(raw), Err(NameRefusal::Platform(..))), "{raw}");
        }
        let message = parse("beta.pespro.app").unwrap_err().to_string();
        assert!(message.contains("acme.pespro.app"), "{message}");
    }
}
