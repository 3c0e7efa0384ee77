//! "What would change if I saved these rates?" Before a rate change is
//! applied to existing entries, the firm sees every entry whose price would
//! move, and by how much. Approved and invoiced entries are never re-priced —
//! the client has seen them or a manager signed them off — so they are only
//! counted, to say how many the change leaves alone.

use super::{EntryContext, RateKind, RateRule, resolve};
use crate::money::{Minutes, amount_for};
use serde::{Deserialize, Serialize};

/// A time entry as it is priced today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricedEntry {
    pub entry_id: i64,
    pub ctx: EntryContext,
    pub minutes: Minutes,
    /// Approved or invoiced: its price is final.
    pub locked: bool,
    /// The rule that priced it; `None` if no rule did.
    pub rate_id: Option<i64>,
    /// Its hourly rate in minor units of `ctx.currency` (0 when unpriced).
    pub hourly_minor: i64,
}

/// One entry whose price would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceChange {
    pub entry_id: i64,
    pub from_rate_id: Option<i64>,
    /// `None`: no rule would price it any more.
    pub to_rate_id: Option<i64>,
    pub from_hourly_minor: i64,
    pub to_hourly_minor: Option<i64>,
    pub from_amount_minor: i64,
    /// `None` with `to_rate_id`.
    pub to_amount_minor: Option<i64>,
    /// Why the new rate applies, or that none does.
    pub explanation: String,
}

impl PriceChange {
    /// How much the entry's amount moves (an entry left unpriced counts as 0).
    pub fn delta_minor(&self) -> i64 {
        self.to_amount_minor.unwrap_or(0).saturating_sub(self.from_amount_minor)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepricePreview {
    pub changes: Vec<PriceChange>,
    /// Open entries whose rule and rate stay as they are.
    pub unchanged: usize,
    /// Approved or invoiced entries, left alone whatever the rules say.
    pub skipped_locked: usize,
}

impl RepricePreview {
    pub fn total_delta_minor(&self) -> i64 {
        self.changes.iter().fold(0i64, |sum, change| sum.saturating_add(change.delta_minor()))
    }
}

/// Prices `entries` again under `rules_after`. An entry changes when its
/// rule *or* its rate would change: even at the same rate, a different rule
/// means a different explanation on the invoice, and the stored `rate_id`
/// would be updated.
pub fn reprice_preview(entries: &[PricedEntry], rules_after: &[RateRule], kind: RateKind) -> RepricePreview {
    let mut preview = RepricePreview { changes: Vec::new(), unchanged: 0, skipped_locked: 0 };
    for entry in entries {
        if entry.locked {
            preview.skipped_locked += 1;
            continue;
        }
        let after = resolve(rules_after, kind, &entry.ctx);
        let to_rate_id = after.as_ref().map(|rate| rate.rate_id);
        let to_hourly_minor = after.as_ref().map(|rate| rate.hourly.minor);
        if to_rate_id == entry.rate_id && (entry.rate_id.is_none() || to_hourly_minor == Some(entry.hourly_minor)) {
            preview.unchanged += 1;
            continue;
        }
        preview.changes.push(PriceChange {
            entry_id: entry.entry_id,
            from_rate_id: entry.rate_id,
            to_rate_id,
            from_hourly_minor: entry.hourly_minor,
            to_hourly_minor,
            from_amount_minor: amount_for(entry.minutes, entry.hourly_minor),
            to_amount_minor: to_hourly_minor.map(|hourly| amount_for(entry.minutes, hourly)),
            explanation: after.map_or_else(|| "No rate applies to this entry any more".to_owned(), |r| r.explanation),
        });
    }
    preview
}
