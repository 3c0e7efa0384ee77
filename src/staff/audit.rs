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
    TotpEnrolled,
    TotpFailed,
    /// A single-use link to act as someone was issued (it may go unused).
    ImpersonationGranted,
    ImpersonationStarted,
    ImpersonationEnded,
    ImpersonationExpired,
    PlanChanged,
    FlagOverrideSet,
    FlagOverrideCleared,
}

impl StaffAction {
    pub const ALL: [StaffAction; 11] = [
        Self::SignInSucceeded,
        Self::SignInFailed,
        Self::TotpEnrolled,
        Self::TotpFailed,
        Self::ImpersonationGranted,
        Self::ImpersonationStarted,
        Self::ImpersonationEnded,
        Self::ImpersonationExpired,
        Self::PlanChanged,
        Self::FlagOverrideSet,
        Self::FlagOverrideCleared,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignInSucceeded => "staff.sign_in.succeeded",
            Self::SignInFailed => "staff.sign_in.failed",
            Self::TotpEnrolled => "staff.totp.enrolled",
            Self::TotpFailed => "staff.totp.failed",
            Self::ImpersonationGranted => "staff.impersonation.granted",
            Self::ImpersonationStarted => "staff.impersonation.started",
            Self::ImpersonationEnded => "staff.impersonation.ended",
            Self::ImpersonationExpired => "staff.impersonation.expired",
            Self::PlanChanged => "staff.plan.changed",
            Self::FlagOverrideSet => "staff.flag_override.set",
            Self::FlagOverrideCleared => "staff.flag_override.cleared",
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
    /// The staff email, or the one typed in a refused attempt.
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
