//! What a firm admin types to connect the firm's own identity provider, and
//! the rules it must meet. Pure, so the settings form checks each field as
//! it is typed with the same rule the server applies on save; and the domain
//! rule that decides who may come in through the provider lives here too.

use crate::access::Role;
use crate::email::EmailAddress;
use serde::{Deserialize, Serialize};

/// Settings as the admin submits them (the form's fields are `form[<name>]`;
/// an unticked checkbox is absent, hence the default). The client secret is
/// optional on later saves: left blank, the stored one is kept (it is never
/// shown again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoSettingsForm {
    pub provider_name: String,
    pub issuer_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub allowed_domains: String,
    pub default_role: String,
    #[serde(default)]
    pub require_sso: bool,
    pub break_glass_email: String,
}

/// Settings that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SsoSettings {
    pub provider_name: String,
    pub issuer_url: String,
    pub client_id: String,
    pub allowed_domains: Vec<String>,
    pub default_role: Role,
    pub require_sso: bool,
    /// The one account that may still use a password when SSO is required,
    /// so a broken provider cannot lock the firm out.
    pub break_glass_email: Option<EmailAddress>,
}

/// A rule a field broke: which field, and a message for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> FieldProblem {
    FieldProblem { field, message: message.into() }
}

pub fn check_provider_name(raw: &str) -> Result<String, FieldProblem> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(problem("provider_name", "name the provider, e.g. Okta or Microsoft Entra ID")),
        1..=60 => Ok(name),
        _ => Err(problem("provider_name", "use at most 60 characters")),
    }
}

/// An issuer is an absolute http(s) URL without query or fragment (OpenID
/// Connect Discovery §2). Whether it may be fetched is the server's call.
pub fn check_issuer_url(raw: &str) -> Result<String, FieldProblem> {
    let url = raw.trim().trim_end_matches('/');
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err(problem("issuer_url", "enter the issuer URL, starting with https://"));
    };
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || url.contains(['?', '#', ' ']) || url.len() > 300 {
        return Err(problem("issuer_url", "enter the issuer URL exactly as the provider shows it"));
    }
    Ok(url.to_owned())
}

pub fn check_client_id(raw: &str) -> Result<String, FieldProblem> {
    let id = raw.trim();
    if id.is_empty() || id.len() > 255 || id.chars().any(char::is_control) {
        Err(problem("client_id", "enter the client ID the provider gave you"))
    } else {
        Ok(id.to_owned())
    }
}

/// Domains separated by commas, spaces or lines; lowercased, without a
/// leading `@`. At least one: a provider that vouches for any address would
/// let strangers in.
pub fn check_allowed_domains(raw: &str) -> Result<Vec<String>, FieldProblem> {
    let mut domains: Vec<String> = raw
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|d| d.trim().trim_start_matches('@').to_ascii_lowercase())
        .filter(|d| !d.is_empty())
        .collect();
    domains.dedup();
    if domains.is_empty() {
        return Err(problem("allowed_domains", "list at least one email domain, e.g. yourfirm.com"));
    }
    let valid = |d: &str| {
        d.contains('.')
            && d.len() <= 253
            && d.split('.').all(|label| {
                !label.is_empty()
                    && !label.starts_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
    };
    match domains.iter().find(|d| !valid(d)) {
        Some(bad) => Err(problem("allowed_domains", format!("“{bad}” is not a domain name"))),
        None => Ok(domains),
    }
}

/// Whether the provider may vouch for `email`: its domain must be listed
/// exactly (a subdomain is a different organisation until listed).
pub fn domain_allowed(email: &str, allowed: &[String]) -> bool {
    email.rsplit_once('@').is_some_and(|(_, domain)| allowed.iter().any(|d| d.eq_ignore_ascii_case(domain)))
}

impl SsoSettingsForm {
    /// Every rule at once, so the form can show all problems together.
    pub fn check(&self) -> Result<SsoSettings, Vec<FieldProblem>> {
        fn keep<T>(problems: &mut Vec<FieldProblem>, result: Result<T, FieldProblem>) -> Option<T> {
            result.map_err(|p| problems.push(p)).ok()
        }
        let mut problems = Vec::new();
        let p = &mut problems;
        let provider_name = keep(p, check_provider_name(&self.provider_name));
        let issuer_url = keep(p, check_issuer_url(&self.issuer_url));
        let client_id = keep(p, check_client_id(&self.client_id));
        let allowed_domains = keep(p, check_allowed_domains(&self.allowed_domains));
        let default_role =
            keep(p, Role::parse(&self.default_role).ok_or_else(|| problem("default_role", "choose a role")));
        let break_glass = match self.break_glass_email.trim() {
            "" if self.require_sso => {
                keep(p, Err(problem("break_glass_email", "name one admin who may still use a password")))
            }
            "" => Some(None),
            raw => keep(p, EmailAddress::parse(raw).map(Some).map_err(|e| problem("break_glass_email", e.to_string()))),
        };
        match (provider_name, issuer_url, client_id, allowed_domains, default_role, break_glass) {
            (Some(provider_name), Some(issuer_url), Some(client_id), Some(allowed_domains), Some(role), Some(bg))
                if problems.is_empty() =>
            {
                Ok(SsoSettings {
                    provider_name,
                    issuer_url,
                    client_id,
                    allowed_domains,
                    default_role: role,
                    require_sso: self.require_sso,
                    break_glass_email: bg,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Why a single sign-on attempt ended without signing in. It travels to
/// the sign-in page as a short code in the URL (never raw provider text), and
/// the page shows the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoProblem {
    NotConfigured,
    ProviderUnavailable,
    Cancelled,
    AttemptExpired,
    AnswerRejected,
    EmailUnverified,
    DomainNotAllowed,
    Deactivated,
    /// Nobody can be created: the firm is at its plan's limit of people.
    SeatLimit,
}

impl SsoProblem {
    pub const ALL: [SsoProblem; 9] = [
        Self::NotConfigured,
        Self::ProviderUnavailable,
        Self::Cancelled,
        Self::AttemptExpired,
        Self::AnswerRejected,
        Self::EmailUnverified,
        Self::DomainNotAllowed,
        Self::Deactivated,
        Self::SeatLimit,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::NotConfigured => "not-configured",
            Self::ProviderUnavailable => "unavailable",
            Self::Cancelled => "cancelled",
            Self::AttemptExpired => "expired",
            Self::AnswerRejected => "rejected",
            Self::EmailUnverified => "unverified",
            Self::DomainNotAllowed => "domain",
            Self::Deactivated => "deactivated",
            Self::SeatLimit => "seats",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::NotConfigured => "This firm does not use single sign-on. Sign in with your email and password.",
            Self::ProviderUnavailable => {
                "We couldn't reach your identity provider. Try again in a moment, or ask your administrator."
            }
            Self::Cancelled => "Single sign-on was cancelled. You can try again.",
            Self::AttemptExpired => "That sign-in attempt expired or was already used. Please start again.",
            Self::AnswerRejected => "Your identity provider's answer could not be verified, so nobody was signed in.",
            Self::EmailUnverified => "Your identity provider has not verified your email address.",
            Self::DomainNotAllowed => "Your email address is not in a domain this firm allows.",
            Self::Deactivated => "Your account here is deactivated. Ask your firm's administrator.",
            Self::SeatLimit => {
                "This firm already has as many active people as its plan allows, so no account could be created \
                 for you. Ask your firm's administrator."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SsoSettingsForm {
        SsoSettingsForm {
            provider_name: "Okta".into(),
            issuer_url: "https://firm.okta.com/".into(),
            client_id: "0oa123".into(),
            client_secret: "s3cret".into(),
            allowed_domains: "Firm.com, @firm.co.uk".into(),
            default_role: "employee".into(),
            require_sso: false,
            break_glass_email: String::new(),
        }
    }

    #[test]
    fn a_complete_form_passes_with_tidied_values() {
        let settings = form().check().unwrap();

        assert_eq!(settings.issuer_url, "https://firm.okta.com");
        assert_eq!(settings.allowed_domains, ["firm.com", "firm.co.uk"]);
        assert_eq!(settings.default_role, Role::Employee);
    }

    #[test]
    fn requiring_sso_needs_a_break_glass_admin() {
        let problems = SsoSettingsForm { require_sso: true, ..form() }.check().unwrap_err();

        assert_eq!(problems[0].field, "break_glass_email");
    }

    #[test]
    fn every_broken_field_is_reported_at_once() {
        let broken = SsoSettingsForm {
            provider_name: " ".into(),
            issuer_url: "ftp://x".into(),
            allowed_domains: "".into(),
            ..form()
        };

        let fields: Vec<_> = broken.check().unwrap_err().into_iter().map(|p| p.field).collect();

        assert_eq!(fields, ["provider_name", "issuer_url", "allowed_domains"]);
    }

    #[test]
    fn an_issuer_with_a_query_or_fragment_is_refused() {
        assert!(check_issuer_url("https://idp.example/?x=1").is_err());
        assert!(check_issuer_url("https://idp.example/#a").is_err());
        assert!(check_issuer_url("https:///path").is_err());
    }

    #[test]
    fn a_domain_without_a_dot_or_with_odd_characters_is_refused() {
        assert!(check_allowed_domains("localhost").is_err());
        assert!(check_allowed_domains("firm.com, fi_rm.com").is_err());
    }

    #[test]
    fn every_problem_code_maps_back_to_itself() {
        for problem in SsoProblem::ALL {
            assert_eq!(SsoProblem::from_code(problem.code()), Some(problem));
        }
        assert_eq!(SsoProblem::from_code("<script>"), None);
    }

    #[test]
    fn only_listed_domains_are_allowed_and_subdomains_are_not_implied() {
        let allowed = vec!["firm.com".to_owned()];

        assert!(domain_allowed("ada@FIRM.com", &allowed));
        assert!(!domain_allowed("ada@eu.firm.com", &allowed));
        assert!(!domain_allowed("ada@firm.com.evil.example", &allowed));
        assert!(!domain_allowed("no-at-sign", &allowed));
    }
}
