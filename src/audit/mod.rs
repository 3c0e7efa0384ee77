//! A firm's audit trail: who did what, when, from where. Rows are only ever
//! added. The action vocabulary is closed (an enum), so the trail can be
//! filtered and explained reliably as it grows: invitations, role changes,
//! SSO settings and impersonation join it as they are built.

pub(crate) mod csv_file;
mod filter;
#[cfg(feature = "ssr")]
mod store;

pub use csv_file::to_csv;
pub use filter::AuditFilter;
#[cfg(feature = "ssr")]
pub use store::{AuditEntry, EXPORT_LIMIT, PAGE_SIZE, matching, page, record};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    SignInSucceeded,
    SignInFailed,
    SignedOut,
    RoleChanged,
    UserDeactivated,
    PasswordChanged,
    PasswordReset,
    UserInvited,
    /// Someone changed their own name as the firm shows it.
    NameChanged,
    /// An invitation sent again, with a new link (the old one ends).
    InvitationResent,
    /// An invitation taken back before it was accepted.
    InvitationRevoked,
    WeekSubmitted,
    WeekApproved,
    WeekSentBack,
    ExpenseSubmitted,
    ExpenseApproved,
    ExpenseSentBack,
    ClientAdded,
    ClientChanged,
    EngagementAdded,
    EngagementChanged,
    SsoConfigured,
    /// A platform staff member began acting as someone, for support.
    ImpersonationStarted,
    /// …and stopped (by choice, or because the time ran out).
    ImpersonationEnded,
    /// A new version of an approval policy was saved.
    WorkflowChanged,
    /// An administrator reopened a submitted or approved timesheet.
    TimesheetUnlocked,
    /// Teams or who belongs to them changed (and with it, who approves).
    TeamChanged,
    /// PesPro staff moved the firm to another plan.
    PlanChanged,
    /// PesPro staff set or cleared a feature's value for the firm.
    FeatureOverridden,
    /// An administrator narrowed a feature, or reset it.
    FeatureSettingChanged,
    /// An administrator imported time from another tool's export.
    TimeImported,
    /// A rate rule was added, re-pricing the open entries it applies to.
    RateAdded,
    /// An engagement created by mistake (nothing recorded against it) was deleted.
    EngagementDeleted,
    /// A sign-in attempt over the throttle's limit: refused unchecked.
    SignInThrottled,
    /// A staff member, acting as someone for support, posted a form or
    /// called a server function — anything but a page load (the subject
    /// says what was called, the detail the grant's reason).
    ActedForSupport,
    /// An administrator downloaded all of the firm's data.
    DataExported,
    /// A draft invoice was built from unbilled work.
    InvoiceDrafted,
    /// A draft's lines changed (withdrawing any approvals given).
    InvoiceChanged,
    InvoiceSubmitted,
    InvoiceDecided,
    InvoiceSent,
    PaymentRecorded,
    InvoiceVoided,
    InvoiceDeleted,
    /// The invoice format, taxes or terms changed.
    InvoicingChanged,
    /// The firm's name or colours changed on the branding page.
    BrandingChanged,
    /// The firm's time zone was changed.
    TimeZoneChanged,
    /// The firm's date or number format was changed.
    FormatsChanged,
    /// The first day of the firm's weeks was changed.
    WeekStartChanged,
    /// What the firm's reports count (default capacity, utilization basis).
    ReportDefinitionsChanged,
    /// A person's own weekly capacity was set or cleared.
    CapacityChanged,
    /// A report was saved to be e-mailed on a schedule.
    ReportScheduled,
    /// A scheduled report was stopped.
    ReportUnscheduled,
    /// A custom domain was added, removed or made the primary.
    DomainsChanged,
    /// The accounting system or its accounts and tax codes changed.
    AccountingChanged,
    /// A batch was exported for the accounting system.
    AccountingExported,
    /// Documents already exported were deliberately exported again.
    AccountingReexported,
    /// A month-end pack was prepared.
    AccountingPackPrepared,
}

impl AuditAction {
    pub const ALL: [AuditAction; 58] = [
        Self::SignInSucceeded,
        Self::SignInFailed,
        Self::SignedOut,
        Self::RoleChanged,
        Self::UserDeactivated,
        Self::PasswordChanged,
        Self::PasswordReset,
        Self::UserInvited,
        Self::NameChanged,
        Self::InvitationResent,
        Self::InvitationRevoked,
        Self::WeekSubmitted,
        Self::WeekApproved,
        Self::WeekSentBack,
        Self::ExpenseSubmitted,
        Self::ExpenseApproved,
        Self::ExpenseSentBack,
        Self::ClientAdded,
        Self::ClientChanged,
        Self::EngagementAdded,
        Self::EngagementChanged,
        Self::SsoConfigured,
        Self::ImpersonationStarted,
        Self::ImpersonationEnded,
        Self::WorkflowChanged,
        Self::TimesheetUnlocked,
        Self::TeamChanged,
        Self::PlanChanged,
        Self::FeatureOverridden,
        Self::FeatureSettingChanged,
        Self::TimeImported,
        Self::RateAdded,
        Self::EngagementDeleted,
        Self::SignInThrottled,
        Self::ActedForSupport,
        Self::DataExported,
        Self::InvoiceDrafted,
        Self::InvoiceChanged,
        Self::InvoiceSubmitted,
        Self::InvoiceDecided,
        Self::InvoiceSent,
        Self::PaymentRecorded,
        Self::InvoiceVoided,
        Self::InvoiceDeleted,
        Self::InvoicingChanged,
        Self::BrandingChanged,
        Self::TimeZoneChanged,
        Self::FormatsChanged,
        Self::WeekStartChanged,
        Self::ReportDefinitionsChanged,
        Self::CapacityChanged,
        Self::ReportScheduled,
        Self::ReportUnscheduled,
        Self::DomainsChanged,
        Self::AccountingChanged,
        Self::AccountingExported,
        Self::AccountingReexported,
        Self::AccountingPackPrepared,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignInSucceeded => "sign_in.succeeded",
            Self::SignInFailed => "sign_in.failed",
            Self::SignedOut => "sign_out",
            Self::RoleChanged => "user.role_changed",
            Self::UserDeactivated => "user.deactivated",
            Self::PasswordChanged => "user.password_changed",
            Self::PasswordReset => "user.password_reset",
            Self::UserInvited => "user.invited",
            Self::NameChanged => "user.renamed",
            Self::InvitationResent => "user.invitation_resent",
            Self::InvitationRevoked => "user.invitation_revoked",
            Self::WeekSubmitted => "timesheet.submitted",
            Self::WeekApproved => "timesheet.approved",
            Self::WeekSentBack => "timesheet.sent_back",
            Self::ExpenseSubmitted => "expense.submitted",
            Self::ExpenseApproved => "expense.approved",
            Self::ExpenseSentBack => "expense.sent_back",
            Self::ClientAdded => "client.added",
            Self::ClientChanged => "client.changed",
            Self::EngagementAdded => "engagement.added",
            Self::EngagementChanged => "engagement.changed",
            Self::SsoConfigured => "sso.configured",
            Self::ImpersonationStarted => "impersonation.started",
            Self::ImpersonationEnded => "impersonation.ended",
            Self::WorkflowChanged => "workflow.changed",
            Self::TimesheetUnlocked => "timesheet.unlocked",
            Self::TeamChanged => "team.changed",
            Self::PlanChanged => "plan.changed",
            Self::FeatureOverridden => "feature.overridden",
            Self::FeatureSettingChanged => "feature.setting_changed",
            Self::TimeImported => "time.imported",
            Self::RateAdded => "rate.added",
            Self::EngagementDeleted => "engagement.deleted",
            Self::SignInThrottled => "sign_in.throttled",
            Self::ActedForSupport => "impersonation.action",
            Self::DataExported => "firm.exported",
            Self::InvoiceDrafted => "invoice.drafted",
            Self::InvoiceChanged => "invoice.changed",
            Self::InvoiceSubmitted => "invoice.submitted",
            Self::InvoiceDecided => "invoice.decided",
            Self::InvoiceSent => "invoice.sent",
            Self::PaymentRecorded => "invoice.payment",
            Self::InvoiceVoided => "invoice.voided",
            Self::InvoiceDeleted => "invoice.deleted",
            Self::InvoicingChanged => "invoicing.changed",
            Self::BrandingChanged => "branding.changed",
            Self::TimeZoneChanged => "firm.time_zone_changed",
            Self::FormatsChanged => "firm.formats_changed",
            Self::WeekStartChanged => "firm.week_start_changed",
            Self::ReportDefinitionsChanged => "firm.report_definitions_changed",
            Self::CapacityChanged => "user.capacity_changed",
            Self::ReportScheduled => "report.scheduled",
            Self::ReportUnscheduled => "report.unscheduled",
            Self::DomainsChanged => "domains.changed",
            Self::AccountingChanged => "accounting.changed",
            Self::AccountingExported => "accounting.exported",
            Self::AccountingReexported => "accounting.reexported",
            Self::AccountingPackPrepared => "accounting.pack",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }

    /// How the audit page names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::SignInSucceeded => "Signed in",
            Self::SignInFailed => "Sign-in refused",
            Self::SignedOut => "Signed out",
            Self::RoleChanged => "Changed a role",
            Self::UserDeactivated => "Deactivated a person",
            Self::PasswordChanged => "Changed their password",
            Self::PasswordReset => "Set a new password from an emailed link",
            Self::UserInvited => "Invited a person",
            Self::NameChanged => "Changed their name",
            Self::InvitationResent => "Sent an invitation again",
            Self::InvitationRevoked => "Revoked an invitation",
            Self::WeekSubmitted => "Submitted a week",
            Self::WeekApproved => "Approved a week (or a step of it)",
            Self::WeekSentBack => "Sent a week back",
            Self::ExpenseSubmitted => "Submitted an expense",
            Self::ExpenseApproved => "Approved an expense (or a step of it)",
            Self::ExpenseSentBack => "Sent an expense back",
            Self::ClientAdded => "Added a client",
            Self::ClientChanged => "Changed a client's details",
            Self::EngagementAdded => "Added an engagement",
            Self::EngagementChanged => "Changed an engagement's terms",
            Self::SsoConfigured => "Changed the single sign-on settings",
            Self::ImpersonationStarted => "Started acting as a person for support",
            Self::ImpersonationEnded => "Stopped acting as a person for support",
            Self::WorkflowChanged => "Changed an approval workflow",
            Self::TimesheetUnlocked => "Unlocked a timesheet",
            Self::TeamChanged => "Changed a team",
            Self::PlanChanged => "Changed the firm's plan",
            Self::FeatureOverridden => "Changed a feature for the firm",
            Self::FeatureSettingChanged => "Changed a feature setting",
            Self::TimeImported => "Imported time from another tool",
            Self::RateAdded => "Added a rate",
            Self::EngagementDeleted => "Deleted an engagement",
            Self::SignInThrottled => "Sign-in held back: too many attempts",
            Self::ActedForSupport => "Used PesPro while acting for support",
            Self::DataExported => "Downloaded all of the firm's data",
            Self::InvoiceDrafted => "Drafted an invoice",
            Self::InvoiceChanged => "Changed a draft invoice",
            Self::InvoiceSubmitted => "Submitted an invoice for approval",
            Self::InvoiceDecided => "Approved or rejected an invoice",
            Self::InvoiceSent => "Sent an invoice",
            Self::PaymentRecorded => "Recorded a payment",
            Self::InvoiceVoided => "Voided an invoice",
            Self::InvoiceDeleted => "Deleted a draft invoice",
            Self::InvoicingChanged => "Changed the invoice settings",
            Self::BrandingChanged => "Changed the firm's branding",
            Self::TimeZoneChanged => "Changed the firm's time zone",
            Self::FormatsChanged => "Changed the firm's date and number formats",
            Self::WeekStartChanged => "Changed the first day of the firm's weeks",
            Self::ReportDefinitionsChanged => "Changed what the firm's reports count",
            Self::CapacityChanged => "Changed a person's weekly capacity",
            Self::ReportScheduled => "Scheduled a report by e-mail",
            Self::ReportUnscheduled => "Stopped a scheduled report",
            Self::DomainsChanged => "Changed the firm's custom domains",
            Self::AccountingChanged => "Changed the accounting hand-off settings",
            Self::AccountingExported => "Exported a batch for the accounting system",
            Self::AccountingReexported => "Exported documents to the accounting system again",
            Self::AccountingPackPrepared => "Prepared a month-end pack",
        }
    }
}

/// The actor of an attempt made by someone not (yet) signed in. What they
/// typed is never shown as a person: it goes into the detail, as typed text
/// ([`typed_email`]).
pub const NOT_SIGNED_IN: &str = "Not signed in";

/// The detail for an attempt that typed `email`: quoted, labelled as typed,
/// and cut short, since anyone can type anything there.
pub fn typed_email(email: &str) -> String {
    const LONGEST: usize = 120;
    let typed = email.trim();
    let shown: String = typed.chars().take(LONGEST).collect();
    let cut = if typed.chars().count() > LONGEST { "…" } else { "" };
    format!("email typed: \u{201c}{shown}{cut}\u{201d}")
}

/// One line of the trail, as the audit page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub audit_event_id: i64,
    /// RFC 3339, UTC.
    pub occurred_at: String,
    /// As people read it, on their clock: "3 Dec 2026, 14:58".
    pub when: String,
    pub actor: String,
    pub action: AuditAction,
    /// Whom it was about, and how (e.g. "manager → admin").
    pub subject: String,
    pub detail: String,
    pub client_address: Option<String>,
}

/// A page of the trail, newest first, and the cursor for the next (older) one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub events: Vec<AuditEvent>,
    pub older_than: Option<i64>,
    /// What the page is narrowed to.
    pub filter: AuditFilter,
    /// The zone its times are in (the reader's).
    pub time_zone: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_through_its_stored_form() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("sign_in"), None);
    }

    #[test]
    fn a_typed_email_is_quoted_and_labelled_as_typed() {
        assert_eq!(typed_email(" ada@x.example "), "email typed: \u{201c}ada@x.example\u{201d}");
    }

    #[test]
    fn a_long_typed_email_is_cut_short() {
        let detail = typed_email(&"a".repeat(500));
        assert!(detail.chars().count() < 140);
        assert!(detail.ends_with("…\u{201d}"));
    }
}
