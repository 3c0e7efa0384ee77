//! The platform's own audit trail (`platform.platform_audit_events`): what
//! staff did, above any firm. Impersonation is also written to the firm's
//! trail by the caller, so each side reads its own.

use crate::db::Database;
use crate::tenant::TenantId;
use std::net::IpAddr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffAction {
    SignInSucceeded,
    SignInFailed,
    /// An attempt (password or code) over the throttle's limit: unchecked.
    SignInThrottled,
    TotpEnrolled,
    /// An operator cleared a staff member's TOTP key (`pespro staff reset-totp`).
    TotpReset,
    TotpFailed,
    /// A single-use link to act as someone was issued (it may go unused).
    ImpersonationGranted,
    ImpersonationStarted,
    ImpersonationEnded,
    ImpersonationExpired,
    PlanChanged,
    FlagOverrideSet,
    FlagOverrideCleared,
    /// An operator restored a firm from a backup (`pespro tenant restore`).
    TenantRestored,
    /// An operator removed a firm for good (`pespro tenant delete`).
    TenantDeleted,
    /// An operator made a firm answer on a hostname, vouching that it is
    /// the firm's: served without a DNS proof (`pespro tenant add-host`).
    HostAdded,
    /// Staff opened a firm from the console.
    FirmCreated,
    FirmSuspended,
    FirmResumed,
    /// Staff invited an administrator into a firm (its first, or a new one
    /// when the firm has lost its own).
    AdministratorInvited,
    /// Staff ran a firm's pending migrations again after a failure.
    MigrationRetried,
    /// An owner gave a staff member another role.
    StaffRoleChanged,
    /// An owner removed a staff account.
    StaffRemoved,
}

impl StaffAction {
    pub const ALL: [StaffAction; 23] = [
        Self::SignInSucceeded,
        Self::SignInFailed,
        Self::SignInThrottled,
        Self::TotpEnrolled,
        Self::TotpReset,
        Self::TotpFailed,
        Self::ImpersonationGranted,
        Self::ImpersonationStarted,
        Self::ImpersonationEnded,
        Self::ImpersonationExpired,
        Self::PlanChanged,
        Self::FlagOverrideSet,
        Self::FlagOverrideCleared,
        Self::TenantRestored,
        Self::TenantDeleted,
        Self::HostAdded,
        Self::FirmCreated,
        Self::FirmSuspended,
        Self::FirmResumed,
        Self::AdministratorInvited,
        Self::MigrationRetried,
        Self::StaffRoleChanged,
        Self::StaffRemoved,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignInSucceeded => "staff.sign_in.succeeded",
            Self::SignInFailed => "staff.sign_in.failed",
            Self::SignInThrottled => "staff.sign_in.throttled",
            Self::TotpEnrolled => "staff.totp.enrolled",
            Self::TotpReset => "staff.totp.reset",
            Self::TotpFailed => "staff.totp.failed",
            Self::ImpersonationGranted => "staff.impersonation.granted",
            Self::ImpersonationStarted => "staff.impersonation.started",
            Self::ImpersonationEnded => "staff.impersonation.ended",
            Self::ImpersonationExpired => "staff.impersonation.expired",
            Self::PlanChanged => "staff.plan.changed",
            Self::FlagOverrideSet => "staff.flag_override.set",
            Self::FlagOverrideCleared => "staff.flag_override.cleared",
            Self::TenantRestored => "platform.tenant.restored",
            Self::TenantDeleted => "platform.tenant.deleted",
            Self::HostAdded => "platform.tenant.host_added",
            Self::FirmCreated => "staff.firm.created",
            Self::FirmSuspended => "staff.firm.suspended",
            Self::FirmResumed => "staff.firm.resumed",
            Self::AdministratorInvited => "staff.firm.administrator_invited",
            Self::MigrationRetried => "staff.firm.migration_retried",
            Self::StaffRoleChanged => "staff.account.role_changed",
            Self::StaffRemoved => "staff.account.removed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

/// One line of the platform trail.
#[derive(Debug, Clone, Default)]
pub struct PlatformEntry<'a> {
    pub staff_id: Option<i64>,
    /// The staff email; `audit::NOT_SIGNED_IN` for a refused attempt,
    /// whose typed email goes into `detail` as typed text.
    pub actor_label: &'a str,
    pub tenant_id: Option<TenantId>,
    pub user_id: Option<i64>,
    pub reason: &'a str,
    pub detail: &'a str,
    pub client_address: Option<IpAddr>,
}

pub async fn record_platform(db: &Database, action: StaffAction, entry: &PlatformEntry<'_>) -> Result<(), sqlx::Error> {
    let label: String = entry.actor_label.trim().chars().take(254).collect();
    sqlx::query(
        "insert into platform.platform_audit_events
             (staff_id, actor_label, action, tenant_id, user_id, reason, detail, client_address)
         values ($1, $2, $3, $4, $5, $6, $7, $8::inet)",
    )
    .bind(entry.staff_id)
    .bind(label)
    .bind(action.as_str())
    .bind(entry.tenant_id.map(|t| t.0))
    .bind(entry.user_id)
    .bind(entry.reason)
    .bind(entry.detail)
    .bind(entry.client_address.map(|ip| ip.to_string()))
    .execute(&mut *db.pool().acquire().await?)
    .await
    .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_staff_action_round_trips_through_its_stored_form() {
        for action in StaffAction::ALL {
            assert_eq!(StaffAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(StaffAction::parse("staff"), None);
    }
}
