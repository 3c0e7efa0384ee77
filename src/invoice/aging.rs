//! Accounts receivable: what clients still owe, by how late it is. The
//! buckets are the ones accountants read (current, 1–30, 31–60, 61–90 and
//! over 90 days past due), and amounts are only ever added up within one
//! currency.

use crate::money::Currency;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Bucket {
    Current,
    Days1To30,
    Days31To60,
    Days61To90,
    Over90,
}

impl Bucket {
    pub const ALL: [Bucket; 5] = [Self::Current, Self::Days1To30, Self::Days31To60, Self::Days61To90, Self::Over90];

    pub fn label(self) -> &'static str {
        match self {
            Self::Current => "Current",
            Self::Days1To30 => "1–30 days",
            Self::Days31To60 => "31–60 days",
            Self::Days61To90 => "61–90 days",
            Self::Over90 => "Over 90 days",
        }
    }

    /// Days past `due_on` on `today`; not yet due (or due today) is current.
    pub fn of(due_on: Date, today: Date) -> Self {
        match (today - due_on).whole_days() {
            i64::MIN..=0 => Self::Current,
            1..=30 => Self::Days1To30,
            31..=60 => Self::Days31To60,
            61..=90 => Self::Days61To90,
            _ => Self::Over90,
        }
    }
}

/// One open invoice as the aging report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    pub client: String,
    pub currency: Currency,
    pub due_on: Date,
    pub due_minor: i64,
}

/// Amounts per bucket, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgingRow {
    pub buckets: [i64; 5],
    pub total: i64,
}

impl AgingRow {
    pub(crate) fn add(&mut self, bucket: Bucket, amount: i64) {
        self.buckets[bucket as usize] += amount;
        self.total += amount;
    }
}

/// The report for one currency: a row per client and the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgingReport {
    pub currency: Currency,
    pub clients: Vec<(String, AgingRow)>,
    pub total: AgingRow,
}

/// Groups open items by currency (alphabetical), then client (alphabetical).
pub fn aging(items: &[OpenItem], today: Date) -> Vec<AgingReport> {
    let mut by_currency: BTreeMap<&str, BTreeMap<&str, AgingRow>> = BTreeMap::new();
    let mut currencies: BTreeMap<&str, Currency> = BTreeMap::new();
    for item in items {
        currencies.insert(item.currency.as_str(), item.currency);
        let row = by_currency.entry(item.currency.as_str()).or_default().entry(item.client.as_str()).or_default();
        row.add(Bucket::of(item.due_on, today), item.due_minor);
    }
    by_currency
        .into_iter()
        .map(|(code, clients)| {
            let mut total = AgingRow::default();
            for row in clients.values() {
                for (i, amount) in row.buckets.iter().enumerate() {
                    total.buckets[i] += amount;
                }
                total.total += row.total;
            }
            let clients = clients.into_iter().map(|(name, row)| (name.to_owned(), row)).collect();
            AgingReport { currency: currencies[code], clients, total }
        })
        .collect()
}
