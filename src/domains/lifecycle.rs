//! How a custom domain's status moves, and when it is looked at again.
//!
//! ```text
//!   added ──► pending ──proven──► verified ──certificate──► active
//!               │  ▲                 │                         │
//!        gave up│  │proven      not proven (drift)        not proven
//!               ▼  │                 ▼                         ▼
//!             failed ◄───────────────┴─────────────────────────┘
//! ```
//!
//! A domain is served (and may get a certificate) only while verified or
//! active. While unproven it is looked at again with back-off — a minute,
//! then twice as long each time up to an hour — until a configured period
//! has passed since it became unproven; then only "Check now" looks again.
//! A proven domain is looked at every few hours, so a TXT record removed
//! later (drift) is noticed and the domain stops being served. A resolver
//! that gives no answer changes nothing: only an answer can fail a domain.

use super::proof::Finding;
use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DomainStatus {
    Pending,
    Verified,
    Active,
    Failed,
}

impl DomainStatus {
    pub const ALL: [Self; 4] = [Self::Pending, Self::Verified, Self::Active, Self::Failed];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Verified => "verified",
            Self::Active => "active",
            Self::Failed => "failed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// As the domains page shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Waiting for DNS",
            Self::Verified => "Verified",
            Self::Active => "Active (certificate issued)",
            Self::Failed => "Not verified",
        }
    }

    /// Whether requests for the domain are answered as the firm's, and a
    /// certificate may be issued for it.
    pub fn serves(self) -> bool {
        matches!(self, Self::Verified | Self::Active)
    }
}

/// How often, and for how long, unproven domains are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckPolicy {
    pub first_retry: Duration,
    pub max_retry: Duration,
    /// After this long unproven, automatic checks stop.
    pub give_up_after: Duration,
    /// How often a proven domain is looked at for drift.
    pub recheck_every: Duration,
}

impl Default for CheckPolicy {
    fn default() -> Self {
        Self {
            first_retry: Duration::from_secs(60),
            max_retry: Duration::from_secs(3600),
            give_up_after: Duration::from_secs(72 * 3600),
            recheck_every: Duration::from_secs(6 * 3600),
        }
    }
}

/// A domain as the lifecycle needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DomainState {
    pub status: DomainStatus,
    /// Checks since it was last proven (or added).
    pub attempts: u32,
    /// How long it has been unproven (zero while proven).
    pub unproven_for: Duration,
}

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AfterCheck {
    pub status: DomainStatus,
    pub attempts: u32,
    /// Whether it became (or stayed) proven with this check: the caller
    /// records when, and clears its unproven time.
    pub proven: bool,
    /// When to look again; `None`: only when someone presses "Check now".
    pub next_check_in: Option<Duration>,
}

impl CheckPolicy {
    fn backoff(&self, attempts: u32) -> Duration {
        let factor = 1u32.checked_shl(attempts.min(20)).unwrap_or(u32::MAX);
        self.first_retry.saturating_mul(factor).min(self.max_retry)
    }
}

/// Where a domain goes after a check found `finding`.
pub fn after_check(state: DomainState, finding: &Finding, policy: &CheckPolicy) -> AfterCheck {
    let attempts = state.attempts.saturating_add(1);
    let retry = |status| AfterCheck { status, attempts, proven: false, next_check_in: Some(policy.backoff(attempts)) };
    match finding {
        Finding::Proven => AfterCheck {
            status: match state.status {
                DomainStatus::Pending | DomainStatus::Failed | DomainStatus::Verified => DomainStatus::Verified,
                DomainStatus::Active => DomainStatus::Active,
            },
            attempts: 0,
            proven: true,
            next_check_in: Some(policy.recheck_every),
        },
        // No answer is no news: a proven domain stays served.
        Finding::LookupFailed(_) => retry(state.status),
        _ if state.status.serves() => AfterCheck {
            status: DomainStatus::Failed,
            attempts: 0,
            proven: false,
            next_check_in: Some(policy.first_retry),
        },
        _ if state.unproven_for >= policy.give_up_after => {
            AfterCheck { status: DomainStatus::Failed, attempts, proven: false, next_check_in: None }
        }
        _ => retry(state.status),
    }
}

/// The edge obtained a certificate for a verified domain.
pub fn after_certificate(status: DomainStatus) -> DomainStatus {
    if status == DomainStatus::Verified { DomainStatus::Active } else { status }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    fn state(status: DomainStatus, attempts: u32, unproven_hours: u64) -> DomainState {
        DomainState { status, attempts, unproven_for: Duration::from_secs(unproven_hours * 3600) }
    }

    fn check(state: DomainState, finding: Finding) -> AfterCheck {
        after_check(state, &finding, &CheckPolicy::default())
    }

    #[test]
    fn a_pending_domain_proven_by_dns_becomes_verified_and_is_looked_at_again_in_six_hours() {
        let after = check(state(DomainStatus::Pending, 3, 1), Finding::Proven);
        assert_eq!(after.status, DomainStatus::Verified);
        assert!(after.proven);
        assert_eq!((after.attempts, after.next_check_in), (0, Some(Duration::from_secs(6 * 3600))));
    }

    #[test]
    fn an_unproven_pending_domain_is_looked_at_after_one_two_four_minutes_up_to_an_hour() {
        let waits: Vec<_> = (0..8)
            .map(|attempts| {
                check(state(DomainStatus::Pending, attempts, 1), Finding::TxtMissing).next_check_in.unwrap()
            })
            .collect();
        assert_eq!(&waits[..3], &[2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
        assert_eq!(waits[7], 60 * MINUTE);
        assert_eq!(check(state(DomainStatus::Pending, 0, 1), Finding::TxtMissing).status, DomainStatus::Pending);
    }

    #[test]
    fn after_seventy_two_hours_unproven_a_pending_domain_fails_and_checks_stop() {
        let after = check(state(DomainStatus::Pending, 80, 72), Finding::TxtMissing);
        assert_eq!((after.status, after.next_check_in), (DomainStatus::Failed, None));
    }

    #[test]
    fn a_verified_domain_whose_txt_record_is_removed_fails_at_once_and_is_no_longer_served() {
        let after = check(state(DomainStatus::Active, 0, 0), Finding::TxtMissing);
        assert_eq!(after.status, DomainStatus::Failed);
        assert!(!after.status.serves());
        assert_eq!(after.next_check_in, Some(MINUTE), "looked at again soon, in case it was a slip");
    }

    #[test]
    fn a_resolver_without_an_answer_never_fails_a_served_domain() {
        let after = check(state(DomainStatus::Active, 0, 0), Finding::LookupFailed("timeout".into()));
        assert_eq!(after.status, DomainStatus::Active);
        assert!(!after.proven);
    }

    #[test]
    fn a_failed_domain_proven_again_is_verified_again() {
        assert_eq!(check(state(DomainStatus::Failed, 5, 100), Finding::Proven).status, DomainStatus::Verified);
    }

    #[test]
    fn an_active_domain_proven_again_stays_active() {
        assert_eq!(check(state(DomainStatus::Active, 0, 0), Finding::Proven).status, DomainStatus::Active);
    }

    #[test]
    fn only_a_verified_domain_becomes_active_with_a_certificate() {
        assert_eq!(after_certificate(DomainStatus::Verified), DomainStatus::Active);
        assert_eq!(after_certificate(DomainStatus::Pending), DomainStatus::Pending);
        assert_eq!(after_certificate(DomainStatus::Failed), DomainStatus::Failed);
    }

    #[test]
    fn only_verified_and_active_domains_are_served() {
        let served: Vec<_> = DomainStatus::ALL.into_iter().filter(|s| s.serves()).collect();
        assert_eq!(served, [DomainStatus::Verified, DomainStatus::Active]);
    }

    #[test]
    fn every_status_reads_back_from_its_stored_form() {
        for status in DomainStatus::ALL {
            assert_eq!(DomainStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn a_huge_attempt_count_does_not_overflow_the_wait() {
        let after = check(state(DomainStatus::Pending, u32::MAX - 1, 1), Finding::TxtMissing);
        assert_eq!(after.next_check_in, Some(60 * MINUTE));
    }
}
