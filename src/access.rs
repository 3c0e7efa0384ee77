//! Who may do what inside a firm. Roles are few and fixed; what each may do
//! is one pure function, checked by every server function on the server and
//! used by the UI only to hide what a role cannot do.

use crate::flags::Feature;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Records their own time and expenses; sees the firm's clients.
    Employee,
    /// An employee who also approves their team's work and looks after clients.
    Manager,
    /// Runs the firm's settings: users, branding, workflows, sign-in.
    Admin,
}

/// Something a person may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    ViewPractice,
    ManageClients,
    ManageUsers,
    ManageFirmSettings,
    ReadAuditLog,
    /// The firm's single sign-on settings: admin-only, and never while a
    /// staff member is impersonating (see [`CurrentUser::may`]).
    ManageSso,
    /// Approve or reject other people's submitted work (timesheets,
    /// expenses). Who must approve a given document is the firm's workflow
    /// policy's business; this only says who may open the inbox at all.
    ApproveWork,
    /// Change how the firm's money or approvals work: workflow policies,
    /// rates, imports of time, reopening submitted weeks (and invoice
    /// settings as they come). Admin-only; while a staff member is
    /// impersonating, only if their grant says so (see [`CurrentUser::may`]).
    ChangeMoneyRules,
    /// Download all of the firm's data. Admin-only, and never while a
    /// staff member is impersonating: support has no business carrying a
    /// firm's data away.
    ExportFirmData,
    /// Build, send and collect invoices: draft from approved work, edit
    /// drafts, send approved ones, record payments, void. Managers and
    /// administrators. Approving an invoice is [`Permission::ApproveWork`]
    /// (the firm's policy says whose approval counts); the invoice format
    /// and taxes are [`Permission::ChangeMoneyRules`].
    ManageInvoices,
    /// Read the firm's reports on everyone (utilization of every person,
    /// budgets, unbilled work). Managers and administrators; everyone
    /// else reads only their own utilization.
    ReadFirmReports,
}

impl Permission {
    /// Whether a staff member acting as someone for support may do this.
    /// Changing who can sign in, or how, would let support entrench itself
    /// or lock the firm out: those are the firm's own decisions.
    pub fn allowed_while_impersonated(self) -> bool {
        // Approving is the firm's judgement on its own people's work, and
        // support acting as a manager must not be able to give it.
        // Money and approval rules are the firm's too, unless the grant
        // allows them ([`Impersonator::may_change_money_rules`]).
        !matches!(
            self,
            Permission::ManageUsers
                | Permission::ManageSso
                | Permission::ApproveWork
                | Permission::ChangeMoneyRules
                | Permission::ExportFirmData
        )
    }
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Employee, Role::Manager, Role::Admin];

    pub fn allows(self, permission: Permission) -> bool {
        match permission {
            Permission::ViewPractice => true,
            Permission::ManageClients
            | Permission::ApproveWork
            | Permission::ManageInvoices
            | Permission::ReadFirmReports => {
                matches!(self, Role::Manager | Role::Admin)
            }
            Permission::ManageUsers
            | Permission::ManageFirmSettings
            | Permission::ReadAuditLog
            | Permission::ManageSso
            | Permission::ChangeMoneyRules
            | Permission::ExportFirmData => self == Role::Admin,
        }
    }

    /// The stored form (also the form field value).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Employee => "employee",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Employee => "Employee",
            Role::Manager => "Manager",
            Role::Admin => "Administrator",
        }
    }
}

/// The person a request is made by, as the UI may know them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Set when a platform staff member is acting as this person for
    /// support: every page shows it, and some permissions are withheld.
    #[serde(default)]
    pub impersonated_by: Option<Impersonator>,
    /// The firm's features that are on, resolved on the server for this
    /// request (never taken from the client): the page hides the others,
    /// and server functions check the firm's flags themselves.
    #[serde(default)]
    pub features: Vec<Feature>,
    /// Notifications not read yet, for the header's count.
    #[serde(default)]
    pub unread_notices: u32,
    /// How the firm writes dates and numbers, so the browser writes them
    /// as the server does.
    #[serde(default)]
    pub formats: crate::formats::Formats,
    /// The clock they read times on: their own time zone, else the
    /// firm's (a name PostgreSQL knows; see `practice::time_zones`).
    #[serde(default)]
    pub time_zone: String,
}

/// The staff member behind an impersonated session, as the banner shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impersonator {
    pub staff_name: String,
    /// When the impersonation ends, as shown ("in 25 minutes").
    pub ends_at: String,
    /// The grant allows changing money and approval rules (chosen on the
    /// console, with the reason, and recorded there).
    #[serde(default)]
    pub may_change_money_rules: bool,
}

impl CurrentUser {
    pub fn may(&self, permission: Permission) -> bool {
        let while_impersonated = |by: &Impersonator| {
            permission.allowed_while_impersonated()
                || (permission == Permission::ChangeMoneyRules && by.may_change_money_rules)
        };
        self.role.allows(permission) && self.impersonated_by.as_ref().is_none_or(while_impersonated)
    }

    /// Who this person is in an audit trail: their email, or — while a
    /// staff member acts as them — "Staff <name> as <email>", so every
    /// action taken for support is attributed to the staff member too.
    pub fn audit_label(&self) -> String {
        match &self.impersonated_by {
            Some(by) => format!("Staff {} as {}", by.staff_name, self.email),
            None => self.email.clone(),
        }
    }

    pub fn is_impersonated(&self) -> bool {
        self.impersonated_by.is_some()
    }

    /// Whether the firm has `feature` on (for showing it; enforcement is
    /// the server's, from the firm's flags).
    pub fn has(&self, feature: Feature) -> bool {
        self.features.contains(&feature)
    }
}

/// Someone in the firm, as the people page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    /// `Some` while they have been invited and not joined yet (listed as
    /// such; `None` in the answers of role changes and deactivation).
    #[serde(default)]
    pub invitation: Option<Invitation>,
}

/// An invitation not taken up yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Invitation {
    /// Its link works until this moment.
    Until(time::OffsetDateTime),
    /// Its link ran out unused: send it again, or revoke it.
    Expired,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("you can't change your own role or deactivate yourself; ask another administrator")]
pub struct OwnAccountError;

/// Administrators change other people, never themselves: a firm cannot lock
/// out its last administrator by accident, and a stolen session cannot
/// quietly entrench itself.
pub fn check_change_of(actor: &CurrentUser, target_user_id: i64) -> Result<(), OwnAccountError> {
    if actor.user_id == target_user_id { Err(OwnAccountError) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_may_view_the_practice() {
        assert!(Role::ALL.iter().all(|r| r.allows(Permission::ViewPractice)));
    }

    #[test]
    fn an_employee_may_not_manage_clients_users_or_settings_nor_read_the_audit_log() {
        for p in [
            Permission::ManageClients,
            Permission::ManageUsers,
            Permission::ManageFirmSettings,
            Permission::ReadAuditLog,
        ] {
            assert!(!Role::Employee.allows(p), "{p:?}");
        }
    }

    #[test]
    fn a_manager_may_manage_clients_but_not_users_or_settings() {
        assert!(Role::Manager.allows(Permission::ManageClients));
        assert!(!Role::Manager.allows(Permission::ManageUsers));
        assert!(!Role::Manager.allows(Permission::ManageFirmSettings));
        assert!(!Role::Manager.allows(Permission::ReadAuditLog));
    }

    #[test]
    fn an_admin_may_do_everything() {
        for p in [
            Permission::ViewPractice,
            Permission::ManageClients,
            Permission::ManageUsers,
            Permission::ManageFirmSettings,
        ] {
            assert!(Role::Admin.allows(p), "{p:?}");
        }
    }

    fn admin(user_id: i64) -> CurrentUser {
        CurrentUser {
            user_id,
            email: "a@x.example".into(),
            display_name: "A".into(),
            role: Role::Admin,
            impersonated_by: None,
            features: Vec::new(),
            unread_notices: 0,
            formats: Default::default(),
            time_zone: String::new(),
        }
    }

    fn impersonated_admin() -> CurrentUser {
        let by = Impersonator {
            staff_name: "Sam Support".into(),
            ends_at: "14:05 UTC".into(),
            may_change_money_rules: false,
        };
        CurrentUser { impersonated_by: Some(by), ..admin(1) }
    }

    #[test]
    fn only_an_admin_may_manage_single_sign_on() {
        assert!(Role::Admin.allows(Permission::ManageSso));
        assert!(!Role::Manager.allows(Permission::ManageSso));
        assert!(!Role::Employee.allows(Permission::ManageSso));
    }

    #[test]
    fn managers_and_admins_read_the_firms_reports_and_employees_only_their_own() {
        assert!(Role::Manager.allows(Permission::ReadFirmReports));
        assert!(Role::Admin.allows(Permission::ReadFirmReports));
        assert!(!Role::Employee.allows(Permission::ReadFirmReports));
    }

    #[test]
    fn managers_and_admins_may_approve_work_but_employees_may_not() {
        assert!(Role::Manager.allows(Permission::ApproveWork));
        assert!(Role::Admin.allows(Permission::ApproveWork));
        assert!(!Role::Employee.allows(Permission::ApproveWork));
    }

    #[test]
    fn an_impersonated_manager_may_not_approve_work() {
        let user = CurrentUser { role: Role::Manager, ..impersonated_admin() };
        assert!(!user.may(Permission::ApproveWork));
    }

    #[test]
    fn an_impersonated_admin_may_not_manage_people_or_single_sign_on() {
        let user = impersonated_admin();
        assert!(user.is_impersonated());
        assert!(!user.may(Permission::ManageUsers));
        assert!(!user.may(Permission::ManageSso));
    }

    #[test]
    fn an_impersonated_admin_keeps_the_rest_of_the_role() {
        let user = impersonated_admin();
        for p in [Permission::ViewPractice, Permission::ManageClients, Permission::ReadAuditLog] {
            assert!(user.may(p), "{p:?}");
        }
        assert!(admin(1).may(Permission::ManageUsers), "without impersonation the admin may");
    }

    #[test]
    fn an_impersonated_admin_may_not_change_money_rules_unless_the_grant_says_so() {
        let plain = impersonated_admin();
        assert!(!plain.may(Permission::ChangeMoneyRules));
        assert!(admin(1).may(Permission::ChangeMoneyRules), "the admin themself may");
        let mut granted = impersonated_admin();
        if let Some(by) = granted.impersonated_by.as_mut() {
            by.may_change_money_rules = true;
        }
        assert!(granted.may(Permission::ChangeMoneyRules));
        assert!(!granted.may(Permission::ManageUsers), "the grant widens money rules only");
    }

    #[test]
    fn a_manager_may_never_change_money_rules_whatever_the_grant() {
        let mut user = CurrentUser { role: Role::Manager, ..impersonated_admin() };
        if let Some(by) = user.impersonated_by.as_mut() {
            by.may_change_money_rules = true;
        }
        assert!(!user.may(Permission::ChangeMoneyRules));
    }

    #[test]
    fn an_impersonated_person_is_named_with_the_staff_member_in_the_trail() {
        assert_eq!(impersonated_admin().audit_label(), "Staff Sam Support as a@x.example");
        assert_eq!(admin(1).audit_label(), "a@x.example");
    }

    #[test]
    fn an_administrator_may_change_someone_else() {
        assert_eq!(check_change_of(&admin(1), 2), Ok(()));
    }

    #[test]
    fn an_administrator_may_not_change_their_own_account() {
        assert_eq!(check_change_of(&admin(1), 1), Err(OwnAccountError));
    }

    #[test]
    fn a_role_round_trips_through_its_stored_form_and_unknown_forms_are_refused() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("owner"), None);
        assert_eq!(Role::parse("Admin"), None);
    }
}
