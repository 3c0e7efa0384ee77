//! Unbilled work ("work in progress"): approved, billable time and
//! expenses that no invoice has taken yet, valued as a draft invoice would
//! value them, and aged by when the work was done — old unbilled work is
//! money the firm may never collect. Amounts are only added up within one
//! currency; time with no rate is counted in hours and listed apart.

use crate::money::Currency;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

/// How long ago the work was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Age {
    Days0To30,
    Days31To60,
    Days61To90,
    Over90,
}

impl Age {
    pub const ALL: [Age; 4] = [Self::Days0To30, Self::Days31To60, Self::Days61To90, Self::Over90];

    pub fn label(self) -> &'static str {
        match self {
            Self::Days0To30 => "0–30 days",
            Self::Days31To60 => "31–60 days",
            Self::Days61To90 => "61–90 days",
            Self::Over90 => "Over 90 days",
        }
    }

    /// The age of work done on `done_on`, read on `today` (work dated in
    /// the future is as young as it gets).
    pub fn of(done_on: Date, today: Date) -> Self {
        match (today - done_on).whole_days() {
            i64::MIN..=30 => Self::Days0To30,
            31..=60 => Self::Days31To60,
            61..=90 => Self::Days61To90,
            _ => Self::Over90,
        }
    }
}

/// Unbilled work on one engagement on one day, in one currency (none for
/// time whose rate is not known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnbilledItem {
    pub client: String,
    pub engagement: String,
    pub done_on: Date,
    pub minutes: u64,
    pub value_minor: i64,
    pub currency: Option<Currency>,
}

/// Amounts per age, in one currency, and the hours behind them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgedAmounts {
    pub by_age: [i64; 4],
    pub total: i64,
    pub minutes: u64,
}

impl AgedAmounts {
    fn add(&mut self, age: Age, value: i64, minutes: u64) {
        self.by_age[age as usize] += value;
        self.total += value;
        self.minutes += minutes;
    }
}

/// One currency's unbilled work: a row per client and engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnbilledReport {
    /// None: time recorded at no known rate (hours only).
    pub currency: Option<Currency>,
    /// (client, engagement, amounts), by client then engagement.
    pub rows: Vec<(String, String, AgedAmounts)>,
    pub total: AgedAmounts,
}

/// Groups `items` by currency (known ones alphabetically, then time with
/// no rate), client and engagement, aged on `today`.
pub fn unbilled(items: &[UnbilledItem], today: Date) -> Vec<UnbilledReport> {
    // Keyed by the client's name ignoring case first, so "acme" sorts
    // beside "Acme", then as written, then the engagement.
    type Rows<'a> = BTreeMap<(String, &'a str, &'a str), AgedAmounts>;
    let mut by_currency: BTreeMap<(bool, String), (Option<Currency>, Rows)> = BTreeMap::new();
    for item in items {
        let key = item.currency.map_or((true, String::new()), |c| (false, c.as_str().to_owned()));
        let (_, rows) = by_currency.entry(key).or_insert_with(|| (item.currency, BTreeMap::new()));
        let row = rows.entry((item.client.to_lowercase(), &item.client, &item.engagement)).or_default();
        row.add(Age::of(item.done_on, today), item.value_minor, item.minutes);
    }
    by_currency
        .into_values()
        .map(|(currency, rows)| {
            let mut total = AgedAmounts::default();
            let rows = rows
                .into_iter()
                .map(|((_, client, engagement), amounts)| {
                    for (i, value) in amounts.by_age.iter().enumerate() {
                        total.add(Age::ALL[i], *value, 0);
                    }
                    total.minutes += amounts.minutes;
                    (client.to_owned(), engagement.to_owned(), amounts)
                })
                .collect();
            UnbilledReport { currency, rows, total }
        })
        .collect()
}
