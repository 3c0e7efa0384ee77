//! Requests and server errors per minute over the last hour, counted by
//! this process for the console's health chart. Sixty slots, one per minute
//! of the hour, each two atomic counters: counting a request is two relaxed
//! atomic additions, with no lock and no allocation on the request path.
//! The first request of a new minute clears that minute's slot from an hour
//! ago; a request counted in the instant between is lost, which a chart of
//! rates can afford.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

const MINUTES: usize = 60;

#[derive(Default)]
struct Slot {
    /// Which minute (since the Unix epoch) the counts are for.
    minute: AtomicU64,
    requests: AtomicU64,
    errors: AtomicU64,
}

pub struct RequestMetrics {
    slots: [Slot; MINUTES],
}

impl Default for RequestMetrics {
    fn default() -> Self {
        Self { slots: std::array::from_fn(|_| Slot::default()) }
    }
}

/// One minute's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinuteCount {
    pub requests: u64,
    pub errors: u64,
}

impl RequestMetrics {
    pub fn record(&self, minute: u64, error: bool) {
        let slot = &self.slots[(minute % MINUTES as u64) as usize];
        let seen = slot.minute.load(Relaxed);
        if seen != minute && slot.minute.compare_exchange(seen, minute, Relaxed, Relaxed).is_ok() {
            slot.requests.store(0, Relaxed);
            slot.errors.store(0, Relaxed);
        }
        slot.requests.fetch_add(1, Relaxed);
        if error {
            slot.errors.fetch_add(1, Relaxed);
        }
    }

    /// The sixty minutes up to and including `minute`, oldest first.
    pub fn last_hour(&self, minute: u64) -> Vec<MinuteCount> {
        (0..MINUTES as u64)
            .rev()
            .map(|ago| {
                let wanted = minute.saturating_sub(ago);
                let slot = &self.slots[(wanted % MINUTES as u64) as usize];
                if slot.minute.load(Relaxed) == wanted && wanted + ago == minute {
                    MinuteCount { requests: slot.requests.load(Relaxed), errors: slot.errors.load(Relaxed) }
                } else {
                    MinuteCount { requests: 0, errors: 0 }
                }
            })
            .collect()
    }
}

/// The minute now, since the Unix epoch.
pub fn this_minute() -> u64 {
    crate::console::unix_now() / 60
}

/// The layer: every request, and whether it ended in a server error.
pub async fn count(State(metrics): State<Arc<RequestMetrics>>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    metrics.record(this_minute(), response.status().is_server_error());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_errors_are_counted_in_their_minute() {
        let metrics = RequestMetrics::default();
        metrics.record(1_000, false);
        metrics.record(1_000, true);
        metrics.record(1_002, false);
        let hour = metrics.last_hour(1_002);
        assert_eq!(hour.len(), 60);
        assert_eq!(hour[57], MinuteCount { requests: 2, errors: 1 });
        assert_eq!(hour[58], MinuteCount { requests: 0, errors: 0 });
        assert_eq!(hour[59], MinuteCount { requests: 1, errors: 0 });
    }

    #[test]
    fn a_minute_from_an_hour_ago_is_cleared_not_added_to() {
        let metrics = RequestMetrics::default();
        metrics.record(1_000, true);
        metrics.record(1_060, false);
        assert_eq!(metrics.last_hour(1_060)[59], MinuteCount { requests: 1, errors: 0 });
        assert_eq!(metrics.last_hour(1_060)[0], MinuteCount { requests: 0, errors: 0 }, "1,001 was never seen");
    }

    #[test]
    fn minutes_nobody_asked_for_are_zero() {
        assert!(RequestMetrics::default().last_hour(5).iter().all(|m| m.requests == 0));
    }
}
