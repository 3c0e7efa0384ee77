//! What staff type to open a firm from the console — its short name, name,
//! plan and first administrator — checked with the domain's own rules
//! before anything touches the database, so a refusal names the field and
//! says what to change.

use crate::brand::{DEFAULT_ACCENT, DEFAULT_PRIMARY, DisplayName};
use crate::email::EmailAddress;
use crate::flags::Plan;
use crate::person::PersonName;
use crate::slug::TenantSlug;
use crate::tenancy::NewTenant;
use serde::Deserialize;

/// The new-firm form as posted, kept to fill the form again on a refusal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct TypedFirm {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub plan: String,
    #[serde(default)]
    pub admin_email: String,
    #[serde(default)]
    pub admin_name: String,
}

/// A firm ready to provision, and whom to invite as its administrator.
#[derive(Debug, Clone)]
pub struct NewFirm {
    pub tenant: NewTenant,
    pub admin_email: EmailAddress,
    pub admin_name: PersonName,
}

/// The invite-an-administrator form as posted (on a firm's console page).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct TypedAdmin {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub reason: String,
}

/// The administrator to invite, or the first field that is wrong and why.
pub fn parse_admin(typed: &TypedAdmin) -> Result<(EmailAddress, PersonName), String> {
    let email = EmailAddress::parse(&typed.email).map_err(|e| format!("Administrator's email: {e}."))?;
    let name = PersonName::parse(&typed.name).map_err(|e| format!("Administrator's name: {e}."))?;
    Ok((email, name))
}

/// The firm, or the first field that is wrong and why, as a sentence.
pub fn parse_new_firm(typed: &TypedFirm) -> Result<NewFirm, String> {
    let slug = TenantSlug::parse(typed.slug.trim()).map_err(|e| format!("Short name: {e}."))?;
    let name = DisplayName::parse(&typed.name).map_err(|e| format!("Name: {e}."))?;
    let plan = Plan::parse(&typed.plan).ok_or("Plan: choose one of the listed plans.")?;
    let admin = TypedAdmin { email: typed.admin_email.clone(), name: typed.admin_name.clone(), reason: String::new() };
    let (admin_email, admin_name) = parse_admin(&admin)?;
    let tenant = NewTenant {
        slug,
        display_name: name,
        admin_email: Some(admin_email.clone()),
        primary: DEFAULT_PRIMARY,
        accent: DEFAULT_ACCENT,
        logo: None,
        plan,
    };
    Ok(NewFirm { tenant, admin_email, admin_name })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> TypedFirm {
        TypedFirm {
            slug: "harbor-law".to_owned(),
            name: "Harbor Law".to_owned(),
            plan: "starter".to_owned(),
            admin_email: "hana@harbor.example".to_owned(),
            admin_name: "Hana Harbor".to_owned(),
        }
    }

    #[test]
    fn a_complete_form_gives_the_firm_on_its_plan_with_its_administrator() {
        let firm = parse_new_firm(&typed()).unwrap();
        assert_eq!(firm.tenant.slug.as_str(), "harbor-law");
        assert_eq!(firm.tenant.plan, Plan::Starter);
        assert_eq!(firm.tenant.admin_email.as_ref().map(EmailAddress::as_str), Some("hana@harbor.example"));
        assert_eq!(firm.admin_name.as_str(), "Hana Harbor");
    }

    #[test]
    fn a_reserved_short_name_is_refused_by_naming_the_field() {
        let refused = parse_new_firm(&TypedFirm { slug: "admin".to_owned(), ..typed() }).unwrap_err();
        assert!(refused.starts_with("Short name: ") && refused.contains("reserved"), "{refused}");
    }

    #[test]
    fn an_unknown_plan_or_a_missing_administrator_is_refused() {
        let plan = parse_new_firm(&TypedFirm { plan: "gold".to_owned(), ..typed() }).unwrap_err();
        assert_eq!(plan, "Plan: choose one of the listed plans.");
        let email = parse_new_firm(&TypedFirm { admin_email: "hana".to_owned(), ..typed() }).unwrap_err();
        assert!(email.starts_with("Administrator's email: "), "{email}");
        let name = parse_new_firm(&TypedFirm { admin_name: " ".to_owned(), ..typed() }).unwrap_err();
        assert!(name.starts_with("Administrator's name: "), "{name}");
    }
}
