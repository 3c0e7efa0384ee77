//! What a staff member may do on the console. Support reads everything and
//! acts as a firm's person with a reason; an operator also runs firms'
//! lifecycle (open, suspend, resume, invite an administrator, retry a
//! migration), plans and flags; an owner also manages the staff. The
//! console asks [`StaffRole::may`] before every action and hides the forms
//! a role cannot use.

/// A staff member's role, stored as text in `platform.staff.role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StaffRole {
    Support,
    Operator,
    Owner,
}

/// What an action on the console needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffPermission {
    /// Every page, search and the trail; acting as a firm's person.
    Support,
    /// Opening, suspending and resuming firms, their plans, flags,
    /// administrators and migrations.
    RunFirms,
    /// Staff accounts: roles, removal, authenticator resets.
    ManageStaff,
}

impl StaffRole {
    pub const ALL: [StaffRole; 3] = [StaffRole::Support, StaffRole::Operator, StaffRole::Owner];

    pub fn may(self, permission: StaffPermission) -> bool {
        match permission {
            StaffPermission::Support => true,
            StaffPermission::RunFirms => self >= StaffRole::Operator,
            StaffPermission::ManageStaff => self == StaffRole::Owner,
        }
    }

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Support => "support",
            Self::Operator => "operator",
            Self::Owner => "owner",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Support => "Support",
            Self::Operator => "Operator",
            Self::Owner => "Owner",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_reads_and_impersonates_but_runs_no_firm() {
        assert!(StaffRole::Support.may(StaffPermission::Support));
        assert!(!StaffRole::Support.may(StaffPermission::RunFirms));
        assert!(!StaffRole::Support.may(StaffPermission::ManageStaff));
    }

    #[test]
    fn an_operator_runs_firms_and_only_an_owner_manages_staff() {
        assert!(StaffRole::Operator.may(StaffPermission::RunFirms));
        assert!(!StaffRole::Operator.may(StaffPermission::ManageStaff));
        assert!(StaffRole::Owner.may(StaffPermission::ManageStaff) && StaffRole::Owner.may(StaffPermission::RunFirms));
    }

    #[test]
    fn a_role_round_trips_through_its_stored_form() {
        for role in StaffRole::ALL {
            assert_eq!(StaffRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(StaffRole::parse("admin"), None);
    }
}
